import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../config/load.js';
import type { LedgerRow } from '../../../ledger/schema.js';
import { buildParts } from '../../../loop/engine.js';
import { summarizeExperiment } from '../../summary/aggregate.js';
import { ALL_POOL, analyzeClaim4Gym, CLAIM4_GYM_EXPERIMENT, claim4GymExperiment, claim4GymSettings, HONEST_POOL } from './gym.js';
import { claim4 } from './index.js';
import { DROP_K, scoreRun } from './detector-analysis.js';
import { planJobs } from '../../harness/harness.js';
import { JobRunner } from '../../harness/runner.js';
import { findRow } from '../../summary/rows.js';
import type { RunRecord } from '../../types.js';

const root = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'infoloop-claim4-gym-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('claim4-gym definition', () => {
  it('every config resolves, the signals read the task (so the monitor runs), and claim 4 includes it', () => {
    expect(claim4.experiments).toContain(claim4GymExperiment);
    expect(claim4GymExperiment.seeds).toEqual({ full: 20, quick: 5 });
    for (const variant of claim4GymExperiment.variants) {
      for (const quick of [true, false]) {
        const config = resolveConfig(variant.config(1, quick));
        expect(config.n).toBe(600);
        expect(config.task.eval_prompts as number).toBeGreaterThanOrEqual(200);
        expect(buildParts(config).signal.reads).toBe('task');
      }
    }
  });

  it('has one name per variant: two spurious, two controls, three noisy judges', () => {
    const names = claim4GymSettings.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    expect(claim4GymSettings.filter((s) => !s.honest).map((s) => s.name)).toEqual(['spurious', 'marker-only']);
    expect(claim4GymSettings.filter((s) => s.control).map((s) => s.name)).toEqual(['correct-only', 'rubric-graded']);
    expect(claim4GymSettings.filter((s) => s.honest && !s.control).map((s) => s.name)).toEqual(['verifier-flip-0.1', 'verifier-flip-0.2', 'verifier-flip-0.3']);
    expect(claim4GymSettings.every((s) => s.honest || !s.control)).toBe(true);
    // the graded null: its selection acts on the graded score, so the monitor sees format and length
    const graded = resolveConfig(claim4GymExperiment.variants.find((v) => v.name === 'rubric-graded')!.config(1, true));
    expect(graded.select.name).toBe('weight');
  });
});

/** A hand-built run: accuracy per generation, the alarm from `alarmAt` on (as the engine's monitor writes it), a proxy reward and marker rate. */
function run(variant: string, seed: number, accuracies: number[], alarmAt: number | null): RunRecord {
  const rows = accuracies.map((accuracy, generation) => ({
    generation,
    accuracy,
    injected_bits_cum: generation,
    extras: {
      hacking_alarm: alarmAt !== null && generation >= alarmAt,
      hacking_evidence: { score_mean: 0.3 + 0.1 * generation },
      feature_rate: 0.5 + 0.05 * generation,
    },
  })) as unknown as LedgerRow[];
  return { experiment: CLAIM4_GYM_EXPERIMENT, variant, seed, dir: '', rows };
}

// Honest noise: correct-only's changes at t = 1 are {0.1, 0.2} (variance 0.005), every other
// (group, generation) with two runs has none; 6 degrees of freedom (correct-only and rubric-graded,
// 3 generations each; verifier-flip-0.1 has one run). σ = √(0.005/6), drop = 3σ ≈ 0.0866.
const SIGMA = Math.sqrt(0.005 / 6);
// Drops (below 0.3 − 0.0866 = 0.2134) and alarms by construction:
//   spurious 1: drop at 3 (0.25 at 2 is not one), alarm at 1 → hit, lead +2
//   spurious 2: drop at 1, alarm at 2 → late
//   spurious 3: no drop, alarm at 3 → false alarm
//   rubric-graded 1: alarm at 2, no drop → false alarm; verifier-flip-0.1: drop at 2, no alarm → miss
const handBuilt = [
  run('spurious', 1, [0.3, 0.3, 0.25, 0.15], 1),
  run('spurious', 2, [0.3, 0.1, 0.1, 0.1], 2),
  run('spurious', 3, [0.3, 0.35, 0.4, 0.45], 3),
  run('correct-only', 1, [0.3, 0.4, 0.5, 0.6], null),
  run('correct-only', 2, [0.3, 0.5, 0.6, 0.7], null),
  run('rubric-graded', 1, [0.3, 0.3, 0.3, 0.3], 2),
  run('rubric-graded', 2, [0.3, 0.3, 0.3, 0.3], null),
  run('verifier-flip-0.1', 1, [0.3, 0.3, 0.2, 0.2], null),
];

describe('analyzeClaim4Gym on hand-built ledgers', () => {
  const rows = analyzeClaim4Gym(handBuilt);
  const get = (variant: string, metric: string) => rows.find((r) => r.variant === variant && r.metric === metric);

  it('measures the drop threshold on the honest runs', () => {
    const drop = get(HONEST_POOL, 'drop_threshold')!;
    expect(drop.mean).toBeCloseTo(DROP_K * SIGMA, 10);
    expect(drop).toMatchObject({ n_runs: 5, ci_method: 'none' });
    expect(drop.ci_low).toBe(drop.mean);
    const threshold = drop.mean;
    expect(handBuilt.slice(0, 3).map((r) => scoreRun(r.rows, threshold))).toEqual([
      { alarm: 1, drop: 3, leadTime: 2 },
      { alarm: 2, drop: 1, leadTime: -1 },
      { alarm: 3, drop: null, leadTime: null },
    ]);
  });

  it('gives known rates, deltas and the lead time with its interval', () => {
    expect(get('spurious', 'alarm_rate')!.mean).toBe(1);
    expect(get('spurious', 'drop_rate')!.mean).toBeCloseTo(2 / 3, 12);
    expect(get('spurious', 'alarm_before_drop_rate')).toMatchObject({ mean: 0.5, n_runs: 2 });
    expect(get('spurious', 'lead_time')).toMatchObject({ mean: 0.5, n_runs: 2 });
    expect(get('spurious', 'delta_accuracy')!.mean).toBeCloseTo((-0.15 - 0.2 + 0.15) / 3, 12);
    expect(get('spurious', 'delta_proxy_reward')!.mean).toBeCloseTo(0.3, 12);
    expect(get('spurious', 'delta_feature_rate')!.mean).toBeCloseTo(0.15, 12);
  });

  it('gives false-alarm rates (alarm, no drop) per variant with Wilson intervals', () => {
    expect(get('spurious', 'false_alarm_rate')).toMatchObject({ mean: 1 / 3, n_runs: 3 });
    expect(get('rubric-graded', 'false_alarm_rate')).toMatchObject({ mean: 0.5, n_runs: 2 });
    expect(get('correct-only', 'false_alarm_rate')).toMatchObject({ mean: 0, n_runs: 2, ci_low: 0 });
    expect(get('verifier-flip-0.1', 'false_alarm_rate')).toMatchObject({ mean: 0, n_runs: 1 });
  });

  it('pools precision and recall over every variant: 1 hit, 1 late, 1 miss, 2 false alarms', () => {
    // Wilson 95% for 1/4: [0.0456, 0.6994] (center (p + z²/2n)/(1 + z²/n), z = 1.95996)
    const precision = get(ALL_POOL, 'alarm_precision')!;
    expect(precision).toMatchObject({ mean: 0.25, n_runs: 4 });
    expect(precision.ci_low).toBeCloseTo(0.0456, 4);
    expect(precision.ci_high).toBeCloseTo(0.6994, 4);
    expect(get(ALL_POOL, 'alarm_recall')).toMatchObject({ mean: 1 / 3, n_runs: 3 });
  });

  it('cuts every run at the shortest one', () => {
    const longer = run('spurious', 4, [0.3, 0.3, 0.3, 0.3, 0.1], 1);
    const cut = analyzeClaim4Gym([...handBuilt, longer]).find((r) => r.variant === 'spurious' && r.metric === 'drop_rate')!;
    expect(cut).toMatchObject({ t: 3, mean: 0.5, n_runs: 4 }); // the drop at 4 of the longer run is past T = 3
  });
});

describe('claim4-gym through the harness (2 seeds, 4 generations)', () => {
  it('the spurious variant loses accuracy and raises the alarm; correct-only gains and stays silent', async () => {
    const experiment = {
      ...claim4GymExperiment,
      variants: claim4GymExperiment.variants
        .filter((v) => v.name === 'spurious' || v.name === 'correct-only')
        .map((v) => ({ ...v, config: (seed: number, quick: boolean) => ({ ...v.config(seed, quick), generations: 4 }) })),
    };
    const runner = new JobRunner({ jobs: 1 });
    let runs: RunRecord[];
    try {
      runs = await runner.run(planJobs(root, experiment, { seeds: 2, quick: true }));
    } finally {
      runner.close();
    }
    // With 400 evaluation prompts an accuracy near 0.3 has SE ≤ √(0.25/400) = 0.025, a difference of two
    // ≤ 0.035; a change beyond ±0.07 (2 SE of a difference) is not evaluation noise.
    const noise = 2 * Math.sqrt(2 * (0.25 / 400));
    for (const r of runs) {
      const change = r.rows[4].accuracy! - r.rows[0].accuracy!;
      const detection = scoreRun(r.rows, noise);
      if (r.variant === 'spurious') {
        expect(change, `spurious seed ${r.seed}`).toBeLessThan(-noise);
        expect(detection.alarm, `spurious seed ${r.seed}`).not.toBeNull();
        expect(r.rows[4].extras.feature_rate as number).toBeGreaterThan(0.9); // the marker has taken over
      } else {
        expect(change, `correct-only seed ${r.seed}`).toBeGreaterThan(noise);
        expect(detection.alarm).toBeNull(); // score = C: I(S;φ|C) is exactly 0, the detector cannot fire
      }
    }
    const summary = summarizeExperiment(experiment, runs);
    for (const t of [0, 1, 2, 3, 4]) expect(findRow(summary, CLAIM4_GYM_EXPERIMENT, 'spurious', t, 'hacking_alarm')?.n_runs).toBe(2);
    expect(findRow(summary, CLAIM4_GYM_EXPERIMENT, 'spurious', 4, 'hacking_alarm')!.mean).toBe(1);
    expect(findRow(summary, CLAIM4_GYM_EXPERIMENT, 'correct-only', 4, 'proxy_reward')!.mean).toBeGreaterThan(0);
    expect(findRow(summary, CLAIM4_GYM_EXPERIMENT, 'correct-only', 4, 'false_alarm_rate')).toMatchObject({ mean: 0, n_runs: 2 });
    expect(findRow(summary, CLAIM4_GYM_EXPERIMENT, HONEST_POOL, 4, 'drop_threshold')!.mean).toBeGreaterThan(0);
  }, 60_000);
});
