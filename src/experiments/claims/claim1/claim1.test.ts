import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/rng.js';
import { resolveConfig } from '../../../config/load.js';
import { categoricalExperiment, initialHeterozygosity } from './categorical.js';
import { expectedLogVarianceStep, gaussianExperiment } from './gaussian.js';
import { claim1Verdict } from './verdict.js';
import { mean, standardError } from '../../../stats/moments.js';
import type { SummaryRow } from '../../types.js';

describe('claim 1 closed forms', () => {
  it('E[ln(χ²_{n−1}/n)] from the digamma function matches a Monte Carlo oracle', () => {
    const rng = createRng(11);
    const draws: number[] = [];
    for (let i = 0; i < 50_000; i++) {
      let chiSquare = 0;
      for (let k = 0; k < 9; k++) chiSquare += rng.normal() ** 2;
      draws.push(Math.log(chiSquare / 10));
    }
    // 4 standard errors of the Monte Carlo mean.
    expect(Math.abs(mean(draws) - expectedLogVarianceStep(10, 10))).toBeLessThan(4 * standardError(draws));
    expect(expectedLogVarianceStep(3, 2)).toBeCloseTo(-0.5772156649, 9); // ψ(1) + ln 2 − ln 2 = −γ
  });

  it('initial heterozygosity: uniform 1 − 1/K and Zipf by hand for K = 2, s = 1', () => {
    expect(initialHeterozygosity('uniform', 1000)).toBeCloseTo(0.999, 15);
    expect(initialHeterozygosity('zipf', 2, 1)).toBeCloseTo(4 / 9, 15); // p = (2/3, 1/3)
  });

  it('every variant config is valid in both settings', () => {
    for (const experiment of [gaussianExperiment, categoricalExperiment]) {
      for (const variant of experiment.variants) {
        for (const quick of [true, false]) expect(() => resolveConfig(variant.config(3, quick))).not.toThrow();
      }
      expect(new Set(experiment.variants.map((v) => v.name)).size).toBe(experiment.variants.length);
    }
    expect(gaussianExperiment.variants).toHaveLength(10);
    expect(categoricalExperiment.variants).toHaveLength(12);
  });

  it('closed-form rows only for replace variants', () => {
    const row = (variant: string, params: Record<string, unknown>, metric: string): SummaryRow =>
      ({ experiment: 'claim1-gaussian', variant, params, t: 2, metric, mean: 0, se: 0, ci_low: 0, ci_high: 0, n_runs: 3 });
    const forms = gaussianExperiment.closedForms!([
      row('replace-mle-n10', { n: 10, estimator: 'mle', policy: 'replace' }, 'sigma2'),
      row('replace-unbiased-n10', { n: 10, estimator: 'unbiased', policy: 'replace' }, 'sigma2'),
      row('mix-0.5-n10', { n: 10, estimator: 'mle', policy: 'mix' }, 'sigma2'),
    ]);
    expect(forms.map((f) => [f.variant, f.mean])).toEqual([['replace-mle-n10', 0.81], ['replace-unbiased-n10', 1]]);
  });
});

describe('claim 1 verdict rule', () => {
  const T = 20;
  const theoryLog = T * expectedLogVarianceStep(10, 10);
  const theoryH = 0.99 ** T * 0.999;
  function summary(logMean: number, logSe: number, mixMean: number, hMean: number, hSe: number): SummaryRow[] {
    const row = (experiment: string, variant: string, metric: string, m: number, se: number, kind: 'measured' | 'closed_form' = 'measured'): SummaryRow => ({
      experiment, variant, params: {}, t: T, metric, mean: m, se, ci_low: m - 2.09 * se, ci_high: m + 2.09 * se, n_runs: kind === 'measured' ? 20 : 0, kind,
    });
    return [
      row('claim1-gaussian', 'replace-mle-n10', 'log_sigma2', logMean, logSe),
      row('claim1-gaussian', 'replace-mle-n10', 'log_sigma2', theoryLog, 0, 'closed_form'),
      row('claim1-gaussian', 'mix-0.5-n10', 'log_sigma2', mixMean, 0.1),
      row('claim1-categorical', 'uniform-n100-replace', 'heterozygosity', hMean, hSe),
      row('claim1-categorical', 'uniform-n100-replace', 'heterozygosity', theoryH, 0, 'closed_form'),
    ];
  }

  it('supported when collapse, rate and mitigation all hold', () => {
    const verdict = claim1Verdict(summary(theoryLog + 0.1, 0.3, -0.2, theoryH, 0.005));
    expect(verdict.label).toBe('supported');
    expect(verdict.statement).toContain('claim1 supported');
  });

  it('not supported when the rate misses its closed form by more than 4 SE', () => {
    expect(claim1Verdict(summary(theoryLog + 2, 0.3, -0.2, theoryH, 0.005)).label).toBe('not supported');
  });

  it('not supported when the variance does not fall', () => {
    expect(claim1Verdict(summary(0.5, 0.1, 0.6, theoryH, 0.005)).label).toBe('not supported');
  });

  it('inconclusive when the intervals are too wide to decide', () => {
    expect(claim1Verdict(summary(theoryLog, 3, theoryLog + 1, theoryH, 0.005)).label).toBe('inconclusive');
    expect(claim1Verdict([]).label).toBe('inconclusive');
  });
});
