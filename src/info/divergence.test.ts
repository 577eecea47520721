import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { distributionKl, gaussianKl, jsDivergence, klDivergence } from './divergence.js';
import { createRng } from '../core/rng.js';

describe('KL divergence', () => {
  it('matches closed forms', () => {
    expect(klDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(1, 15); // log2 2
    expect(klDivergence([0.5, 0.5], [0.25, 0.75])).toBeCloseTo(0.5 * Math.log2(2) + 0.5 * Math.log2(2 / 3), 15);
    expect(klDivergence([0.3, 0.7], [0.3, 0.7])).toBe(0);
    expect(klDivergence([2, 2], [1, 3])).toBeCloseTo(klDivergence([0.5, 0.5], [0.25, 0.75]), 15); // normalised
    expect(klDivergence(Float64Array.from([0.2, 0.8]), Float64Array.from([0.5, 0.5]))).toBeGreaterThan(0);
  });

  it('is Infinity when q misses mass of p, and ignores p = 0 bins', () => {
    expect(klDivergence([0.5, 0.5], [1, 0])).toBe(Infinity);
    expect(klDivergence([1, 0], [1, 0])).toBe(0);
  });

  it('is non-negative on random pairs (Gibbs)', () => {
    const rng = createRng(3);
    for (let t = 0; t < 200; t++) {
      const p = Array.from({ length: 5 }, () => rng.next());
      const q = Array.from({ length: 5 }, () => rng.next() + 1e-3);
      expect(klDivergence(p, q)).toBeGreaterThanOrEqual(0);
    }
  });

  it('rejects mismatched lengths and negative entries', () => {
    expect(() => klDivergence([1], [0.5, 0.5])).toThrow(InfoloopError);
    expect(() => klDivergence([1, -0.1], [0.5, 0.5])).toThrow(InfoloopError);
    expect(() => klDivergence([], [])).toThrow(InfoloopError);
  });
});

describe('Jensen–Shannon divergence', () => {
  it('is 1 for disjoint supports and 0 for equal inputs', () => {
    expect(jsDivergence([1, 0], [0, 1])).toBe(1);
    expect(jsDivergence([0.2, 0.8], [0.2, 0.8])).toBe(0);
  });

  it('matches the hand value for [1,0] vs [½,½]', () => {
    // m = ¾, ¼: ½·log2(4/3) + ½·(½ log2(⅔) + ½ log2 2) = ½ log2(4/3) + ¼ log2(⅔) + ¼.
    expect(jsDivergence([1, 0], [0.5, 0.5])).toBeCloseTo(0.5 * Math.log2(4 / 3) + 0.25 * Math.log2(2 / 3) + 0.25, 15);
  });

  it('is symmetric and within [0, 1] on random pairs', () => {
    const rng = createRng(4);
    for (let t = 0; t < 200; t++) {
      const p = Array.from({ length: 4 }, () => (rng.next() < 0.3 ? 0 : rng.next()));
      p[0] += 0.01;
      const q = Array.from({ length: 4 }, () => rng.next());
      const value = jsDivergence(p, q);
      expect(value).toBeGreaterThanOrEqual(0);
      expect(value).toBeLessThanOrEqual(1);
      expect(jsDivergence(q, p)).toBeCloseTo(value, 14);
    }
  });
});

describe('closed-form KL of distributions', () => {
  it('matches a numerical integral for two Gaussians and is 0 for equal ones', () => {
    const [m0, v0, m1, v1] = [0.3, 0.5, -0.4, 2];
    const density = (x: number, m: number, v: number) => Math.exp(-((x - m) ** 2) / (2 * v)) / Math.sqrt(2 * Math.PI * v);
    let integral = 0;
    const h = 1e-3;
    for (let x = -12; x <= 12; x += h) {
      const p = density(x, m0, v0);
      if (p > 0) integral += p * Math.log2(p / density(x, m1, v1)) * h;
    }
    expect(gaussianKl(m0, v0, m1, v1)).toBeCloseTo(integral, 6);
    expect(gaussianKl(1, 2, 1, 2)).toBe(0);
    expect(distributionKl({ kind: 'gaussian', mean: m0, variance: v0 }, { kind: 'gaussian', mean: m1, variance: v1 })).toBe(gaussianKl(m0, v0, m1, v1));
    expect(distributionKl({ kind: 'categorical', probs: Float64Array.of(0.5, 0.5) }, { kind: 'categorical', probs: Float64Array.of(0.25, 0.75) })).toBeCloseTo(0.5 * Math.log2(2) + 0.5 * Math.log2(2 / 3), 12);
    expect(distributionKl({ kind: 'gaussian', mean: 0, variance: 1 }, { kind: 'categorical', probs: Float64Array.of(1) })).toBeNull();
  });
});
