import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { bcaFromReplicates, bootstrapCI, halfSampleCI, jackknifeAcceleration, quantileSorted } from './bootstrap.js';

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('bootstrap building blocks', () => {
  it('quantiles interpolate like numpy', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([1, 2, 3, 4], 0)).toBe(1);
    expect(quantileSorted([1, 2, 3, 4], 1)).toBe(4);
    expect(quantileSorted([0, 10], 0.25)).toBe(2.5);
  });

  it('jackknife acceleration of the mean equals the skewness closed form Σd³ / (6 (Σd²)^{3/2})', () => {
    // Efron & Tibshirani (1993) eq. 14.15: for the mean, θ̄ − θ_(i) = (x_i − x̄)/(n − 1), and the factor cancels.
    const xs = [0.3, 1.7, 0.2, 5.5, 0.9, 2.2, 0.1];
    const leaveOneOut = xs.map((_, left) => mean(xs.filter((_, i) => i !== left)));
    const m = mean(xs);
    const closed = xs.reduce((a, x) => a + (x - m) ** 3, 0) / (6 * xs.reduce((a, x) => a + (x - m) ** 2, 0) ** 1.5);
    expect(jackknifeAcceleration(leaveOneOut)).toBeCloseTo(closed, 14);
  });

  it('BCa reduces to the percentile interval when z0 = 0 and a = 0', () => {
    const sorted = Float64Array.from({ length: 1001 }, (_, i) => i / 1000);
    const { interval, biasCorrection } = bcaFromReplicates(sorted, 0.5, 0, 0.9);
    expect(biasCorrection).toBeCloseTo(0, 12);
    expect(interval[0]).toBeCloseTo(quantileSorted(sorted, 0.05), 10);
    expect(interval[1]).toBeCloseTo(quantileSorted(sorted, 0.95), 10);
  });

  it('BCa shifts the interval toward the estimate when most replicates lie below it', () => {
    // 84.13% of replicates below the estimate → z0 = Φ⁻¹(0.8413) ≈ 1; lower tail moves to Φ(1 + 1 − 1.645).
    const sorted = Float64Array.from({ length: 10000 }, (_, i) => i / 10000);
    const { interval, biasCorrection } = bcaFromReplicates(sorted, 0.84135, 0, 0.9);
    expect(biasCorrection).toBeCloseTo(1, 3);
    expect(interval[0]).toBeCloseTo(0.6387, 3); // Φ(0.3551)
  });
});

describe('bootstrapCI', () => {
  it('is reproducible under a seed', () => {
    const xs = [1, 4, 2, 8, 5, 7, 3, 3, 9, 0];
    const a = bootstrapCI(mean, xs, { B: 200, rng: createRng(1) });
    const b = bootstrapCI(mean, xs, { B: 200, rng: createRng(1) });
    expect(a).toEqual(b);
    expect(bootstrapCI(mean, xs, { B: 200, rng: createRng(2) }).percentile).not.toEqual(a.percentile);
  });

  it('for the mean of normal data, the percentile interval is x̄ ± 1.96 s/√n', () => {
    const rng = createRng(7);
    const xs = Array.from({ length: 400 }, () => 3 + 2 * rng.normal());
    const m = mean(xs);
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / xs.length);
    const se = sd / Math.sqrt(xs.length);
    const result = bootstrapCI(mean, xs, { B: 4000, level: 0.95, rng: createRng(8) });
    // Monte-Carlo SE of a 2.5% quantile from B=4000 replicates ≈ √(.025·.975/4000)/φ(1.96) · se ≈ 0.042 se;
    // the bootstrap distribution of a mean of 400 draws is normal to ~1%; allow 0.25 se (> 5 MC-SE).
    expect(Math.abs(result.percentile[0] - (m - 1.96 * se))).toBeLessThan(0.25 * se);
    expect(Math.abs(result.percentile[1] - (m + 1.96 * se))).toBeLessThan(0.25 * se);
    expect(Math.abs(result.standardError - se)).toBeLessThan(0.05 * se); // SE of an SD from 4000 draws ≈ 1.1%
    expect(result.bca![0]).toBeLessThan(m);
    expect(result.bca![1]).toBeGreaterThan(m);
  });

  it('BCa covers the mean of skewed (exponential) data at close to the nominal rate', () => {
    // 300 datasets: the coverage's binomial SE is √(.95·.05/300) ≈ 0.0126. BCa is second-order accurate
    // but runs slightly under nominal for n = 25 skewed means (about 0.93–0.94), so a ±0.05 window
    // leaves more than 1 SE of room beyond that; a systematic error in z0 or a moves coverage well outside it.
    const rng = createRng(9);
    let covered = 0;
    const datasets = 300;
    for (let d = 0; d < datasets; d++) {
      const xs = Array.from({ length: 25 }, () => -Math.log(1 - rng.next()));
      const result = bootstrapCI(mean, xs, { B: 400, rng: rng.fork(`dataset-${d}`) });
      if (result.bca![0] <= 1 && 1 <= result.bca![1]) covered++;
    }
    expect(Math.abs(covered / datasets - 0.95)).toBeLessThan(0.05);
  });

  it('returns a null BCa when replicates are infinite', () => {
    const result = bootstrapCI((xs: number[]) => (xs.includes(0) ? Infinity : 1), [0, 1, 2, 3], { B: 50, rng: createRng(3) });
    expect(result.bca).toBeNull();
    expect(result.percentile[1]).toBe(Infinity);
  });

  it('rejects bad levels, B and tiny samples', () => {
    expect(() => bootstrapCI(mean, [1, 2, 3], { level: 1.5, rng: createRng(1) })).toThrow(InfoloopError);
    expect(() => bootstrapCI(mean, [1, 2, 3], { B: 1, rng: createRng(1) })).toThrow(InfoloopError);
    expect(() => bootstrapCI(mean, [1], { rng: createRng(1) })).toThrow(InfoloopError);
  });
});

describe('halfSampleCI', () => {
  it('estimates the standard error of a mean as s/√n', () => {
    const rng = createRng(11);
    const xs = Array.from({ length: 1000 }, () => rng.normal());
    const result = halfSampleCI(mean, xs, { subsets: 800, rng: createRng(12) });
    // The half-sample SE² is unbiased for the mean's variance with the finite-population factor 1; an SD
    // estimate from 800 subsets has relative SE ≈ 1/√(2·800) = 2.5%; allow 4 of those.
    const m = mean(xs);
    const se = Math.sqrt(xs.reduce((a, x) => a + (x - m) ** 2, 0) / (xs.length - 1) / xs.length);
    expect(Math.abs(result.standardError / se - 1)).toBeLessThan(0.1);
    expect(result.interval[0]).toBeCloseTo(m - 1.959963984540054 * result.standardError, 12);
  });
});

describe('stratified bootstrap', () => {
  it('keeps each stratum in its own positions and size', () => {
    // Samples 0–4 are stratum 0, 10–12 stratum 1; each replicate must keep 5 values < 10 and 3 ≥ 10 in place.
    const samples = [0, 1, 2, 3, 4, 10, 11, 12];
    const strata = [0, 0, 0, 0, 0, 1, 1, 1];
    let checked = 0;
    const statistic = (xs: number[]) => {
      const ok = xs.slice(0, 5).every((x) => x < 10) && xs.slice(5).every((x) => x >= 10);
      if (xs.length === 8) checked += ok ? 1 : -1000;
      return mean(xs);
    };
    bootstrapCI(statistic, samples, { B: 100, rng: createRng(5), strata });
    expect(checked).toBe(101); // the estimate plus 100 replicates
  });
});
