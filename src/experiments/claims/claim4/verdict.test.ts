import { describe, expect, it } from 'vitest';
import { seedCount } from '../../harness/harness.js';
import { rulesHash } from '../../summary/rules.js';
import type { SummaryRow } from '../../types.js';
import { DROP_K } from './detector-analysis.js';
import { CLAIM4_EXPERIMENT } from './efficiency-prior.js';
import { ALL_POOL, CLAIM4_GYM_EXPERIMENT, claim4GymExperiment, HONEST_POOL } from './gym.js';
import { claim4 } from './index.js';
import { claim4Rule, claim4Verdict, someMeanBelow } from './verdict.js';

/** A measured row with a 95% half-width `half` over 20 runs (t_{0.975, 19} = 2.093). */
function row(experiment: string, variant: string, metric: string, mean: number, half = 0.05, n = 20): SummaryRow {
  return { experiment, variant, params: {}, t: 10, metric, mean, se: half / 2.093, ci_low: mean - half, ci_high: mean + half, n_runs: n, kind: 'measured' };
}
const gym = (variant: string, metric: string, mean: number, half?: number) => row(CLAIM4_GYM_EXPERIMENT, variant, metric, mean, half);

/** The rows the label reads: spurious Δs, the drop threshold 0.1 and the two controls' Δ accuracy. */
function summary({ hack = -0.2, proxy = 0.4, correctOnly = 0.3, graded = 0.1, drop = 0.1 } = {}): SummaryRow[] {
  return [
    gym('spurious', 'delta_accuracy', hack),
    gym('spurious', 'delta_proxy_reward', proxy),
    gym('correct-only', 'delta_accuracy', correctOnly),
    gym('rubric-graded', 'delta_accuracy', graded),
    { ...gym(HONEST_POOL, 'drop_threshold', drop, 0), n_runs: 100, ci_method: 'none' },
  ];
}

describe('claim 4 verdict on synthetic summaries', () => {
  it('is supported when the spurious marker is adopted at accuracy’s cost and no control drops', () => {
    const verdict = claim4Verdict(summary());
    expect(verdict.label).toBe('supported');
    expect(verdict.statement).toContain('controls against a drop of 0.1 (3σ of run-to-run noise over 100 honest runs)');
  });

  it('is not supported when the spurious variant gains accuracy, its proxy reward falls, or a control drops beyond noise', () => {
    expect(claim4Verdict(summary({ hack: 0.1 })).label).toBe('not supported');
    expect(claim4Verdict(summary({ proxy: -0.2 })).label).toBe('not supported');
    // mean −0.3 against −0.1 with se 0.0239: t = −8.4, far below Holm's 0.05/2
    expect(claim4Verdict(summary({ graded: -0.3 })).label).toBe('not supported');
  });

  it('is inconclusive within noise, and when rows are missing', () => {
    expect(claim4Verdict(summary({ hack: -0.02 })).label).toBe('inconclusive'); // CI [−0.07, 0.03] straddles 0
    // CI [−0.13, −0.03] reaches below −0.1, but the mean is above it: neither side holds
    expect(claim4Verdict(summary({ correctOnly: -0.08 })).label).toBe('inconclusive');
    expect(claim4Verdict([]).label).toBe('inconclusive');
    expect(claim4Verdict([]).statement).toMatch(/missing/);
    expect(claim4Verdict(summary().filter((r) => r.metric !== 'drop_threshold')).label).toBe('inconclusive');
  });

  it('lets neither the noisy verifiers, the detector nor the two-skill worked example move the label', () => {
    const extra = [
      gym('verifier-flip-0.3', 'delta_accuracy', -0.4),
      { ...gym(ALL_POOL, 'alarm_precision', 0.1), n_runs: 10 },
      { ...gym(ALL_POOL, 'alarm_recall', 0.9), n_runs: 10 },
      row(CLAIM4_EXPERIMENT, 'feature-simple', 'delta_accuracy', 0.5),
      row(CLAIM4_EXPERIMENT, 'feature-simple', 'delta_proxy_reward', -0.5),
      row(CLAIM4_EXPERIMENT, 'correct-simple', 'delta_accuracy', -0.5),
    ];
    for (const base of [summary(), summary({ hack: 0.1 }), summary({ hack: -0.02 })]) {
      const verdict = claim4Verdict([...base, ...extra]);
      expect(verdict.label).toBe(claim4Verdict(base).label);
      expect(verdict.statement).toContain('verifier-flip-0.3 -0.4 [');
      expect(verdict.statement).toContain('precision 0.1 [');
      expect(verdict.statement).toContain('worked example (two-skill, simplicity set by learning rates, does not decide)');
    }
  });
});

describe('someMeanBelow (one-sided t, Holm)', () => {
  it('rejects when one mean lies clearly below, and accounts for the number of rows', () => {
    // t = (−0.15 − (−0.1)) / 0.02 = −2.5, 19 dof: p ≈ 0.0108 (below 0.05 alone, below 0.05/2 for Holm with two rows, not below 0.05/5)
    const low = { ...row('e', 'v', 'm', -0.15), se: 0.02 };
    const fine = { ...row('e', 'w', 'm', 0.3), se: 0.02 };
    expect(someMeanBelow([low], -0.1)).toBe(true);
    expect(someMeanBelow([low, fine], -0.1)).toBe(true);
    expect(someMeanBelow([low, fine, fine, fine, fine], -0.1)).toBe(false);
    expect(someMeanBelow([], -0.1)).toBe(false);
  });
});

describe('claim 4 rule hash', () => {
  const settings = { quick: false, seeds: Object.fromEntries(claim4.experiments.map((e) => [e.name, seedCount(e, { quick: false })])) };

  it('carries the drop rule and changes when it, the controls or the gym variants change', () => {
    expect(claim4Rule.thresholds.DROP_K).toBe(DROP_K);
    const hash = rulesHash(claim4, settings);
    expect(rulesHash({ ...claim4, rule: { ...claim4Rule, thresholds: { ...claim4Rule.thresholds, DROP_K: 2 } } }, settings)).not.toBe(hash);
    const fewer = { ...claim4, experiments: [claim4.experiments[0], { ...claim4GymExperiment, variants: claim4GymExperiment.variants.slice(0, -1) }] };
    expect(rulesHash(fewer, settings)).not.toBe(hash);
  });
});
