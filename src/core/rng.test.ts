import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { InfoloopError } from './errors.js';
import { CumulativeSampler, zipfProbs } from './distributions.js';
import { createRng, fillNormal, restoreRng, shuffle, Xoshiro128 } from './rng.js';

const reference = JSON.parse(readFileSync(new URL('./fixtures/rng-reference.json', import.meta.url), 'utf8'));

/** Pearson chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
}

describe('xoshiro128**', () => {
  it('matches the published first outputs for state (1,2,3,4)', () => {
    const rng = new Xoshiro128([1, 2, 3, 4]);
    // 11520 = rotl(2*5, 7) * 9 by hand; the rest from the Python transcription of the C reference
    expect(Array.from({ length: 8 }, () => rng.uint32())).toEqual(reference.state_1234_first_8);
    expect(reference.state_1234_first_8[0]).toBe(11520);
  });

  it('seeds through splitmix32 as the reference does', () => {
    expect(createRng(1).state().s).toEqual(reference.seed_1_state);
    const rng = createRng(1);
    expect(Array.from({ length: 8 }, () => rng.uint32())).toEqual(reference.seed_1_first_8);
    expect(createRng(2 ** 40 + 5).state().s).toEqual(reference.seed_2pow40_plus_5_state);
  });

  it('fills arrays with exactly the uint32() stream and leaves the same state behind', () => {
    expect(Array.from(new Xoshiro128([1, 2, 3, 4]).fillUint32(new Uint32Array(8)))).toEqual(reference.state_1234_first_8);
    const bulk = createRng(7);
    const single = createRng(7);
    const filled = bulk.fillUint32(new Uint32Array(1000));
    expect(Array.from(filled)).toEqual(Array.from({ length: 1000 }, () => single.uint32()));
    expect(bulk.state()).toEqual(single.state());
    expect(bulk.uint32()).toBe(single.uint32());
  });

  it('fills doubles and normals with exactly the next() and normal() streams, across blocks and offsets', () => {
    // 10,001 values cross the 4096-value blocks; the one-call-per-value stream is the oracle
    const count = 10_001;
    const slow = createRng(11);
    const uniforms = Array.from({ length: count }, () => slow.next());
    const normals = Array.from({ length: count }, () => slow.normal());
    const fast = createRng(11);
    const filled = fast.fillNext(new Float64Array(count + 3), 3, count + 3);
    expect(Array.from(filled.subarray(3))).toEqual(uniforms);
    expect(Array.from(filled.subarray(0, 3))).toEqual([0, 0, 0]);
    expect(Array.from(fillNormal(fast, new Float64Array(count)))).toEqual(normals);
    expect(fast.state()).toEqual(slow.state());
  });

  it('draws categorical indices in bulk exactly as one draw at a time', () => {
    const sampler = new CumulativeSampler(zipfProbs(50, 1.2));
    const slow = createRng(12);
    const oneByOne = Array.from({ length: 5000 }, () => sampler.draw(slow));
    const bulk = new Float64Array(5000);
    sampler.drawInto(createRng(12), bulk, 0, 5000);
    expect(Array.from(bulk)).toEqual(oneByOne);
    expect(new Set(oneByOne).size).toBeGreaterThan(30);
  });

  it('draws integers uniformly (chi-square, 9 df, p = 0.001 critical value 27.88)', () => {
    const rng = createRng(42);
    const counts = new Array(10).fill(0);
    for (let i = 0; i < 100_000; i++) counts[rng.int(10)]++;
    expect(chiSquare(counts)).toBeLessThan(27.88);
  });

  it('draws doubles uniformly in [0,1) (chi-square over 100 bins, 99 df, p = 0.001 critical value 148.2)', () => {
    const rng = createRng(7);
    const counts = new Array(100).fill(0);
    for (let i = 0; i < 200_000; i++) {
      const u = rng.next();
      expect(u >= 0 && u < 1).toBe(true);
      counts[Math.floor(u * 100)]++;
    }
    expect(chiSquare(counts)).toBeLessThan(148.2);
  });

  it('draws standard normals: mean within 4 SE of 0, variance within 4 SE of 1', () => {
    const rng = createRng(3);
    const n = 100_000;
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      sum += z;
      squares += z * z;
    }
    const mean = sum / n;
    const variance = squares / n - mean * mean;
    expect(Math.abs(mean)).toBeLessThan(4 / Math.sqrt(n)); // SE of the mean = 1/√n
    expect(Math.abs(variance - 1)).toBeLessThan(4 * Math.sqrt(2 / n)); // SE of the variance ≈ √(2/n)
  });

  it('forks independent streams without advancing the parent', () => {
    const parent = createRng(5);
    const before = parent.state();
    const a = parent.fork('a');
    const b = parent.fork('b');
    expect(parent.state()).toEqual(before);
    expect(a.uint32()).not.toBe(b.uint32());
    expect(parent.fork('a').state()).toEqual(createRng(5).fork('a').state());
    // streams from different labels are uncorrelated: correlation within 4 SE (1/√n) of 0
    const x = parent.fork('x');
    const y = parent.fork('y');
    const n = 20_000;
    let sxy = 0;
    for (let i = 0; i < n; i++) sxy += (x.next() - 0.5) * (y.next() - 0.5);
    const correlation = sxy / n / (1 / 12);
    expect(Math.abs(correlation)).toBeLessThan(4 / Math.sqrt(n));
  });

  it('restores a saved state and continues identically', () => {
    const rng = createRng(11);
    rng.next();
    const saved = rng.state();
    const expected = [rng.next(), rng.int(1000), rng.normal()];
    const copy = restoreRng(JSON.parse(JSON.stringify(saved)));
    expect([copy.next(), copy.int(1000), copy.normal()]).toEqual(expected);
  });

  it('rejects bad arguments with an InfoloopError', () => {
    expect(() => createRng(1.5)).toThrow(InfoloopError);
    expect(() => createRng(1).int(0)).toThrow(InfoloopError);
    expect(() => restoreRng({ algorithm: 'xoshiro128**', s: [0, 0, 0, 0] })).toThrow(InfoloopError);
    expect(() => restoreRng({} as never)).toThrow(InfoloopError);
  });

  it('shuffles into a permutation', () => {
    const xs = shuffle(createRng(1), Array.from({ length: 50 }, (_, i) => i));
    expect([...xs].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(xs).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
