import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { conditionalEntropy, mutualInformation } from './mutual.js';
import { entropyPlugin } from './entropy.js';

const transpose = (t: number[][]) => t[0].map((_, c) => t.map((row) => row[c]));

describe('mutual information and conditional entropy', () => {
  it('match closed forms', () => {
    expect(mutualInformation([[1, 0], [0, 1]])).toBeCloseTo(1, 15); // Y = X, fair bit
    expect(mutualInformation([[1, 1], [1, 1]])).toBe(0); // independent
    expect(conditionalEntropy([[1, 0], [0, 1]])).toBe(0);
    expect(conditionalEntropy([[1, 1], [1, 1]])).toBeCloseTo(1, 15);
    // Binary symmetric channel with flip ¼ and a fair input: I = 1 − H2(¼).
    const h2 = -(0.25 * Math.log2(0.25) + 0.75 * Math.log2(0.75));
    expect(mutualInformation([[3, 1], [1, 3]])).toBeCloseTo(1 - h2, 15);
    expect(conditionalEntropy([[3, 1], [1, 3]])).toBeCloseTo(h2, 15);
  });

  it('satisfy MI = H(X)+H(Y)−H(X,Y), H(Y|X) = H(X,Y)−H(X), and MI symmetry on random tables', () => {
    const rng = createRng(5);
    for (let t = 0; t < 100; t++) {
      const table = Array.from({ length: 3 }, () => Array.from({ length: 4 }, () => rng.int(6)));
      table[0][0] += 1;
      const rows = table.map((row) => row.reduce((a, b) => a + b, 0));
      const columns = transpose(table).map((column) => column.reduce((a, b) => a + b, 0));
      const hJoint = entropyPlugin(table.flat());
      const mi = mutualInformation(table);
      expect(mi).toBeCloseTo(entropyPlugin(rows) + entropyPlugin(columns) - hJoint, 12);
      expect(mutualInformation(transpose(table))).toBeCloseTo(mi, 13);
      expect(conditionalEntropy(table)).toBeCloseTo(hJoint - entropyPlugin(rows), 12);
      expect(mi).toBeGreaterThanOrEqual(0);
    }
  });

  it('rejects ragged, negative or empty tables', () => {
    expect(() => mutualInformation([[1, 2], [3]])).toThrow(InfoloopError);
    expect(() => mutualInformation([[1, -2]])).toThrow(InfoloopError);
    expect(() => conditionalEntropy([])).toThrow(InfoloopError);
    expect(() => conditionalEntropy([[0, 0]])).toThrow(InfoloopError);
  });
});
