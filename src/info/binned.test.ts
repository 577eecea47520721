import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { looksContinuous, scoreEntropy, scoreLabels } from './binned.js';

describe('entropy of graded scores', () => {
  it('counts few distinct values as they are (rubric levels)', () => {
    const values = [0, 0.5, 1, 1, 0.5, 0, 1, 1, 1, 1, 0.5, 0, 0, 0, 1, 1];
    expect(looksContinuous(values)).toBe(false);
    // counts 5, 3, 8 of 16
    const p = [5 / 16, 3 / 16, 8 / 16];
    expect(scoreEntropy(values)).toBeCloseTo(-p.reduce((h, x) => h + x * Math.log2(x), 0), 12);
  });

  it('bins a continuous score into ⌈√n⌉ equal-width bins instead of counting log2 n', () => {
    const rng = createRng(1);
    const n = 10000;
    const uniform = Array.from({ length: n }, () => rng.next());
    expect(looksContinuous(uniform)).toBe(true);
    expect(new Set(scoreLabels(uniform)).size).toBe(100);
    // uniform over 100 bins: log2 100, less the plug-in bias (m−1)/(2n ln 2) ≈ 0.007; the spread is far smaller
    const h = scoreEntropy(uniform);
    expect(h).toBeLessThan(Math.log2(100));
    expect(h).toBeGreaterThan(Math.log2(100) - 0.03);
    expect(h).toBeLessThan(Math.log2(n) - 5);
  });

  it('approaches h(f) − log2(width) for a Gaussian score (Monte Carlo, SE-derived tolerance)', () => {
    const rng = createRng(2);
    const n = 40000;
    const values = Array.from({ length: n }, () => rng.normal());
    const width = (Math.max(...values) - Math.min(...values)) / Math.ceil(Math.sqrt(n));
    const expected = 0.5 * Math.log2(2 * Math.PI * Math.E) - Math.log2(width);
    // sd of −log2 f(X) is 1/(√2 ln 2) ≈ 1.02; bias of the plug-in ≤ (m−1)/(2n ln 2) ≈ 0.0036
    const se = 1 / (Math.SQRT2 * Math.LN2) / Math.sqrt(n);
    expect(Math.abs(scoreEntropy(values) - expected)).toBeLessThan(4 * se + 200 / (2 * n * Math.LN2));
  });
});
