import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { bestOfKBits, bestOfKBitsDiscrete } from './best-of-k.js';

/** Mean and standard error of a sample. */
function meanAndSe(values: number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

describe('best-of-k bits', () => {
  it('has the closed form log2 k − (k−1)/(k ln 2)', () => {
    expect(bestOfKBits(1)).toBe(0);
    expect(bestOfKBits(2)).toBeCloseTo(1 - 1 / (2 * Math.LN2), 14);
    expect(() => bestOfKBits(0)).toThrow(/k ≥ 1/);
  });

  it('matches Monte Carlo for a continuous score: the best of k Gaussians, density ratio k·Φ(m)^(k−1)', () => {
    const rng = createRng(11);
    for (const k of [2, 4, 8]) {
      // the quantile u = Φ(max) of the best of k draws; rank by the uniform directly (Φ is monotone)
      const ratios = Array.from({ length: 100000 }, () => {
        let best = 0;
        for (let i = 0; i < k; i++) best = Math.max(best, rng.next());
        return Math.log2(k) + (k - 1) * Math.log2(best);
      });
      const { mean, se } = meanAndSe(ratios);
      expect(Math.abs(mean - bestOfKBits(k))).toBeLessThan(4 * se);
    }
  });

  it('matches Monte Carlo with ties: simulated best-of-k frequencies of a discrete score', () => {
    const rng = createRng(12);
    const pmf = [0.5, 0.3, 0.2];
    const k = 3;
    const N = 200000;
    const counts = [0, 0, 0];
    for (let r = 0; r < N; r++) {
      let best = 0;
      for (let i = 0; i < k; i++) {
        const u = rng.next();
        best = Math.max(best, u < pmf[0] ? 0 : u < pmf[0] + pmf[1] ? 1 : 2);
      }
      counts[best]++;
    }
    const q = counts.map((c) => c / N);
    const simulated = q.reduce((kl, qi, i) => kl + qi * Math.log2(qi / pmf[i]), 0);
    // delta method: SE = sd_Q(log2 q/p)/√N; plug-in bias ≤ (m−1)/(2N ln 2)
    const terms = q.map((qi, i) => Math.log2(qi / pmf[i]));
    const variance = q.reduce((v, qi, i) => v + qi * (terms[i] - simulated) ** 2, 0);
    const tolerance = 4 * Math.sqrt(variance / N) + 2 / (2 * N * Math.LN2);
    expect(Math.abs(bestOfKBitsDiscrete(pmf, k) - simulated)).toBeLessThan(tolerance);
  });

  it('has the binary closed form and is below the continuous value; fine atoms approach it', () => {
    const a = 0.3;
    const k = 4;
    const q1 = 1 - (1 - a) ** k;
    const q0 = (1 - a) ** k;
    expect(bestOfKBitsDiscrete([1 - a, a], k)).toBeCloseTo(q1 * Math.log2(q1 / a) + q0 * Math.log2(q0 / (1 - a)), 12);
    expect(bestOfKBitsDiscrete([1 - a, a], k)).toBeLessThan(bestOfKBits(k));
    expect(bestOfKBitsDiscrete([1], k)).toBe(0);
    const fine = new Float64Array(100000).fill(1);
    expect(Math.abs(bestOfKBitsDiscrete(fine, k) - bestOfKBits(k))).toBeLessThan(1e-3);
  });
});
