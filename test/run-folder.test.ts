/**
 * Run folders end to end through the real executable: determinism, SIGKILL + --resume giving the
 * same ledger as an uninterrupted run, a torn last row re-run, and bad input reported in two lines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../src/core/json.js';
import { infoloop, infoloopAsync } from './cli-helpers.js';

const config = (generations: number, extra = '') => `seed: 3
generations: ${generations}
n: 200
task: { name: categorical-target, K: 100, correct: 10 }
learner: { name: categorical, K: 100, alpha: 0.5 }
signal: { name: verifier }
select: { name: filter }
policy: { name: replace }
${extra}`;

/** Ledger lines with the wall-clock field removed. */
function ledgerWithoutWall(dir: string): string[] {
  return readFileSync(join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => {
    const row = parse<Record<string, unknown>>(line);
    delete row.wall_ms;
    return JSON.stringify(row);
  });
}

const root = mkdtempSync(join(tmpdir(), 'infoloop-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function tempDir(): string {
  return mkdtempSync(join(root, 'case-'));
}

describe('run folders', () => {
  it('writes config, ledger, checkpoints and meta, and the same seed gives the same ledger', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.yaml'), config(5));
    const a = infoloop(['run', join(dir, 'c.yaml'), '--out', join(dir, 'a'), '--quiet']);
    const b = infoloop(['run', join(dir, 'c.yaml'), '--out', join(dir, 'b'), '--quiet']);
    expect(a.status).toBe(0);
    expect(b.status).toBe(0);
    const runA = a.stdout.split('\n')[0];
    const runB = b.stdout.split('\n')[0];
    for (const file of ['config.yaml', 'ledger.jsonl', 'meta.json', 'checkpoints/gen-0005.json']) expect(existsSync(join(runA, file))).toBe(true);
    expect(ledgerWithoutWall(runA)).toEqual(ledgerWithoutWall(runB));
    expect(ledgerWithoutWall(runA)).toHaveLength(6);
    const meta = JSON.parse(readFileSync(join(runA, 'meta.json'), 'utf8'));
    expect(meta.status).toBe('done');
    // --set changes the resolved config saved in the folder
    const c = infoloop(['run', join(dir, 'c.yaml'), '--out', join(dir, 'c'), '--quiet', '--set', 'learner.alpha=0.3']);
    expect(readFileSync(join(c.stdout.split('\n')[0], 'config.yaml'), 'utf8')).toContain('alpha: 0.3');
  });

  it('resumes after SIGKILL to the same ledger as an uninterrupted run', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.yaml'), config(400, 'run_id: killed'));
    writeFileSync(join(dir, 'full.yaml'), config(400, 'run_id: full'));
    const child = infoloopAsync(['run', join(dir, 'c.yaml'), '--out', dir, '--quiet']);
    const ledger = join(dir, 'killed', 'ledger.jsonl');
    // kill once a few generations are on disk, wherever the process is then
    for (let i = 0; i < 400; i++) {
      await new Promise((r) => setTimeout(r, 20));
      if (existsSync(ledger) && readFileSync(ledger, 'utf8').split('\n').length > 20) break;
    }
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    const before = readFileSync(ledger, 'utf8').split('\n').filter(Boolean).length;
    expect(before).toBeGreaterThan(5);
    expect(before).toBeLessThan(401);
    const resumed = infoloop(['run', '--resume', join(dir, 'killed'), '--quiet']);
    expect(resumed.status).toBe(0);
    const full = infoloop(['run', join(dir, 'full.yaml'), '--out', dir, '--quiet']);
    expect(full.status).toBe(0);
    const strip = (lines: string[]) => lines.map((l) => l.replace(/"run_id":"[^"]*"/, ''));
    expect(strip(ledgerWithoutWall(join(dir, 'killed')))).toEqual(strip(ledgerWithoutWall(join(dir, 'full'))));
  });

  it('detects a torn last ledger row on resume and re-runs that generation only', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.yaml'), config(6, 'run_id: torn'));
    const run = join(dir, 'torn');
    expect(infoloop(['run', join(dir, 'c.yaml'), '--out', dir, '--quiet']).status).toBe(0);
    const complete = ledgerWithoutWall(run);
    // simulate a kill during the write of row 6: cut it in half
    const text = readFileSync(join(run, 'ledger.jsonl'), 'utf8');
    const lastStart = text.trimEnd().lastIndexOf('\n') + 1;
    writeFileSync(join(run, 'ledger.jsonl'), text.slice(0, lastStart + 40));
    const resumed = infoloop(['run', '--resume', run]);
    expect(resumed.status).toBe(0);
    expect(resumed.stderr).toContain('partial row');
    expect(ledgerWithoutWall(run)).toEqual(complete);
    // garbage appended after complete rows is cut the same way
    appendFileSync(join(run, 'ledger.jsonl'), '{"generation": 7, "broken');
    expect(infoloop(['run', '--resume', run, '--quiet']).status).toBe(0);
    expect(ledgerWithoutWall(run)).toEqual(complete);
  });

  it('prints the ledger as a table and as CSV', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'c.yaml'), config(3, 'run_id: show'));
    infoloop(['run', join(dir, 'c.yaml'), '--out', dir, '--quiet']);
    const table = infoloop(['ledger', join(dir, 'show')]);
    expect(table.stdout.split('\n')[0]).toMatch(/generation\s+n_kept\s+acceptance/);
    const csv = infoloop(['ledger', join(dir, 'show'), '--csv']).stdout.trim().split('\n');
    expect(csv).toHaveLength(5); // header + rows 0..3
    expect(csv[0].startsWith('run_id,seed,generation,policy,signal,signal_reads,closed')).toBe(true);
    const report = infoloop(['report', join(dir, 'show')]);
    expect(report.status).toBe(0);
    expect(readFileSync(join(dir, 'show', 'report.html'), 'utf8')).toContain('<svg');
  });
});

describe('bad input gets two lines and exit code 2', () => {
  const dir = tempDir();
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };
  const cases: [string, string[], RegExp][] = [
    ['a missing file', ['run', join(dir, 'nope.yaml')], /error\[E_IO\]: cannot read config file/],
    ['a YAML syntax error', ['run', write('syntax.yaml', 'seed: 1\ntask: { name: x\n')], /error\[E_CONFIG\]: .*YAML syntax error/],
    ['an unknown signal', ['run', write('sig.yaml', config(2).replace('name: verifier', 'name: verifer'))], /signal "verifer" is unknown\nhint: did you mean "verifier"\?/],
    ['a negative n', ['run', write('n.yaml', config(2).replace('n: 200', 'n: -5'))], /error\[E_CONFIG\]: n: /],
    ['lambda outside [0,1]', ['run', write('mix.yaml', config(2).replace('name: replace', 'name: mix, lambda: 1.5'))], /error\[E_CONFIG\]: policy.lambda: /],
    ['an unknown key', ['run', write('key.yaml', config(2) + 'generatons: 3\n')], /unknown key "generatons".*\nhint: did you mean "generations"\?/],
    ['an unknown learner key', ['run', write('lkey.yaml', config(2).replace('alpha: 0.5', 'alpah: 0.5'))], /error\[E_CONFIG\]: learner: unknown key "alpah"/],
    ['a bad --set', ['run', write('ok.yaml', config(2)), '--set', 'n=many'], /error\[E_CONFIG\]: n: /],
    ['resuming a folder that is not a run', ['run', '--resume', dir], /error\[E_RESUME\]/],
    ['an unknown command', ['rnu'], /error\[E_USAGE\]: unknown command 'rnu'\nhint: did you mean `infoloop run`\?/],
    ['an unknown option', ['exp', 'claim1', '--seed', '3'], /error\[E_USAGE\]: unknown option '--seed'\nhint: did you mean --seeds\? `infoloop exp --help`/],
    ['a missing argument', ['ledger'], /error\[E_USAGE\]: missing required argument 'run-dir'\nhint: `infoloop ledger --help`/],
  ];
  for (const [what, args, pattern] of cases) {
    it(`rejects ${what}`, () => {
      const result = infoloop(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(pattern);
      expect(result.stderr).toMatch(/\nhint: /);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    });
  }
});
