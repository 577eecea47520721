import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { quantileSorted } from '../stats/bootstrap.js';
import { LengthCounts } from './lengths.js';

/** The slow obvious summary: sort every length. */
function sortedSummary(lengths: number[]) {
  const sorted = [...lengths].sort((a, b) => a - b);
  const n = sorted.length;
  const mean = sorted.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(sorted.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const [min, max] = [sorted[0], sorted[n - 1]];
  const width = Math.max(1, Math.ceil((max - min + 1) / 20));
  const counts = new Array<number>(20).fill(0);
  for (const v of sorted) counts[Math.min(19, Math.floor((v - min) / width))]++;
  const q = (p: number) => quantileSorted(sorted, p);
  return { mean, sd, min, p10: q(0.1), p50: q(0.5), p90: q(0.9), p99: q(0.99), max, histogram: { edges: Array.from({ length: 21 }, (_, i) => min + i * width), counts } };
}

describe('LengthCounts', () => {
  it('matches a sort of every length, short and long (the Map part) alike', () => {
    const rng = createRng(9);
    const lengths = Array.from({ length: 5001 }, (_, i) => (i % 50 === 0 ? 4000 + rng.int(100_000) : rng.int(900)));
    const counts = new LengthCounts();
    for (const length of lengths) counts.add(length);
    const got = counts.summary()!;
    const want = sortedSummary(lengths);
    expect(got.mean).toBeCloseTo(want.mean, 9);
    expect(got.sd).toBeCloseTo(want.sd, 6);
    expect({ ...got, mean: 0, sd: 0 }).toEqual({ ...want, mean: 0, sd: 0 });
  });

  it('is null without rows and has sd 0 for one', () => {
    const counts = new LengthCounts();
    expect(counts.summary()).toBeNull();
    counts.add(7);
    expect(counts.summary()).toMatchObject({ mean: 7, sd: 0, min: 7, p50: 7, max: 7 });
  });
});
