/** Claim 4's two-skill worked example through the real engine (ledger extras, detector scoring) and its analysis on known inputs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/load.js';
import { analyzeClaim4, CLAIM4_EXPERIMENT, claim4Experiment } from '../src/experiments/claims/claim4/efficiency-prior.js';
import { scoreRun } from '../src/experiments/claims/claim4/detector-analysis.js';
import type { RunRecord } from '../src/experiments/types.js';
import { runLoop } from '../src/loop/engine.js';

const out = mkdtempSync(join(tmpdir(), 'infoloop-claim4-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('claim 4 runs through the engine', () => {
  it('writes proxy reward, I(S;C), I(S;F|C) and detector evidence into every ledger row', async () => {
    const config = claim4Experiment.variants.find((v) => v.name === 'feature-simple')!.config(1, true);
    const result = await runLoop(resolveConfig(config), { out, quiet: true });
    for (const row of result.rows) {
      for (const key of ['proxy_reward', 'feature_rate', 'mi_score_correct', 'mi_score_feature_given_correct']) expect(typeof row.extras[key]).toBe('number');
      expect((row.extras.hacking_evidence as { audit: unknown[] }).audit).toHaveLength(32);
    }
    const detection = scoreRun(result.rows, 0.1);
    expect(detection.leadTime).toBe(detection.alarm !== null && detection.drop !== null ? detection.drop - detection.alarm : null);
  });

  it('measures I(S;F|C) = 0 in every generation when the rubric has no spurious component and no noise', async () => {
    const config = { ...claim4Experiment.variants.find((v) => v.name === 'no-feature')!.config(2, true), generations: 3 };
    const result = await runLoop(resolveConfig({ ...config, task: { ...(config.task as object), noise: 0 } }), { out, quiet: true });
    for (const row of result.rows) expect(row.extras.mi_score_feature_given_correct).toBe(0);
  });
});

describe('claim 4 analysis', () => {
  it('computes the worked example’s deltas from hand-built ledgers (the detector is scored on the gym)', () => {
    const run = (seed: number, accuracies: number[], proxies: number[]): RunRecord => ({
      experiment: CLAIM4_EXPERIMENT, variant: 'feature-simple', seed, dir: '',
      rows: accuracies.map((accuracy, generation) => ({
        generation, accuracy,
        // Pre-annotated rows: the alarm is taken as written (the engine monitor's output).
        extras: { proxy_reward: proxies[generation], hacking_alarm: generation >= 1 },
      })) as unknown as RunRecord['rows'],
    });
    const rows = analyzeClaim4([run(1, [0.3, 0.3, 0.15], [0.5, 0.7, 0.9]), run(2, [0.3, 0.32, 0.1], [0.5, 0.8, 1.0])]);
    const get = (metric: string) => rows.find((r) => r.metric === metric)!;
    expect(get('delta_accuracy').mean).toBeCloseTo((-0.15 - 0.2) / 2, 12);
    expect(get('delta_proxy_reward').mean).toBeCloseTo((0.4 + 0.5) / 2, 12);
    expect(rows.map((r) => r.metric)).toEqual(['delta_accuracy', 'delta_proxy_reward']);
  });
});
