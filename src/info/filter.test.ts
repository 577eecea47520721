import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { filterBitsRejection, filterBitsWeighted } from './filter.js';

describe('filter bits', () => {
  it('rejection = −log2 P(A)', () => {
    expect(filterBitsRejection([0.25, 0.25, 0.5], [true, false, false])).toBeCloseTo(2, 15);
    expect(filterBitsRejection([0.25, 0.25, 0.5], [1, 1, 1])).toBe(0);
    expect(filterBitsRejection([0.5, 0.5], [false, false])).toBe(Infinity);
  });

  it('a 0/1 weighting equals the rejection filter (KL(P|A ‖ P) = −log2 P(A))', () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    expect(filterBitsWeighted(p, [0, 1, 0, 1])).toBeCloseTo(filterBitsRejection(p, [false, true, false, true]), 14);
  });

  it('weighted = KL(Q‖P) with Q ∝ p·w by hand', () => {
    // p = ½,½, w = 3,1 → Q = ¾,¼ → KL = ¾ log2(3/2) + ¼ log2(½).
    expect(filterBitsWeighted([0.5, 0.5], [3, 1])).toBeCloseTo(0.75 * Math.log2(1.5) - 0.25, 15);
    expect(filterBitsWeighted([0.5, 0.5], [2, 2])).toBe(0); // constant weights move nothing
  });

  it('rejects weights that vanish on the support of p', () => {
    expect(() => filterBitsWeighted([1, 0], [0, 1])).toThrow(InfoloopError);
    expect(() => filterBitsRejection([1], [true, false])).toThrow(InfoloopError);
  });
});
