import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/rng.js';
import { resolveConfig } from '../../../config/load.js';
import type { LedgerRow } from '../../../ledger/schema.js';
import { simulateLoop } from '../../../loop/simulate.js';
import { GYM_EXPERIMENT, analyzeGym, gymExperiment, gymFamilies } from './gym.js';
import { claim2 } from './index.js';
import { claim2Verdict, gymClause } from './verdict.js';
import type { SummaryRow } from '../../types.js';
import { boundSlack, boundViolated } from './bound.js';

const row = (generation: number, accuracy: number | null, nKept: number, shift: number) =>
  ({ generation, accuracy, n_kept: nKept, shift_bits: shift, injected_bits: shift, signal_reads: 'task' }) as LedgerRow;

describe('claim2-gym definition', () => {
  it('covers at least four families and all six signals, and every config resolves', () => {
    expect(gymFamilies.length).toBeGreaterThanOrEqual(4);
    const signalNames = new Set(gymExperiment.variants.map((variant) => (resolveConfig(variant.config(1, true)).signal as { name: string }).name));
    expect([...signalNames].sort()).toEqual(['environment', 'majority', 'none', 'rubric', 'self-judge', 'verifier']);
    for (const variant of gymExperiment.variants) for (const quick of [true, false]) expect(() => resolveConfig(variant.config(1, quick))).not.toThrow();
    expect(claim2.experiments).toContain(gymExperiment);
  });
});

describe('the bound log2(a_T/a_0) ≤ Σ_t shift_bits_t / n_kept_t', () => {
  it('holds exactly for one hard filter on random finite distributions: Q(A) ≤ P(A)/P(K)', () => {
    // The derivation's step, checked by brute force: P random, A and K random subsets.
    const rng = createRng(7);
    for (let trial = 0; trial < 500; trial++) {
      const size = 2 + rng.int(20);
      const weights = Array.from({ length: size }, () => rng.next());
      const total = weights.reduce((a, b) => a + b, 0);
      const p = weights.map((w) => w / total);
      const inA = p.map(() => rng.next() < 0.4);
      const inK = p.map(() => rng.next() < 0.5);
      const pA = p.reduce((s, v, i) => s + (inA[i] ? v : 0), 0);
      const pK = p.reduce((s, v, i) => s + (inK[i] ? v : 0), 0);
      if (pA === 0 || pK === 0) continue;
      const qA = p.reduce((s, v, i) => s + (inA[i] && inK[i] ? v : 0), 0) / pK;
      expect(Math.log2(qA / pA)).toBeLessThanOrEqual(-Math.log2(pK) + 1e-12);
    }
  });

  it('slack by hand: Σ bits per kept sample − log2(a_T/a_0)', () => {
    // a 0.25 → 0.5 is 1 bit gained; 10 kept at acceptance 1/4 is 2 bits per kept sample, 20 at 1/2 is 1.
    const rows = [row(0, 0.25, 0, 0), row(1, 0.4, 10, 20), row(2, 0.5, 20, 20)];
    expect(boundSlack(rows)).toBeCloseTo(3 - 1, 12);
    expect(boundSlack([row(0, 0, 0, 0), row(1, 0.5, 10, 20)])).toBeNull(); // a_0 = 0: the ratio is undefined
    expect(boundSlack([row(0, 0.5, 0, 0), row(1, 0.75, 0, 0)])).toBeCloseTo(-Math.log2(1.5), 12); // gain without bits: the bound fails
  });

  it('analyze gives slack rows to every variant, closed ones included (the bound is on the shift)', () => {
    const closed = (rows: LedgerRow[]) => rows.map((r) => ({ ...r, signal_reads: 'model' }) as LedgerRow);
    const runs = [1, 2].flatMap((seed) => [
      { experiment: GYM_EXPERIMENT, variant: 'verifier', seed, dir: '', rows: [row(0, 0.25, 0, 0), row(1, 0.5, 10, 20)] },
      { experiment: GYM_EXPERIMENT, variant: 'none', seed, dir: '', rows: closed([row(0, 0.25, 0, 0), row(1, 0.2, 200, 0)]) },
    ]);
    const out = analyzeGym(runs);
    const find = (variant: string, metric: string) => out.find((r) => r.variant === variant && r.metric === metric);
    expect(find('verifier', 'bound_min_slack_bits')?.mean).toBeCloseTo(1, 12);
    expect(find('verifier', 'accuracy_gain')?.mean).toBeCloseTo(0.25, 12);
    // none keeps everything: shift 0, accuracy 0.25 → 0.2, slack −log2(0.8)
    expect(find('none', 'bound_min_slack_bits')?.mean).toBeCloseTo(-Math.log2(0.8), 12);
    expect(find('none', 'accuracy_gain')?.mean).toBeCloseTo(-0.05, 12);
  });
});

describe('gym verdict clause', () => {
  const T = 6;
  const summaryRow = (variant: string, metric: string, mean: number, se: number, t = T): SummaryRow => ({
    experiment: GYM_EXPERIMENT, variant, params: {}, t, metric, mean, se, ci_low: mean - 2 * se, ci_high: mean + 2 * se, n_runs: 10,
  });
  const slacks = (value: number) =>
    ['verifier', 'rubric', 'none', 'self-judge', 'majority', 'grid-verifier', 'grid-environment', 'grid-none'].map((v) => summaryRow(v, 'bound_slack_bits', value, 0));

  it('supported, not supported, inconclusive and missing, by the Welch interval and the bound', () => {
    const clause = (verifier: number, none: number, slack: number) =>
      gymClause([summaryRow('verifier', 'accuracy', verifier, 0.02), summaryRow('none', 'accuracy', none, 0.02), ...slacks(slack)]);
    expect(clause(0.45, 0.18, 5)).toMatch(/^gym: supported/);
    expect(clause(0.18, 0.45, 5)).toMatch(/^gym: not supported/);
    expect(clause(0.45, 0.18, -0.5)).toMatch(/^gym: not supported.*FAILS/);
    expect(clause(0.2, 0.19, 5)).toMatch(/^gym: inconclusive/);
    expect(gymClause([summaryRow('verifier', 'accuracy', 0.45, 0.02)])).toBe('gym: inconclusive (results missing)');
    // a closed variant whose accuracy gain lies above 0 is named as sharpening
    const sharpened = gymClause([summaryRow('verifier', 'accuracy', 0.45, 0.02), summaryRow('none', 'accuracy', 0.18, 0.02), ...slacks(5), summaryRow('self-judge', 'accuracy_gain', 0.07, 0.02)]);
    expect(sharpened).toMatch(/sharpening .*self-judge \+0\.07/);
  });

  it('is appended to the claim 2 statement without changing its label', () => {
    const categorical = (variant: string, metric: string, mean: number) =>
      ({ experiment: 'claim2-verifier-noisy', variant, params: {}, t: 10, metric, mean, se: 0.01, ci_low: mean - 0.02, ci_high: mean + 0.02, n_runs: 6 }) as SummaryRow;
    const base = [
      categorical('verifier', 'accuracy', 0.99), categorical('none', 'accuracy', 0.1), categorical('verifier', 'injected_bits_cum', 280),
      ...['verifier', 'none', 'self-judge'].map((v) => categorical(v, 'bound_slack_bits', 1)),
    ];
    const without = claim2Verdict(base);
    const gymNotSupported = [summaryRow('verifier', 'accuracy', 0.1, 0.02), summaryRow('none', 'accuracy', 0.45, 0.02), ...slacks(5)];
    const withGym = claim2Verdict([...base, ...gymNotSupported]);
    expect(without.label).toBe('supported');
    expect(withGym.label).toBe('supported');
    expect(withGym.statement.startsWith(without.statement + '; gym: not supported')).toBe(true);
  });
});

describe('claim2-gym loop (one short run per signal kind)', () => {
  it('closed signals inject 0 bits, open ones inject > 0 and keep their bound', () => {
    for (const name of ['none', 'majority', 'verifier', 'grid-environment']) {
      const variant = gymExperiment.variants.find((v) => v.name === name)!;
      const config = resolveConfig({ ...variant.config(1, true), generations: 2, n: 40, task: { ...(variant.config(1, true).task as object), eval_prompts: 20, pretrain: 40 } });
      const rows = simulateLoop(config);
      expect(rows).toHaveLength(3);
      const open = rows[1].signal_reads === 'task';
      expect(open).toBe(name === 'verifier' || name === 'grid-environment');
      if (!open) expect(rows[2].injected_bits_cum).toBe(0);
      else if (rows.some((r) => r.n_kept > 0 && r.n_kept < r.n_judged)) expect(rows[2].injected_bits_cum).toBeGreaterThan(0);
      for (const r of rows) {
        expect(r.accuracy).toBeGreaterThanOrEqual(0);
        expect(r.heldout_accuracy).toBeGreaterThanOrEqual(0);
      }
    }
  });
});

describe('the bound test over variants', () => {
  const slackRow = (mean: number, se: number, n = 10): SummaryRow => ({ experiment: 'e', variant: 'v', params: {}, t: 5, metric: 'bound_slack_bits', mean, se, ci_low: mean - 2 * se, ci_high: mean + 2 * se, n_runs: n });

  it('fails only on a mean slack below 0 beyond noise, Holm-corrected', () => {
    expect(boundViolated([slackRow(1, 0.1), slackRow(0.5, 0.2)], 0, 0.05)).toBe(false);
    // mean −0.1 with se 0.2 over 10 runs: a dip within noise (p ≈ 0.31)
    expect(boundViolated([slackRow(-0.1, 0.2)], 0, 0.05)).toBe(false);
    // t = −5 on 9 df: p ≈ 0.0004, rejected even after Holm over three variants
    expect(boundViolated([slackRow(1, 0.1), slackRow(-1, 0.2), slackRow(2, 0.1)], 0, 0.05)).toBe(true);
    // p ≈ 0.03 alone is rejected at 0.05, but not after Holm over three variants (needs ≤ 0.0167)
    const borderline = slackRow(-0.4, 0.2); // t = −2, df 9: one-sided p ≈ 0.038
    expect(boundViolated([borderline], 0, 0.05)).toBe(true);
    expect(boundViolated([borderline, slackRow(1, 0.1), slackRow(2, 0.1)], 0, 0.05)).toBe(false);
    // identical runs: the sign decides
    expect(boundViolated([slackRow(-0.01, 0)], 0, 0.05)).toBe(true);
  });
});
