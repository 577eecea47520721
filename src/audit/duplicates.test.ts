import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { DuplicateIndex, NEW, REPEAT_ELSEWHERE, REPEAT_IN_SOURCE } from './duplicates.js';

describe('DuplicateIndex', () => {
  it('agrees with a Map from hash to the set of sources seen (oracle), through many grows and the hash 0', () => {
    const rng = createRng(5);
    const index = new DuplicateIndex(4); // forces many grows
    const oracle = new Map<number, Set<number>>();
    const answers = [0, 0, 0];
    for (let i = 0; i < 20_000; i++) {
      const hash = i % 997 === 0 ? 0 : Math.floor(rng.next() * 3000) * 2 ** 30 + rng.int(4);
      const tag = rng.int(5);
      const seen = oracle.get(hash);
      const expected = !seen ? NEW : seen.has(tag) ? REPEAT_IN_SOURCE : REPEAT_ELSEWHERE;
      const got = index.add(hash, tag);
      expect(got).toBe(expected);
      answers[got]++;
      oracle.set(hash, (seen ?? new Set()).add(tag));
    }
    expect(index.size).toBe(oracle.size);
    expect(answers.every((count) => count > 1000)).toBe(true); // every answer was exercised
  });
});
