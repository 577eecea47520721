/**
 * What the terminal shows, through the real executable: the hacking alarm where people look
 * (a warning line, meta.json, the ledger's hacking_alarm column), `--quiet`, and examples whose
 * comments name columns that exist.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TABLE_COLUMNS } from '../src/report/table.js';
import { infoloop, ROOT } from './cli-helpers.js';

const root = mkdtempSync(join(tmpdir(), 'infoloop-terminal-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('the hacking alarm is visible', () => {
  const run = infoloop(['run', 'examples/reward-hacking.yaml', '--set', 'generations=4', '--out', join(root, 'loud')]);
  const dir = run.stdout.split('\n')[0];

  it('as a warning line on the terminal when it turns on, once', () => {
    expect(run.status).toBe(0);
    const alarms = run.stderr.split('\n').filter((line) => line.includes('hacking alarm'));
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatch(/^warning: generation \d+: hacking alarm: the signal rewards \w+ = ".+" beyond correctness/);
  });

  it('in meta.json and in the ledger column hacking_alarm', () => {
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { warnings: string[] };
    expect(meta.warnings.some((w) => w.includes('hacking alarm'))).toBe(true);
    const table = infoloop(['ledger', dir, '--columns', 'generation,accuracy,hacking_alarm']);
    expect(table.status).toBe(0);
    const lines = table.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/generation\s+accuracy\s+hacking_alarm/);
    expect(lines.slice(2).map((line) => line.trim().split(/\s+/)[2])).toContain('true');
    expect(lines[2].trim().split(/\s+/)[2]).toBe('false'); // row 0 has no alarm
  });

  it('--quiet prints the run folder and the summary line only', () => {
    const quiet = infoloop(['run', 'examples/reward-hacking.yaml', '--set', 'generations=4', '--out', join(root, 'quiet'), '--quiet']);
    expect(quiet.status).toBe(0);
    expect(quiet.stderr).toBe('');
    const lines = quiet.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(join(root, 'quiet', dir.split('/').at(-1)!));
    expect(lines[1]).toMatch(/^gen 4: kept \d+\/\d+ .*bits in all/);
  });

  it('off a terminal, warnings and progress are whole lines and no unknown time is printed', () => {
    const closed = infoloop(['run', 'examples/closed.yaml', '--set', 'generations=3', '--out', join(root, 'closed')]);
    expect(closed.status).toBe(0);
    const lines = closed.stderr.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^warning: closed loop: /);
    for (const line of lines.slice(1)) expect(line).toMatch(/^run: \d\/3 generations/);
    expect(closed.stderr).not.toMatch(/NFs|NaN|Infinity|\?/);
  });
});

describe('examples', () => {
  it('name in their comments only ledger columns that `infoloop ledger --columns` accepts', () => {
    const mentioned: string[] = [];
    for (const file of readdirSync(join(ROOT, 'examples'))) {
      const comments = readFileSync(join(ROOT, 'examples', file), 'utf8').split('\n').filter((line) => line.trimStart().startsWith('#'));
      for (const line of comments) for (const m of line.matchAll(/--columns ([\w,]+)/g)) mentioned.push(...m[1].split(','));
    }
    expect(mentioned).toContain('hacking_alarm');
    for (const column of mentioned) expect(TABLE_COLUMNS).toContain(column);
  });
});
