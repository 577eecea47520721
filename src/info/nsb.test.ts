import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { entropyNsb, nsbPriorDensity, nsbPriorEntropy } from './nsb.js';
import { entropyPlugin } from './entropy.js';

describe('NSB prior', () => {
  it('dξ/dβ matches a central finite difference of ξ(β), on both sides of the asymptotic switch', () => {
    for (const K of [2, 10, 1000]) {
      for (const beta of [0.01, 0.5, 5, 19.9, 20.1, 300, 1e4]) {
        const h = beta * 1e-4;
        const numeric = (nsbPriorEntropy(beta + h, K) - nsbPriorEntropy(beta - h, K)) / (2 * h);
        // Truncation error of the central difference is O(h²·ξ''') ≈ 1e-8 relative; rounding ≈ 1e-16/h·ξ.
        expect(Math.abs(nsbPriorDensity(beta, K) - numeric) / numeric).toBeLessThan(1e-5);
      }
    }
  });

  it('ξ(β) runs from 0 to ln K', () => {
    expect(nsbPriorEntropy(1e-12, 50)).toBeLessThan(1e-9);
    expect(nsbPriorEntropy(1e9, 50)).toBeCloseTo(Math.log(50), 8);
  });
});

describe('NSB entropy', () => {
  it('equals the prior mean ½ log2 K after one observation (the evidence does not depend on β)', () => {
    for (const K of [2, 3, 10, 1000]) {
      const counts = new Array(Math.min(K, 5)).fill(0);
      counts[0] = 1;
      expect(entropyNsb(counts, K)).toBeCloseTo(Math.log2(K) / 2, 6);
    }
  });

  it('is 0 for a one-letter alphabet', () => {
    expect(entropyNsb([42], 1)).toBe(0);
  });

  it('approaches the plug-in value when every bin is well sampled', () => {
    // Posterior SD of H is O(1/√N); with 1e6 per bin the difference is below 1e-4 bits.
    expect(entropyNsb([1e6, 2e6, 1e6], 3)).toBeCloseTo(entropyPlugin([1, 2, 1]), 4);
    expect(entropyNsb([1e6, 1e6], 2)).toBeCloseTo(1, 4);
  });

  it('stays within [0, log2 K]', () => {
    for (const counts of [[3, 0, 0, 0], [1, 1, 1, 1], [50, 1, 0, 0, 2]]) {
      const value = entropyNsb(counts, 8);
      expect(value).toBeGreaterThan(0);
      expect(value).toBeLessThanOrEqual(3);
    }
  });

  it('rejects K below the number of bins, fractional counts and empty counts', () => {
    expect(() => entropyNsb([1, 2, 3], 2)).toThrow(InfoloopError);
    expect(() => entropyNsb([1.5, 2], 2)).toThrow(InfoloopError);
    expect(() => entropyNsb([0, 0], 2)).toThrow(InfoloopError);
    expect(() => entropyNsb([1, 2], 2.5)).toThrow(InfoloopError);
  });
});
