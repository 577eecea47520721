/**
 * A run that nothing will resume (`resumable: false`, a queue worker's scratch folder) keeps no lock,
 * no checkpoints and no history, writes meta.json at the start and the end only, and writes the
 * same ledger and final meta fields as an ordinary run of the same config.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../core/json.js';
import type { ConfigInput } from '../config/schema.js';
import { runLoop } from './engine.js';
import { readMeta } from './run-store.js';

const root = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'infoloop-resumable-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ledgerWithoutWall = (dir: string) =>
  readFileSync(join(dir, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const { wall_ms: _wall, ...row } = parse<Record<string, unknown>>(line);
      return row;
    });

/** meta.json without the fields that differ between any two runs (clock times, checksum). */
function stableMeta(dir: string) {
  const { started_at: _s, updated_at: _u, checksum: _c, ...meta } = readMeta(dir);
  return meta;
}

/** Each config, and the folders an ordinary run of it leaves for a resume (so the checks below can fail). */
const cases: Record<string, { config: ConfigInput; forResume: string[] }> = {
  // replace policy, a checkpoint kept for every generation
  replace: {
    config: { seed: 4, generations: 4, n: 60, task: { name: 'categorical-target', K: 40, correct: 6 }, learner: { name: 'categorical', K: 40, alpha: 0.5 }, signal: { name: 'verifier' }, checkpoints: 'all' },
    forResume: ['checkpoints'],
  },
  // a policy that keeps a history, and a closed loop (its warnings go into meta.json)
  accumulate: {
    config: { seed: 9, generations: 4, n: 50, task: { name: 'categorical-target', K: 30, correct: 5 }, learner: { name: 'categorical', K: 30, alpha: 0.5 }, signal: { name: 'self-judge' }, policy: { name: 'accumulate' } },
    forResume: ['checkpoints', 'history'],
  },
};

describe('runLoop with resumable: false', () => {
  for (const [name, { config, forResume }] of Object.entries(cases)) {
    it(`${name}: the same ledger and meta as an ordinary run, and nothing for a resume`, async () => {
      const ordinary = await runLoop({ ...config, run_id: name }, { out: join(root, 'ordinary'), quiet: true, durable: false });
      const scratch = await runLoop({ ...config, run_id: name }, { out: join(root, 'scratch'), quiet: true, durable: false, resumable: false });
      expect(ledgerWithoutWall(scratch.dir)).toEqual(ledgerWithoutWall(ordinary.dir));
      expect(ledgerWithoutWall(scratch.dir)).toHaveLength(5);
      expect(stableMeta(scratch.dir)).toEqual(stableMeta(ordinary.dir));
      expect(readMeta(scratch.dir)).toMatchObject({ status: 'done', generations_done: 4 });
      expect(readFileSync(join(scratch.dir, 'config.yaml'), 'utf8')).toBe(readFileSync(join(ordinary.dir, 'config.yaml'), 'utf8'));
      // the ordinary run leaves what a resume needs; the scratch run none of it
      for (const folder of forResume) {
        expect(readdirSync(join(ordinary.dir, folder)).length, folder).toBeGreaterThan(0);
        expect(existsSync(join(scratch.dir, folder)) ? readdirSync(join(scratch.dir, folder)) : [], folder).toEqual([]);
      }
      expect(readdirSync(scratch.dir).sort()).toEqual(['checkpoints', 'config.yaml', 'ledger.jsonl', 'meta.json']);
    });
  }
});
