import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { HashSet53 } from './hash-set.js';
import { hash53 } from './hash.js';

describe('HashSet53', () => {
  it('agrees with a JavaScript Set on adds, repeats and lookups (including the hash 0)', () => {
    const rng = createRng(3);
    const set = new HashSet53(4); // forces many grows
    const oracle = new Set<number>();
    for (let i = 0; i < 5_000; i++) {
      const value = i % 1000 === 0 ? 0 : Math.floor(rng.next() * 5000) * 2 ** 30 + rng.int(1000);
      expect(set.add(value)).toBe(!oracle.has(value));
      oracle.add(value);
    }
    expect(set.size).toBe(oracle.size);
    expect([...set.values()].sort((a, b) => a - b)).toEqual([...oracle].sort((a, b) => a - b));
    expect(set.has(0)).toBe(true);
    expect(set.has(-1)).toBe(false);
  });

  it('hash53 is a 53-bit integer and depends on every character and on the range', () => {
    const h = hash53('hello world');
    expect(Number.isSafeInteger(h) && h >= 0).toBe(true);
    expect(hash53('hello worle')).not.toBe(h);
    expect(hash53('xhello world', 1)).toBe(h);
    expect(hash53('hello world!', 0, 11)).toBe(h);
  });
});
