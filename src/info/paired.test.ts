import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { binaryEntropy } from './entropy.js';
import { jointTable, jointTableOfSmallLabels, pairedInformation, pairedInformationInterval, tableInformationInterval } from './paired.js';

/** Labels for a flip channel with exact counts: `ones` correct of n, a fraction `flip` of each class flipped. */
function exactFlipChannel(n: number, ones: number, flip: number): { s: number[]; c: number[] } {
  const s: number[] = [];
  const c: number[] = [];
  for (let i = 0; i < n; i++) {
    const correct = i < ones ? 1 : 0;
    const rank = correct ? i : i - ones;
    const flipped = rank < flip * (correct ? ones : n - ones);
    c.push(correct);
    s.push(flipped ? 1 - correct : correct);
  }
  return { s, c };
}

describe('paired information I(S;C)', () => {
  it('equals H(S) = H2(a) when the decision is the ground truth (plug-in), plus the Miller–Madow term 1/(2n ln 2)', () => {
    const c = Array.from({ length: 50 }, (_, i) => (i < 10 ? 1 : 0));
    expect(pairedInformation(c, c, 'plugin')).toBeCloseTo(binaryEntropy(0.2), 12);
    expect(pairedInformation(c, c)).toBeCloseTo(binaryEntropy(0.2) + 1 / (100 * Math.LN2), 12);
  });

  it('is 0 on a product table and H2(P(S=1)) − H2(ε) on an exact flip channel', () => {
    const s = [0, 0, 1, 1, 0, 0, 1, 1];
    const c = [0, 1, 0, 1, 0, 1, 0, 1];
    expect(pairedInformation(s, c, 'plugin')).toBe(0);
    expect(pairedInformation(s, c)).toBe(0); // clipped: the correction is −1/(2n ln 2)
    const channel = exactFlipChannel(1000, 400, 0.25);
    // P(S=1) = 0.4·0.75 + 0.6·0.25 = 0.45; a full 2×2 table: Miller–Madow subtracts 1/(2n ln 2)
    const exact = binaryEntropy(0.45) - binaryEntropy(0.25);
    expect(pairedInformation(channel.s, channel.c, 'plugin')).toBeCloseTo(exact, 12);
    expect(pairedInformation(channel.s, channel.c)).toBeCloseTo(exact - 1 / (2000 * Math.LN2), 12);
  });

  it('accepts any label type and rejects unpaired input', () => {
    expect(pairedInformation(['a', 'b', 'a', 'b'], [true, false, true, false], 'plugin')).toBeCloseTo(1, 12);
    expect(() => pairedInformation([1, 0], [1])).toThrow(/differ in length/);
  });

  it('gives a bootstrap interval at or above 0 that covers the true I about 95% of the time', () => {
    // flip channel with a = 0.4, ε = 0.1: I = H2(0.42) − H2(0.1)
    const truth = binaryEntropy(0.4 * 0.9 + 0.6 * 0.1) - binaryEntropy(0.1);
    const rng = createRng(7);
    const reps = 200;
    let covered = 0;
    for (let r = 0; r < reps; r++) {
      const draw = rng.fork(`rep-${r}`);
      const c: number[] = [];
      const s: number[] = [];
      for (let i = 0; i < 400; i++) {
        const correct = draw.next() < 0.4 ? 1 : 0;
        c.push(correct);
        s.push(draw.next() < 0.1 ? 1 - correct : correct);
      }
      const result = pairedInformationInterval(s, c, { rng: draw, B: 200 });
      expect(result.interval[0]).toBeGreaterThanOrEqual(0);
      if (result.interval[0] <= truth && truth <= result.interval[1]) covered++;
    }
    // binomial SE of a 95% coverage over 200 repetitions is 1.5%; allow 3 SE below, plus the percentile method's small-sample shortfall
    expect(covered / reps).toBeGreaterThan(0.95 - 3 * Math.sqrt((0.95 * 0.05) / reps) - 0.02);
  });

  it('never reaches below 0 when S and C are independent', () => {
    const rng = createRng(3);
    const s = Array.from({ length: 300 }, () => (rng.next() < 0.5 ? 1 : 0));
    const c = Array.from({ length: 300 }, () => (rng.next() < 0.3 ? 1 : 0));
    const result = pairedInformationInterval(s, c, { rng, B: 300 });
    expect(result.interval[0]).toBeGreaterThanOrEqual(0);
    expect(result.interval[1]).toBeGreaterThanOrEqual(result.estimate);
    // the plug-in's χ²₁/(2n ln 2) spread, less the correction: the upper end is a few times 1/(2n ln 2)
    expect(result.interval[1]).toBeLessThan(0.05);
  });

  it('removes the plug-in bias: mean over independent pairs is far below the plug-in’s 1/(2n ln 2)', () => {
    const rng = createRng(9);
    const n = 200;
    const reps = 400;
    let plugin = 0;
    let corrected = 0;
    for (let r = 0; r < reps; r++) {
      const s = Array.from({ length: n }, () => (rng.next() < 0.4 ? 1 : 0));
      const c = Array.from({ length: n }, () => (rng.next() < 0.2 ? 1 : 0));
      plugin += pairedInformation(s, c, 'plugin') / reps;
      corrected += pairedInformation(s, c) / reps;
    }
    const bias = 1 / (2 * n * Math.LN2);
    // plug-in: E = bias·E[χ²₁] = bias, SE ≈ bias·√2/√reps; corrected: E[max(0, χ²₁ − 1)]·bias ≈ 0.32·bias
    expect(Math.abs(plugin - bias)).toBeLessThan((4 * bias * Math.SQRT2) / Math.sqrt(reps));
    expect(corrected).toBeLessThan(0.5 * bias);
  });
});

describe('joint tables of small integer labels', () => {
  it('equal the general table of the same labels, cell order included, with and without a pick', () => {
    const rng = createRng(5);
    const s = Array.from({ length: 500 }, () => Math.floor(rng.next() * 3) + (rng.next() < 0.1 ? 4 : 0));
    const c = Array.from({ length: 500 }, () => (rng.next() < 0.3 ? 1 : 0));
    expect(jointTableOfSmallLabels(Uint8Array.from(s), Uint8Array.from(c))).toEqual(jointTable(s, c));
    const pick = Int32Array.from({ length: 200 }, (_, k) => (k * 7) % 500);
    const picked = Array.from(pick, (i) => s[i]);
    const labels = c.slice(0, 200);
    const fast = jointTableOfSmallLabels(s, labels, pick);
    expect(fast).toEqual(jointTable(picked, labels));
    // the same table gives the same seeded interval as the label path
    const viaTable = tableInformationInterval(fast, { rng: createRng(9), B: 50 });
    expect(viaTable).toEqual(pairedInformationInterval(picked, labels, { rng: createRng(9), B: 50 }));
  });

  it('refuses labels that are not small non-negative integers', () => {
    expect(() => jointTableOfSmallLabels([0, 1.5], [0, 1])).toThrow(/integer labels/);
    expect(() => jointTableOfSmallLabels([0, 1], [0, -1])).toThrow(/integer labels/);
  });
});
