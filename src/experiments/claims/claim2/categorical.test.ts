import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../../core/rng.js';
import { resolveConfig } from '../../../config/load.js';
import type { LedgerRow } from '../../../ledger/schema.js';
import { claim2Verdict } from './verdict.js';
import { expectedFirstCrossing, expectedVerifierAccuracy, noisyExperiment, verifierExperiment, weakStartExperiment } from './categorical.js';
import { simulateLoop } from '../../../loop/simulate.js';
import { mean, standardError } from '../../../stats/moments.js';
import type { SummaryRow } from '../../types.js';
import { boundSlack } from './bound.js';

/** The slow obvious chain: draw the kept count, refit if anything was kept. */
function simulateAccuracy(rng: Rng, a0: number, n: number, alpha: number, t: number): number {
  let a = a0;
  for (let g = 0; g < t; g++) {
    let kept = 0;
    for (let i = 0; i < n; i++) if (rng.next() < a) kept++;
    if (kept > 0) a = (1 - alpha) * a + alpha;
  }
  return a;
}

describe('claim 2 closed forms', () => {
  it('expected verifier accuracy matches a simulation of the chain (weak start, where empty batches happen)', () => {
    const rng = createRng(4);
    for (const t of [1, 2, 4]) {
      const draws = Array.from({ length: 4000 }, () => simulateAccuracy(rng, 0.01, 200, 0.5, t));
      expect(Math.abs(mean(draws) - expectedVerifierAccuracy(0.01, 200, 0.5, t))).toBeLessThan(4 * standardError(draws));
    }
  });

  it('hand values: the strong start is deterministic, the weak start crosses after 1 + q/(1 − q)', () => {
    expect(expectedVerifierAccuracy(0.1, 200, 0.5, 0)).toBe(0.1);
    expect(expectedVerifierAccuracy(0.1, 200, 0.5, 1)).toBeCloseTo(0.55, 9);
    expect(expectedVerifierAccuracy(0.1, 200, 0.5, 3)).toBeCloseTo(1 - 0.9 / 8, 9);
    const q = 0.99 ** 200;
    expect(expectedFirstCrossing(0.01, 200, 0.5)).toBeCloseTo(1 + q / (1 - q), 12);
    expect(expectedFirstCrossing(0.01, 200, 0.2)).toBeNaN(); // one success reaches only 0.208
  });

  it('bound slack: per-kept-sample bits minus log2 of the accuracy ratio', () => {
    const row = (generation: number, accuracy: number, nKept: number, injected: number) => ({ generation, accuracy, n_kept: nKept, shift_bits: injected, injected_bits: injected }) as LedgerRow;
    const rows = [row(0, 0.1, 0, 0), row(1, 0.55, 20, 20 * -Math.log2(0.1))];
    expect(boundSlack(rows)).toBeCloseTo(-Math.log2(0.1) - Math.log2(5.5), 12);
    expect(boundSlack([row(0, 0, 0, 0)])).toBeNull();
  });

  it('every variant config is valid in both settings', () => {
    for (const experiment of [verifierExperiment, weakStartExperiment]) {
      for (const variant of experiment.variants) for (const quick of [true, false]) expect(() => resolveConfig(variant.config(1, quick))).not.toThrow();
    }
  });
});

describe('claim 2 verdict rule', () => {
  const row = (variant: string, metric: string, m: number, se: number): SummaryRow => ({
    experiment: 'claim2-verifier-noisy', variant, params: {}, t: 10, metric, mean: m, se, ci_low: m - 2 * se, ci_high: m + 2 * se, n_runs: 10,
  });
  // the bound is checked in every variant: a closed one's failure fails the claim too
  const rows = (verifierAccuracy: number, slack: number, closedSlack = 1) => [
    row('verifier', 'accuracy', verifierAccuracy, 0.01),
    row('none', 'accuracy', 0.1, 0.02),
    row('verifier', 'bound_slack_bits', slack, 0),
    row('none', 'bound_slack_bits', closedSlack, 0),
    row('self-judge', 'bound_slack_bits', closedSlack, 0),
    row('verifier', 'injected_bits_cum', 280, 5),
  ];

  it('supported when the verifier beats no signal and the bound holds', () => {
    expect(claim2Verdict(rows(0.99, 1.2)).label).toBe('supported');
    const withSharpening = claim2Verdict([...rows(0.99, 1.2), row('self-judge', 'accuracy_gain', 0.05, 0.01)]);
    expect(withSharpening.statement).toMatch(/sharpening .*self-judge/);
  });
  it('not supported when the bound fails in a run or the verifier does not help', () => {
    expect(claim2Verdict(rows(0.99, -0.1)).label).toBe('not supported');
    expect(claim2Verdict(rows(0.99, 1, -0.2)).label).toBe('not supported');
    expect(claim2Verdict(rows(0.05, 1)).label).toBe('not supported');
  });
  it('inconclusive when the difference interval straddles 0 or rows are missing', () => {
    expect(claim2Verdict(rows(0.12, 1)).label).toBe('inconclusive');
    expect(claim2Verdict([]).label).toBe('inconclusive');
  });
});

describe('claim2-verifier-noisy (the stochastic setting)', () => {
  it('is not deterministic: the noisy verifier’s accuracy differs across seeds, and closed variants are held to the bound', () => {
    const variant = noisyExperiment.variants.find((v) => v.name === 'verifier')!;
    const finals = [1, 2, 3, 4].map((seed) => simulateLoop(resolveConfig({ ...variant.config(seed, true), generations: 4 }))[4].accuracy!);
    expect(new Set(finals).size).toBeGreaterThan(1);
    for (const a of finals) expect(a).toBeGreaterThan(0.1); // a verifier with flip 0.2 still carries task bits
    const selfJudge = noisyExperiment.variants.find((v) => v.name === 'self-judge')!;
    const rows = simulateLoop(resolveConfig({ ...selfJudge.config(1, true), generations: 4 }));
    expect(boundSlack(rows)).not.toBeNull();
  });
});
