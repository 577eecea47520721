import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerExp } from './exp.js';

const root = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'infoloop-exp-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function program(): Command {
  const command = new Command('infoloop').exitOverride();
  registerExp(command);
  return command;
}

describe('infoloop exp', () => {
  it('rejects a non-integer --seeds or --jobs with a hint', async () => {
    await expect(program().parseAsync(['node', 'infoloop', 'exp', 'claim2', '--seeds', 'many'])).rejects.toThrow(/--seeds must be a positive integer/);
    await expect(program().parseAsync(['node', 'infoloop', 'exp', 'claim2', '--jobs', '0'])).rejects.toThrow(/--jobs must be a positive integer/);
  });

  it('rejects an unknown claim with a suggestion', async () => {
    await expect(program().parseAsync(['node', 'infoloop', 'exp', 'claim22', '--out', root, '--quiet'])).rejects.toThrow(/claim "claim22" is unknown/);
  });

  it('runs a claim and prints where its summary is and the verdict', async () => {
    const written: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
    try {
      await program().parseAsync(['node', 'infoloop', 'exp', 'claim2', '--quick', '--seeds', '2', '--jobs', '1', '--quiet', '--out', root]);
    } finally {
      spy.mockRestore();
    }
    expect(written.join('')).toContain(join(root, 'claim2', 'summary.md'));
    expect(written.join('')).toMatch(/claim2 (supported|not supported|inconclusive):/);
    expect(existsSync(join(root, 'claim2', 'summary.json'))).toBe(true);
  });
});
