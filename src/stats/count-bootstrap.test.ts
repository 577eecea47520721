import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { bootstrapCI } from './bootstrap.js';
import { binomialVariate, bootstrapCountsCI, gammaVariate, multinomialResample } from './count-bootstrap.js';
import { entropyPlugin } from '../info/entropy.js';
import { encodeCategories, lineValueCounts, parseInput } from '../info/input.js';

/** Mean and variance of `draws` samples of `draw`. */
function moments(draw: () => number, draws: number): { mean: number; variance: number } {
  let sum = 0;
  let squares = 0;
  for (let i = 0; i < draws; i++) {
    const x = draw();
    sum += x;
    squares += x * x;
  }
  const mean = sum / draws;
  return { mean, variance: squares / draws - mean * mean };
}

describe('count bootstrap samplers', () => {
  it('gamma variates have mean k and variance k (5 standard errors)', () => {
    const rng = createRng(1);
    for (const shape of [0.5, 1, 7.5, 400]) {
      const draws = 20_000;
      const { mean, variance } = moments(() => gammaVariate(rng, shape), draws);
      expect(Math.abs(mean - shape)).toBeLessThan(5 * Math.sqrt(shape / draws));
      // Var of the sample variance ≈ (μ4 − σ⁴)/draws with μ4 = 3k² + 6k for a gamma
      expect(Math.abs(variance - shape)).toBeLessThan(5 * Math.sqrt((2 * shape * shape + 6 * shape) / draws));
    }
  });

  it('binomial variates match n·p and n·p·(1−p) on both branches (inversion and beta splitting)', () => {
    const rng = createRng(2);
    for (const [n, p] of [[20, 0.3], [1000, 0.01], [1e7, 0.37], [123_456, 0.9], [5, 1], [0, 0.5]] as const) {
      const draws = 5000;
      const { mean, variance } = moments(() => binomialVariate(rng, n, p), draws);
      const sd = Math.sqrt(n * p * (1 - p));
      expect(Math.abs(mean - n * p)).toBeLessThanOrEqual(5 * (sd / Math.sqrt(draws)) + 1e-9);
      if (sd > 0) expect(variance / (sd * sd)).toBeGreaterThan(0.85);
      if (sd > 0) expect(variance / (sd * sd)).toBeLessThan(1.15);
    }
    expect(binomialVariate(createRng(3), 1e9, 0.5)).toBeGreaterThan(0);
  });

  it('a multinomial resample keeps the total and never fills an empty bin', () => {
    const rng = createRng(4);
    const counts = new Float64Array([5, 0, 1e6, 3, 0, 77]);
    const out = new Float64Array(counts.length);
    for (let i = 0; i < 100; i++) {
      multinomialResample(rng, counts, out);
      expect(out.reduce((a, b) => a + b, 0)).toBe(1e6 + 85);
      expect(out[1]).toBe(0);
      expect(out[4]).toBe(0);
    }
  });

  it('gives the interval of the ordinary bootstrap of the samples (same distribution of replicates)', () => {
    const values = Array.from({ length: 400 }, (_, i) => (i * 7919) % 13 < 9 ? i % 5 : 5 + (i % 3));
    const { codes, categories } = encodeCategories(values);
    const counts = new Float64Array(categories);
    for (const c of codes) counts[c]++;
    const fast = bootstrapCountsCI(entropyPlugin, counts, { B: 4000, rng: createRng(5) });
    const slow = bootstrapCI((xs: number[]) => {
      const c = new Float64Array(categories);
      for (const x of xs) c[x]++;
      return entropyPlugin(c);
    }, Array.from(codes), { B: 4000, rng: createRng(6) });
    expect(fast.estimate).toBe(slow.estimate);
    // two independent 4000-replicate estimates of one standard error agree within a few percent
    expect(Math.abs(fast.standardError / slow.standardError - 1)).toBeLessThan(0.08);
    expect(Math.abs(fast.bca![0] - slow.bca![0])).toBeLessThan(0.25 * slow.standardError);
    expect(Math.abs(fast.bca![1] - slow.bca![1])).toBeLessThan(0.25 * slow.standardError);
    expect(Math.abs(fast.acceleration! - slow.acceleration!)).toBeLessThan(0.01);
  });

  it('reads one value per line into the same counts as the general parser', () => {
    for (const text of ['1\n2\n2\n# note\n\n3.0\n3\n', 'value\n1\n2\n2\n', 'a\nb\r\na\n', 'x\n1\nx\n']) {
      const rows = parseInput(text).rows.map((row) => row[0]);
      const { codes, categories } = encodeCategories(rows);
      const expected = new Float64Array(categories);
      for (const c of codes) expected[c]++;
      expect(lineValueCounts(text), text).toEqual(expected);
    }
    expect(lineValueCounts('1,2\n3,4\n')).toBeNull();
    expect(lineValueCounts('[1, 2]')).toBeNull();
  });
});
