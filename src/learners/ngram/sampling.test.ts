import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { sampleToken } from './sampling.js';

/** Frequencies of each index over n draws. */
function frequencies(probs: number[], temperature: number, topK: number, n: number): number[] {
  const rng = createRng(12);
  const scratch = new Float64Array(probs.length);
  const counts = probs.map(() => 0);
  for (let i = 0; i < n; i++) counts[sampleToken(Float64Array.from(probs), temperature, topK, rng, scratch)]++;
  return counts.map((c) => c / n);
}

/** |frequency − p| within 4 binomial standard errors. */
function expectNear(frequency: number, p: number, n: number): void {
  expect(Math.abs(frequency - p)).toBeLessThanOrEqual(4 * Math.sqrt((p * (1 - p)) / n) + 1e-12);
}

describe('sampleToken', () => {
  const n = 20_000;

  it('draws from the distribution itself at temperature 1', () => {
    const f = frequencies([0.5, 0.3, 0.2, 0], 1, 0, n);
    [0.5, 0.3, 0.2].forEach((p, i) => expectNear(f[i], p, n));
    expect(f[3]).toBe(0);
  });

  it('top-k keeps the k most likely tokens, renormalised', () => {
    const f = frequencies([0.2, 0.5, 0.3], 1, 2, n);
    expect(f[0]).toBe(0);
    expectNear(f[1], 0.5 / 0.8, n);
  });

  it('temperature T reshapes p to p^(1/T)', () => {
    const f = frequencies([0.5, 0.3, 0.2], 0.5, 0, n);
    const total = 0.25 + 0.09 + 0.04;
    expectNear(f[0], 0.25 / total, n);
    expectNear(f[2], 0.04 / total, n);
  });
});
