import { describe, expect, it } from 'vitest';
import { CumulativeSampler, zipfProbs } from './distributions.js';
import { createRng } from './rng.js';

/** The oracle: the smallest index whose cumulative sum exceeds u × total, by binary search (the last index if none). */
function binarySearchIndex(probs: number[], uniform: number): number {
  const c: number[] = [];
  let total = 0;
  for (const p of probs) c.push((total += p));
  const u = uniform * c[c.length - 1];
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

describe('CumulativeSampler', () => {
  const cases: [string, number[]][] = [
    ['zipf 100', Array.from(zipfProbs(100, 1.1))],
    ['uniform 7', Array(7).fill(1 / 7)],
    ['zeros inside and at the ends', [0, 0.2, 0, 0, 0.5, 0.3, 0]],
    ['one huge mass', [1e-9, 1, 1e-9, 1e-12]],
    ['one outcome', [3]],
    ['unnormalised', [2, 5, 1, 0, 7]],
  ];
  it.each(cases)('draws exactly what a binary search draws (%s)', (_name, probs) => {
    const sampler = new CumulativeSampler(probs);
    const rng = createRng(3);
    const uniforms = [0, 1 - 2 ** -53, 0.5, ...Array.from({ length: 20_000 }, () => rng.next())];
    // slice edges b/K, where rounding decides between neighbours
    for (let b = 0; b <= probs.length; b++) uniforms.push(b / probs.length, Math.max(0, b / probs.length - 2 ** -52));
    for (const u of uniforms) if (u < 1) expect(sampler.index(u)).toBe(binarySearchIndex(probs, u));
  });
});
