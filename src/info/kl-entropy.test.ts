import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { klEntropy, logUnitBallVolume } from './kl-entropy.js';
import { digamma } from '../stats/special.js';

describe('Kozachenko–Leonenko entropy', () => {
  it('uses the unit-ball volumes 2, π, 4π/3', () => {
    expect(Math.exp(logUnitBallVolume(1))).toBeCloseTo(2, 14);
    expect(Math.exp(logUnitBallVolume(2))).toBeCloseTo(Math.PI, 14);
    expect(Math.exp(logUnitBallVolume(3))).toBeCloseTo((4 * Math.PI) / 3, 13);
  });

  it('matches a hand computation on an evenly spaced line', () => {
    // 0,1,2,3,4 with k=1: every nearest neighbour is at distance 1, so H = ψ(5) − ψ(1) + ln 2 nats.
    expect(klEntropy([0, 1, 2, 3, 4], 1)).toBeCloseTo((digamma(5) - digamma(1) + Math.LN2) / Math.LN2, 13);
  });

  it('recovers the entropy of a 3-D standard Gaussian, (3/2) log2(2πe)', () => {
    // Over 20 seeds at N=4000, k=3 the estimate has SD 0.041 bits and mean bias −0.030 bits
    // (the known small-sample bias in d=3); 4 SD + bias ≈ 0.2 bits.
    const rng = createRng(21);
    const points = Array.from({ length: 4000 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    expect(Math.abs(klEntropy(points) - 1.5 * Math.log2(2 * Math.PI * Math.E))).toBeLessThan(0.2);
  });

  it('shifts by log2 |a| when the data is scaled by a (exact identity)', () => {
    const rng = createRng(22);
    const values = Array.from({ length: 300 }, () => rng.next());
    expect(klEntropy(values.map((v) => 8 * v)) - klEntropy(values)).toBeCloseTo(3, 12);
  });

  it('rejects duplicates that put the k-th neighbour at distance 0, and k ≥ N', () => {
    expect(() => klEntropy([1, 1, 1, 1, 2], 3)).toThrow(InfoloopError);
    expect(() => klEntropy([1, 2], 2)).toThrow(InfoloopError);
    expect(() => klEntropy([])).toThrow(InfoloopError);
  });
});
