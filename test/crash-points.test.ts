/**
 * Kill -9 at every crash point, resume, and compare with an uninterrupted run: the finished ledger
 * must be identical apart from wall_ms, for `checkpoints: all` and `last`, for a Gaussian (with the
 * accumulate policy, so its history files are exercised), a categorical and an n-gram run. The
 * crash is requested through INFOLOOP_CRASH_AT, which makes the built CLI SIGKILL itself there.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { parse } from '../src/core/json.js';
import { DEFAULT_TEXT_PATH } from '../src/tasks/text.js';
import { CRASH_POINTS } from '../src/loop/crash-points.js';
import { MAIN, ROOT } from './cli-helpers.js';

const root = tempFolder('infoloop-crash-');
const textPath = join(root, 'text.txt');
writeFileSync(textPath, readFileSync(DEFAULT_TEXT_PATH, 'utf8').slice(0, 20_000));

const GENERATIONS = 3;
const CRASH_GENERATION = 2;
const models: Record<string, string> = {
  gaussian: `task: { name: gaussian-target }\nlearner: { name: gaussian, estimator: mle }\nsignal: { name: none }\npolicy: { name: accumulate }\nn: 20`,
  categorical: `task: { name: categorical-target, K: 20, correct: 4 }\nlearner: { name: categorical, K: 20, alpha: 0.5 }\nsignal: { name: verifier }\npolicy: { name: replace }\nn: 50`,
  ngram: `task: { name: text, path: ${JSON.stringify(textPath)}, sample_chars: 64, eval_samples: 4 }\nlearner: { name: ngram, order: 3 }\nsignal: { name: none }\npolicy: { name: replace }\nn: 8`,
};

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** Ledger rows with wall_ms removed. */
function ledger(dir: string): unknown[] {
  return readFileSync(join(dir, 'ledger.jsonl'), 'utf8').trim().split('\n').map((line) => {
    const row = parse<Record<string, unknown>>(line);
    delete row.wall_ms;
    return row;
  });
}

function writeConfig(model: string, checkpoints: string): string {
  const path = join(root, `${model}-${checkpoints}.yaml`);
  writeFileSync(path, `seed: 7\ngenerations: ${GENERATIONS}\ncheckpoints: ${checkpoints}\nrun_id: crash\n${models[model]}\n`);
  return path;
}

describe.each(Object.keys(models))('a %s run killed at every crash point', (model) => {
  it('resumes to the uninterrupted ledger for checkpoints all and last', async () => {
    const reference = join(root, model, 'reference');
    expect((await cli(['run', writeConfig(model, 'all'), '--out', reference, '--quiet'])).code).toBe(0);
    const expected = ledger(join(reference, 'crash'));
    expect(expected).toHaveLength(GENERATIONS + 1);
    for (const checkpoints of ['all', 'last']) {
      const config = writeConfig(model, checkpoints);
      // clean-up only happens with checkpoints: last
      const points = CRASH_POINTS.filter((point) => checkpoints === 'last' || point !== 'during-cleanup');
      await Promise.all(points.map(async (point) => {
        const out = join(root, model, checkpoints, point);
        const crashed = await cli(['run', config, '--out', out, '--quiet'], { INFOLOOP_CRASH_AT: `${point}:${CRASH_GENERATION}` });
        expect(crashed.signal, `${checkpoints}/${point}: ${crashed.stderr}`).toBe('SIGKILL');
        const resumed = await cli(['run', '--resume', join(out, 'crash'), '--quiet']);
        expect(resumed.code, `${checkpoints}/${point}: ${resumed.stderr}`).toBe(0);
        expect(ledger(join(out, 'crash')), `${checkpoints}/${point}`).toEqual(expected);
        const left = readdirSync(join(out, 'crash', 'checkpoints')).sort();
        if (checkpoints === 'last') expect(left, point).toEqual([`gen-000${GENERATIONS}.json`, ...(model === 'ngram' ? [`gen-000${GENERATIONS}.bin`] : [])].sort());
        else expect(left.filter((f) => f.endsWith('.json')), point).toHaveLength(GENERATIONS + 1);
      }));
    }
  }, 120_000);
});
