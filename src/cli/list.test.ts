import { Command } from 'commander';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { registerList } from './list.js';

async function list(...args: string[]): Promise<string> {
  const written: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (written.push(String(chunk)), true));
  try {
    const program = new Command('infoloop').exitOverride();
    registerList(program);
    await program.parseAsync(['node', 'infoloop', 'list', ...args]);
  } finally {
    spy.mockRestore();
  }
  return written.join('');
}

describe('infoloop list', () => {
  afterEach(() => vi.restoreAllMocks());

  it("prints each policy with its keys, types and defaults from the schema", async () => {
    const text = await list('policies');
    expect(text).toMatch(/^policies \(3\)/);
    expect(text).toMatch(/mix — a fraction λ of each training set is fresh real data\n\s+key\s+type\s+default/);
    expect(text).toMatch(/lambda\s+number ≥ 0, ≤ 1\s+required/);
    expect(text).toMatch(/replace — train on this generation only\n\s+\(no parameters\)/);
  });

  it('gives JSON with the defaults a config gets', async () => {
    const learners = JSON.parse(await list('learners', '--json')) as { name: string; params: { name: string; default: string | null }[] }[];
    const categorical = learners.find((l) => l.name === 'categorical')!;
    expect(categorical.params.find((p) => p.name === 'alpha')?.default).toBe('1');
    expect(learners.map((l) => l.name)).toEqual(expect.arrayContaining(['gaussian', 'categorical', 'ngram', 'transformer']));
  });

  it('lists every kind without an argument, the gym families among the tasks', async () => {
    const text = await list();
    for (const kind of ['tasks', 'learners', 'signals', 'selectors', 'policies']) expect(text).toMatch(new RegExp(`^${kind} \\(\\d+\\)$`, 'm'));
    expect(text).toMatch(/^addition — arithmetic/m);
  });

  it('rejects an unknown kind with the known ones', async () => {
    await expect(list('polices')).rejects.toThrow(/kind "polices" is unknown/);
  });
});
