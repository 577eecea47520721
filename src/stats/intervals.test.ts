import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { bootstrapInterval } from './bootstrap.js';
import { confidenceInterval, isSkewed } from './intervals.js';
import { mean, sampleVariance, skewness, standardError } from './moments.js';
import { tInterval, welchDifference } from './t-interval.js';

describe('intervals', () => {
  it('computes mean, variance and the 95% t interval of 1..5 by hand', () => {
    const values = [1, 2, 3, 4, 5];
    expect(mean(values)).toBe(3);
    expect(sampleVariance(values)).toBeCloseTo(2.5, 14);
    expect(standardError(values)).toBeCloseTo(Math.sqrt(0.5), 14);
    const interval = tInterval(values);
    const half = 2.776445105 * Math.sqrt(0.5); // t_{0.975,4}
    expect(interval.low).toBeCloseTo(3 - half, 8);
    expect(interval.high).toBeCloseTo(3 + half, 8);
    expect(interval.n).toBe(5);
  });

  it('a single run has an unbounded interval; infinite values an infinite mean', () => {
    expect(tInterval([2]).high).toBe(Infinity);
    const infinite = tInterval([1, Infinity]);
    expect(infinite.mean).toBe(Infinity);
    expect(infinite.method).toBe('none');
  });

  it('Welch interval: equal sizes and errors give df = 2(n − 1)', () => {
    const diff = welchDifference({ mean: 1, se: 1, n: 5 }, { mean: 0, se: 1, n: 5 });
    expect(diff.df).toBeCloseTo(8, 12);
    expect(diff.high - diff.difference).toBeCloseTo(2.306004135 * Math.SQRT2, 8); // t_{0.975,8}
  });

  it('bootstrap of 0..99 agrees with the normal interval within its Monte Carlo error', () => {
    const values = Array.from({ length: 100 }, (_, i) => i);
    const boot = bootstrapInterval(values, createRng(5));
    const se = standardError(values);
    // Bootstrap quantile SE ≈ sqrt(q(1−q)/R)/density = sqrt(0.025·0.975/2000)/(φ(1.96)/se) ≈ 0.06·se; allow 4 of those.
    const tolerance = 4 * 0.06 * se;
    expect(Math.abs(boot.low - (49.5 - 1.96 * se))).toBeLessThan(tolerance);
    expect(Math.abs(boot.high - (49.5 + 1.96 * se))).toBeLessThan(tolerance);
    expect(boot.method).toBe('bootstrap');
  });

  it('gives zero width only to identical runs, and calls them deterministic', () => {
    const same = confidenceInterval([0.5, 0.5, 0.5], createRng(1));
    expect(same).toMatchObject({ low: 0.5, high: 0.5, se: 0, method: 'deterministic' });
    const almost = confidenceInterval([0.5, 0.5, 0.5, 0.5, 0.6], createRng(1));
    expect(almost.high).toBeGreaterThan(almost.low);
  });

  it('never reaches below 0 for a non-negative sample: the bootstrap replaces a t interval that would', () => {
    const values = [0, 0, 0.01, 0, 0.3];
    expect(tInterval(values).low).toBeLessThan(0);
    const interval = confidenceInterval(values, createRng(2));
    expect(interval.method).toBe('bootstrap');
    expect(interval.low).toBeGreaterThanOrEqual(0);
    expect(confidenceInterval([0.4], createRng(3))).toMatchObject({ low: 0, high: Infinity });
    // a sample with negative values keeps its t interval
    expect(confidenceInterval([-0.2, 0.1, 0.3, -0.1], createRng(4)).method).toBe('t');
  });

  it('chooses the bootstrap only for skewed samples', () => {
    expect(skewness([1, 2, 3])).toBe(0);
    const skewed = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 10];
    expect(isSkewed(skewed)).toBe(true);
    expect(confidenceInterval(skewed, createRng(1)).method).toBe('bootstrap');
    expect(confidenceInterval([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], createRng(1)).method).toBe('t');
  });
});
