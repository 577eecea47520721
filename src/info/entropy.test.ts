import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import {
  binaryEntropy,
  countIntegers,
  entropyChaoShen,
  entropyJamesStein,
  entropyMillerMadow,
  entropyOfProbs,
  entropyOfSamples,
  entropyPlugin,
  jamesSteinLambda,
} from './entropy.js';

const estimators = { entropyPlugin, entropyMillerMadow, entropyChaoShen, entropyJamesStein };

describe('plug-in entropy', () => {
  it('matches hand-computed values', () => {
    expect(entropyPlugin([1, 1])).toBeCloseTo(1, 15);
    expect(entropyPlugin([5])).toBe(0);
    expect(entropyPlugin([2, 1, 1])).toBeCloseTo(1.5, 15); // p = ½, ¼, ¼
    expect(entropyPlugin([4, 0, 4, 0])).toBeCloseTo(1, 15); // zero bins ignored
    expect(entropyPlugin([1, 1, 1, 1, 1, 1, 1, 1])).toBeCloseTo(3, 14);
    expect(entropyPlugin([0.5, 0.25, 0.25])).toBeCloseTo(1.5, 15); // frequencies work too
  });

  it('never exceeds log2 K and equals entropyOfProbs of the frequencies', () => {
    const counts = [7, 3, 0, 11, 1, 1, 40];
    const n = counts.reduce((a, b) => a + b, 0);
    expect(entropyPlugin(counts)).toBeLessThanOrEqual(Math.log2(counts.length));
    expect(entropyPlugin(counts)).toBeCloseTo(entropyOfProbs(counts.map((c) => c / n)), 14);
  });
});

describe('Miller–Madow', () => {
  it('adds (m−1)/(2n ln 2) with m the nonzero bins', () => {
    // [2,1,1,0]: plug-in 1.5, m = 3, n = 4 → 1.5 + 2/(8 ln 2).
    expect(entropyMillerMadow([2, 1, 1, 0])).toBeCloseTo(1.5 + 2 / (8 * Math.LN2), 14);
    expect(entropyMillerMadow([9])).toBe(0);
  });
});

describe('Chao–Shen', () => {
  it('matches a hand computation', () => {
    // [2,1,1]: n=4, f1=2, C=½, pa = ¼, ⅛, ⅛; weights 1/(1−(1−pa)^4).
    const term = (pa: number) => (-pa * Math.log2(pa)) / (1 - (1 - pa) ** 4);
    expect(entropyChaoShen([2, 1, 1])).toBeCloseTo(term(0.25) + 2 * term(0.125), 14);
  });

  it('treats all singletons with f1 = n−1', () => {
    // n = 3 singletons: C = 1 − 2/3, pa = 1/9 each.
    const pa = 1 / 9;
    expect(entropyChaoShen([1, 1, 1])).toBeCloseTo((3 * -pa * Math.log2(pa)) / (1 - (1 - pa) ** 3), 14);
    expect(entropyChaoShen([1])).toBe(0); // n = 1: C = 1, pa = 1
  });

  it('needs whole-number counts', () => {
    expect(() => entropyChaoShen([0.5, 1])).toThrow(InfoloopError);
  });
});

describe('James–Stein', () => {
  it('computes λ* by hand', () => {
    // [3,1], K=2: p = ¾,¼; 1 − Σp² = 6/16; Σ(½−p)² = 2/16; (n−1) = 3 → λ = 6/16 / (3·2/16) = 1.
    expect(jamesSteinLambda([3, 1])).toBeCloseTo(1, 15);
    // [6,2,0,0]: p = ¾,¼,0,0; 1−Σp² = 0.375; Σ(¼−p)² = 0.25+0+0.0625+0.0625 = 0.375; n−1 = 7 → λ = 1/7.
    expect(jamesSteinLambda([6, 2, 0, 0])).toBeCloseTo(1 / 7, 15);
    const lambda = 1 / 7;
    const shrunk = [0.75, 0.25, 0, 0].map((p) => lambda / 4 + (1 - lambda) * p);
    expect(entropyJamesStein([6, 2, 0, 0])).toBeCloseTo(entropyOfProbs(shrunk), 14);
  });

  it('uses λ = 1 when the denominator vanishes', () => {
    expect(jamesSteinLambda([1, 0, 0, 0])).toBe(1); // n − 1 = 0
    expect(entropyJamesStein([1, 0, 0, 0])).toBeCloseTo(2, 15);
    expect(jamesSteinLambda([5, 5])).toBe(1); // already uniform
    expect(entropyJamesStein([5, 5])).toBeCloseTo(1, 15);
  });

  it('clips λ to [0, 1]', () => {
    expect(jamesSteinLambda([1000, 1])).toBeGreaterThanOrEqual(0);
    expect(jamesSteinLambda([2, 1, 0])).toBeLessThanOrEqual(1);
  });
});

describe('binary entropy', () => {
  it('is 0 at the ends and 1 at ½', () => {
    expect(binaryEntropy(0)).toBe(0);
    expect(binaryEntropy(1)).toBe(0);
    expect(binaryEntropy(0.5)).toBe(1);
    expect(binaryEntropy(0.25)).toBeCloseTo(2 - 0.75 * Math.log2(3), 15);
    expect(() => binaryEntropy(1.5)).toThrow(InfoloopError);
  });
});

describe('counting fast path', () => {
  it('counts integer samples and matches plug-in of the counts', () => {
    expect([...countIntegers([0, 2, 2, 1, 2])]).toEqual([1, 1, 3]);
    expect([...countIntegers(Int32Array.from([1, 1]), 4)]).toEqual([0, 2, 0, 0]);
    expect(entropyOfSamples([0, 2, 2, 1, 2])).toBeCloseTo(entropyPlugin([1, 1, 3]), 15);
  });

  it('rejects negative, fractional and out-of-range samples', () => {
    expect(() => countIntegers([1, -1])).toThrow(InfoloopError);
    expect(() => countIntegers([1.5])).toThrow(InfoloopError);
    expect(() => countIntegers([3], 2)).toThrow(InfoloopError);
    expect(() => countIntegers([])).toThrow(InfoloopError);
  });
});

describe.each(Object.entries(estimators))('%s input validation', (_name, estimate) => {
  it.each([
    ['empty', []],
    ['negative', [1, -1]],
    ['NaN', [1, NaN]],
    ['infinite', [Infinity, 1]],
    ['all zero', [0, 0]],
  ])('rejects %s counts with E_INPUT', (_label, counts) => {
    try {
      estimate(counts as number[]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InfoloopError);
      expect((error as InfoloopError).code).toBe('E_INPUT');
      expect((error as InfoloopError).hint.length).toBeGreaterThan(0);
    }
  });
});

describe('counting fast path on Int32Array', () => {
  it('agrees with a slow Map-based count, including values beyond the first guessed table', () => {
    const rng = createRng(31);
    for (const range of [1, 7, 1024, 1025, 5000]) {
      const samples = Int32Array.from({ length: 3001 }, () => rng.int(range));
      const slow = new Map<number, number>();
      for (const v of samples) slow.set(v, (slow.get(v) ?? 0) + 1);
      const max = Math.max(...samples);
      const fast = countIntegers(samples);
      expect(fast.length).toBe(max + 1);
      for (let v = 0; v <= max; v++) expect(fast[v]).toBe(slow.get(v) ?? 0);
      expect(entropyOfSamples(samples)).toBeCloseTo(entropyPlugin([...slow.values()]), 12);
    }
  });

  it('rejects negative values and values beyond size', () => {
    expect(() => countIntegers(Int32Array.from([0, 3, -2]))).toThrow(InfoloopError);
    expect(() => countIntegers(Int32Array.from([0, 3]), 3)).toThrow(InfoloopError);
    expect([...countIntegers(Int32Array.from([0, 3]), 6)]).toEqual([1, 0, 0, 1, 0, 0]);
  });
});
