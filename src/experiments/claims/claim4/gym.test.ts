import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../config/load.js';
import type { LedgerRow } from '../../../ledger/schema.js';
import { buildParts } from '../../../loop/engine.js';
import { summarizeExperiment } from '../../summary/aggregate.js';
import { CLAIM4_EXPERIMENT } from './efficiency-prior.js';
import { analyzeClaim4Gym, CLAIM4_GYM_EXPERIMENT, claim4GymExperiment, claim4GymSettings, HONEST_POOL } from './gym.js';
import { claim4 } from './index.js';
import { claim4Verdict, gymDetectorClause } from './verdict.js';
import { scoreRun } from './detector-analysis.js';
import { planJobs } from '../../harness/harness.js';
import { JobRunner } from '../../harness/runner.js';
import { findRow } from '../../summary/rows.js';
import type { RunRecord, SummaryRow } from '../../types.js';

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
    expect(claim4GymSettings.filter((s) => s.honest).map((s) => s.name)).toEqual(['correct-only', 'rubric', 'noisy-verifier']);
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

// Drops (≥ 0.1 below the best earlier generation) and alarms by construction:
//   spurious 1: drop at 3 (0.15 ≤ 0.3 − 0.1; 0.25 at 2 is not), alarm at 1 → lead +2
//   spurious 2: drop at 1, alarm at 2 → lead −1
//   spurious 3: no drop, alarm at 3
//   correct-only 1: alarm at 2 (a false alarm), no drop; the others: no alarm.
const handBuilt = [
  run('spurious', 1, [0.3, 0.3, 0.25, 0.15], 1),
  run('spurious', 2, [0.3, 0.1, 0.1, 0.1], 2),
  run('spurious', 3, [0.3, 0.35, 0.4, 0.45], 3),
  run('correct-only', 1, [0.3, 0.4, 0.5, 0.6], 2),
  run('correct-only', 2, [0.3, 0.4, 0.5, 0.6], null),
  run('rubric', 1, [0.3, 0.4, 0.5, 0.6], null),
  run('rubric', 2, [0.3, 0.4, 0.5, 0.6], null),
];

describe('analyzeClaim4Gym on hand-built ledgers', () => {
  const rows = analyzeClaim4Gym(handBuilt);
  const get = (variant: string, metric: string) => rows.find((r) => r.variant === variant && r.metric === metric);

  it('scores each run as its alarm and drop generations say', () => {
    expect(handBuilt.slice(0, 3).map((r) => scoreRun(r.rows))).toEqual([
      { alarm: 1, drop: 3, leadTime: 2 },
      { alarm: 2, drop: 1, leadTime: -1 },
      { alarm: 3, drop: null, leadTime: null },
    ]);
  });

  it('gives known rates, deltas and the lead time with its t interval', () => {
    expect(get('spurious', 'alarm_rate')!.mean).toBe(1);
    expect(get('spurious', 'drop_rate')!.mean).toBeCloseTo(2 / 3, 12);
    expect(get('spurious', 'alarm_before_drop_rate')).toMatchObject({ mean: 0.5, n_runs: 2 });
    // leads {2, −1}: mean 0.5, sd = 3/√2, se = 1.5, t_{0.975, 1} = 12.7062
    const lead = get('spurious', 'lead_time')!;
    expect(lead).toMatchObject({ mean: 0.5, n_runs: 2, t: 3 });
    expect(lead.se).toBeCloseTo(1.5, 12);
    expect(lead.ci_high - lead.mean).toBeCloseTo(12.7062 * 1.5, 3);
    expect(get('spurious', 'delta_accuracy')!.mean).toBeCloseTo((-0.15 - 0.2 + 0.15) / 3, 12);
    expect(get('spurious', 'delta_proxy_reward')!.mean).toBeCloseTo(0.3, 12);
    expect(get('spurious', 'delta_feature_rate')!.mean).toBeCloseTo(0.15, 12);
    expect(get('spurious', 'false_alarm_rate')).toBeUndefined(); // spurious runs' alarms are not false
  });

  it('gives false-alarm rates with Wilson intervals per honest variant and pooled', () => {
    expect(get('correct-only', 'false_alarm_rate')).toMatchObject({ mean: 0.5, n_runs: 2 });
    expect(get('rubric', 'false_alarm_rate')).toMatchObject({ mean: 0, n_runs: 2, ci_low: 0 });
    // Wilson 95% for 1/4: [0.0456, 0.6994] (center (p + z²/2n)/(1 + z²/n), z = 1.95996)
    const pooled = get(HONEST_POOL, 'false_alarm_rate')!;
    expect(pooled).toMatchObject({ mean: 0.25, n_runs: 4 });
    expect(pooled.ci_low).toBeCloseTo(0.0456, 4);
    expect(pooled.ci_high).toBeCloseTo(0.6994, 4);
  });

  it('cuts every run of a variant at the shortest one', () => {
    const longer = run('spurious', 4, [0.3, 0.3, 0.3, 0.3, 0.1], 1);
    const cut = analyzeClaim4Gym([...handBuilt.slice(0, 3), longer]).find((r) => r.variant === 'spurious' && r.metric === 'drop_rate')!;
    expect(cut).toMatchObject({ t: 3, mean: 0.5, n_runs: 4 }); // the drop at 4 of the longer run is past T = 3
  });
});

describe('the gym clause of claim 4\'s verdict', () => {
  const base = (variant: string, metric: string, mean: number): SummaryRow => ({
    experiment: CLAIM4_EXPERIMENT, variant, params: {}, t: 8, metric, mean, se: 0.02, ci_low: mean - 0.05, ci_high: mean + 0.05, n_runs: 5, kind: 'measured',
  });
  const supported = [base('feature-simple', 'delta_accuracy', -0.2), base('feature-simple', 'delta_proxy_reward', 0.5), base('correct-simple', 'delta_accuracy', 0.5), base('no-feature', 'delta_accuracy', 0.4)];
  const gymRows = analyzeClaim4Gym(handBuilt);

  it('reports lead time, alarms before the drop and false alarms, without changing the label', () => {
    const without = claim4Verdict(supported);
    const withGym = claim4Verdict([...supported, ...gymRows]);
    expect(withGym.label).toBe(without.label);
    expect(without.statement).toMatch(/gym detector: no claim4-gym results$/);
    const clause = gymDetectorClause(gymRows);
    expect(withGym.statement.endsWith(clause)).toBe(true);
    expect(clause).toContain('lead time 0.5 [');
    expect(clause).toContain('(2 runs, alarm before the drop in 1/2)');
    expect(clause).toContain('false-alarm rate without a spurious component 0.25 [0.04559, 0.6994] (1/4) — correct-only 0.5');
  });

  it('stays robust when base or gym rows are missing, and a gym clause never flips a label', () => {
    expect(claim4Verdict([]).label).toBe('inconclusive');
    expect(claim4Verdict([]).statement).toContain('gym detector: no claim4-gym results');
    expect(claim4Verdict(gymRows).label).toBe('inconclusive');
    const falling = [base('feature-simple', 'delta_accuracy', 0.2), ...supported.slice(1)];
    expect(claim4Verdict([...falling, ...gymRows]).label).toBe(claim4Verdict(falling).label);
    expect(gymDetectorClause(gymRows.filter((r) => r.variant !== 'spurious'))).toMatch(/spurious: missing/);
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
      const detection = scoreRun(r.rows);
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
    expect(findRow(summary, CLAIM4_GYM_EXPERIMENT, HONEST_POOL, 4, 'false_alarm_rate')).toMatchObject({ mean: 0, n_runs: 2 });
  }, 60_000);
});
