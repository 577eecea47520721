/**
 * The loop against theory's closed forms (theory.md §2). Each check compares a mean over many
 * seeded runs with its prediction within 4 standard errors of that mean.
 */
import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/load.js';
import type { ConfigInput } from '../src/config/schema.js';
import { simulateLoop } from '../src/loop/simulate.js';
import type { LedgerRow } from '../src/ledger/schema.js';

function meanAndSe(values: number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

function runs(base: ConfigInput, count: number): LedgerRow[][] {
  return Array.from({ length: count }, (_, i) => simulateLoop(resolveConfig({ ...base, seed: 1000 + i })));
}

describe('closed loops collapse at the predicted rate', () => {
  it('Gaussian replace + MLE, n = 10: E[σ²_t] = σ0²((n−1)/n)^t over 2000 runs', () => {
    const n = 10;
    const all = runs({ generations: 20, n, task: { name: 'gaussian-target' }, learner: { name: 'gaussian', estimator: 'mle' }, signal: { name: 'none' } }, 2000);
    for (let t = 0; t <= 20; t++) {
      const { mean, se } = meanAndSe(all.map((rows) => rows[t].extras.variance as number));
      const predicted = ((n - 1) / n) ** t;
      if (t === 0) expect(mean).toBe(1);
      else expect(Math.abs(mean - predicted)).toBeLessThan(4 * se);
    }
  });

  it('categorical K = 1000 uniform, n = 100, replace: E[1 − Σp²] = (1 − 1/n)^t (1 − 1/K) over 400 runs', () => {
    const n = 100;
    const K = 1000;
    const all = runs({ generations: 20, n, task: { name: 'categorical-target', K }, learner: { name: 'categorical', K }, signal: { name: 'none' } }, 400);
    for (let t = 1; t <= 20; t++) {
      const { mean, se } = meanAndSe(all.map((rows) => rows[t].extras.heterozygosity as number));
      expect(Math.abs(mean - (1 - 1 / n) ** t * (1 - 1 / K))).toBeLessThan(4 * se);
    }
    // support can only shrink under replace: a category lost is never sampled again
    for (const rows of all) for (let t = 1; t <= 20; t++) expect(rows[t].support!).toBeLessThanOrEqual(rows[t - 1].support!);
  });
});

describe('a verifier opens the loop', () => {
  const base = (signal: string): ConfigInput => ({
    generations: 10,
    n: 200,
    task: { name: 'categorical-target', K: 100, correct: 10 },
    learner: { name: 'categorical', K: 100, alpha: 0.5 },
    signal: { name: signal },
  });

  it('raises accuracy from 0.1 above 0.7 by generation 10 while `none` stays at 0.1 in expectation', () => {
    const open = runs(base('verifier'), 50);
    const closed = runs(base('none'), 200);
    for (const rows of open) {
      expect(rows[0].accuracy).toBeCloseTo(0.1, 12);
      expect(rows[10].accuracy!).toBeGreaterThan(0.7);
    }
    // Without a signal P_t(A) is a martingale: E[acc_10] = 0.1 exactly
    const { mean, se } = meanAndSe(closed.map((rows) => rows[10].accuracy!));
    expect(Math.abs(mean - 0.1)).toBeLessThan(4 * se);
  });

  it('writes injected_bits = n_kept·(−log2 acceptance) exactly, and 0 with closed = true for closed runs', () => {
    const [open] = runs(base('verifier'), 1);
    let cumulative = 0;
    for (const row of open.slice(1)) {
      const expected = row.n_kept === 0 ? 0 : row.n_kept * Math.log2(row.n_judged / row.n_kept);
      expect(row.injected_bits).toBe(expected); // a clean verifier: min(shift, n·Î) is the shift itself (src/ledger/task-information.ts)
      expect(row.acceptance).toBe(row.n_kept / row.n_judged);
      cumulative += row.shift_bits;
      expect(row.injected_bits_cum).toBe(cumulative);
      expect(row.closed).toBe(false);
    }
    for (const signal of ['none', 'self-judge']) {
      const [rows] = runs(base(signal), 1);
      for (const row of rows) {
        expect(row.closed).toBe(true);
        expect(row.injected_bits).toBe(0);
      }
    }
    // self-judge still moves the distribution: the ledger measures that shift
    const [self] = runs(base('self-judge'), 1);
    expect(self.slice(1).some((row) => row.shift_bits > 0)).toBe(true);
  });
});
