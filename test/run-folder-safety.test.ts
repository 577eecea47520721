/**
 * What a run folder refuses: a second live process (lock), run ids and file names that escape the
 * folder, damaged or edited checkpoints, history, meta.json and config.yaml, and a damaged ledger
 * row in the middle (reported by line; --repair cuts it after backing the ledger up).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { parse } from '../src/core/json.js';
import { runLoop } from '../src/loop/engine.js';
import { runFolderPath } from '../src/loop/run-paths.js';
import { infoloop, infoloopAsync } from './cli-helpers.js';

const root = tempFolder('infoloop-safety-');
let counter = 0;
const fresh = () => join(root, `case-${counter++}`);

const categorical = (generations: number, extra = '') => `seed: 3
generations: ${generations}
n: 100
run_id: r
task: { name: categorical-target, K: 50, correct: 5 }
learner: { name: categorical, K: 50, alpha: 0.5 }
signal: { name: verifier }
${extra}`;

function ledgerRows(dir: string): Record<string, unknown>[] {
  return readFileSync(join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => {
    const row = parse<Record<string, unknown>>(line);
    delete row.wall_ms;
    return row;
  });
}

/** A finished run of `text`, plus a copy cut back to `keep` rows (as if killed after generation keep − 1). */
function finishedAndCut(text: string, keep: number): { full: string; cut: string } {
  const out = fresh();
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'c.yaml'), text);
  expect(infoloop(['run', join(out, 'c.yaml'), '--out', join(out, 'full'), '--quiet']).status).toBe(0);
  expect(infoloop(['run', join(out, 'c.yaml'), '--out', join(out, 'cut'), '--quiet']).status).toBe(0);
  const cut = join(out, 'cut', 'r');
  const lines = readFileSync(join(cut, 'ledger.jsonl'), 'utf8').split('\n');
  writeFileSync(join(cut, 'ledger.jsonl'), lines.slice(0, keep).join('\n') + '\n');
  return { full: join(out, 'full', 'r'), cut };
}

describe('the lock on a run folder', () => {
  it('two runs of one config started 0.1 s apart: one runs, the other exits 2 with E_LOCKED', async () => {
    const out = fresh();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'c.yaml'), categorical(300));
    const first = infoloopAsync(['run', join(out, 'c.yaml'), '--out', out, '--quiet']);
    await new Promise((r) => setTimeout(r, 100));
    const second = infoloopAsync(['run', join(out, 'c.yaml'), '--out', out, '--quiet']);
    const finished = await Promise.all([first, second].map((child) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
      let stderr = '';
      child.stderr!.on('data', (chunk) => (stderr += chunk));
      child.on('exit', (code) => resolve({ code, stderr }));
    })));
    expect(finished.map((f) => f.code).sort()).toEqual([0, 2]);
    expect(finished.find((f) => f.code === 2)!.stderr).toMatch(/^error\[E_LOCKED\]: run folder .* is in use by process \d+/);
    expect(ledgerRows(join(out, 'r')).map((row) => row.generation)).toEqual(Array.from({ length: 301 }, (_, t) => t));
    expect(existsSync(join(out, 'r', 'lock'))).toBe(false);
  });

  it('--resume of a live run exits 2; after a kill -9 the next resume takes the lock over and finishes', async () => {
    const out = fresh();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'c.yaml'), categorical(300));
    const child = infoloopAsync(['run', join(out, 'c.yaml'), '--out', out, '--quiet']);
    const ledger = join(out, 'r', 'ledger.jsonl');
    while (!existsSync(ledger) || readFileSync(ledger, 'utf8').split('\n').length < 5) await new Promise((r) => setTimeout(r, 20));
    // paused, the holder cannot finish the run before the resume asks for the lock (its lease stays valid)
    child.kill('SIGSTOP');
    const busy = infoloop(['run', '--resume', join(out, 'r')]);
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));
    expect(busy.status).toBe(2);
    expect(busy.stderr).toMatch(/^error\[E_LOCKED\]/);
    expect(readFileSync(join(out, 'r', 'lock'), 'utf8')).toMatch(/"pid":\d+/); // the dead holder's lease is left behind
    const resumed = infoloop(['run', '--resume', join(out, 'r')]);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/took over the lock .*has exited/);
    expect(ledgerRows(join(out, 'r')).map((row) => row.generation)).toEqual(Array.from({ length: 301 }, (_, t) => t));
  });

  it('a refused --resume changes no file of the folder', () => {
    const { cut } = finishedAndCut(categorical(4), 3);
    writeFileSync(join(cut, 'lock'), JSON.stringify({ pid: 1, host: 'elsewhere', token: 't', acquired_at: '', expires_at_ms: Date.now() + 600_000 }));
    const before = snapshotFolder(cut);
    const result = infoloop(['run', '--resume', cut]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error\[E_LOCKED\]: run folder .* in use by process 1 on elsewhere/);
    expect(snapshotFolder(cut)).toEqual(before);
  });
});

/** Every file below `dir` with its bytes and modification time. */
function snapshotFolder(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path] = `${statSync(path).mtimeMs} ${readFileSync(path, 'base64')}`;
  }
  return files;
}

describe('paths stay inside the run folder', () => {
  it('refuses run ids that are not 1–128 of [A-Za-z0-9._-] or are . or ..', async () => {
    const out = fresh();
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'ok.yaml'), categorical(1));
    for (const id of ['..', '.', '', 'a/b', 'x'.repeat(129), 'ü']) {
      const result = infoloop(['run', join(out, 'ok.yaml'), '--out', join(out, 'runs'), '--set', `run_id=${JSON.stringify(id)}`]);
      expect(result.status, id).toBe(2);
      expect(result.stderr, id).toMatch(/^error\[E_CONFIG\]: run_id: /);
    }
    rmSync(join(out, 'ok.yaml'));
    writeFileSync(join(out, 'c.yaml'), categorical(1).replace('run_id: r', 'run_id: ".."'));
    const result = infoloop(['run', join(out, 'c.yaml'), '--out', join(out, 'runs')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/^error\[E_CONFIG\]: run_id: a run id must not be "\." or "\.\."/);
    expect(readdirSync(out)).toEqual(['c.yaml']);
    await expect(runLoop({ task: { name: 'categorical-target', K: 5 }, learner: { name: 'categorical', K: 5 }, run_id: '..' }, { out })).rejects.toThrow(/run_id/);
    expect(() => runFolderPath(out, '..', 'x')).toThrow(/outside the run folder/);
    expect(() => runFolderPath(out, '/etc/passwd')).toThrow(/outside the run folder/);
    expect(() => runFolderPath(out, 'cache/../../x')).toThrow(/outside the run folder/);
    expect(runFolderPath(out, 'cache', 'a.json')).toBe(join(out, 'cache', 'a.json'));
  });

  it('checkpoints: last clean-up deletes only the checkpoint names the run writes', () => {
    const out = fresh();
    const checkpoints = join(out, 'r', 'checkpoints');
    mkdirSync(checkpoints, { recursive: true });
    const mine = ['gen-0001-notes.txt', '0002', 'gen-00001.json', 'gen-0001.json.keep', 'abcd0001'];
    for (const file of mine) writeFileSync(join(checkpoints, file), 'user data');
    writeFileSync(join(out, 'c.yaml'), categorical(3, 'checkpoints: last'));
    expect(infoloop(['run', join(out, 'c.yaml'), '--out', out, '--quiet']).status).toBe(0);
    expect(readdirSync(checkpoints).sort()).toEqual([...mine, 'gen-0003.json'].sort());
  });
});
