import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { DistinctCounter } from './distinct.js';
import { hash53 } from './hash.js';

describe('DistinctCounter', () => {
  it('is exact below its limit (oracle: a Set of the items)', () => {
    const rng = createRng(1);
    const counter = new DistinctCounter(10_000);
    const oracle = new Set<string>();
    for (let i = 0; i < 30_000; i++) {
      const item = `w${rng.int(5000)}`;
      oracle.add(item);
      counter.add(hash53(item));
    }
    expect(counter.estimate()).toEqual({ distinct: oracle.size, exact: true, relative_standard_error: 0 });
  });

  it('past its limit the KMV estimate is within 4 standard errors of the true count', () => {
    const k = 1024;
    const truth = 200_000;
    const counter = new DistinctCounter(k);
    for (let repeat = 0; repeat < 2; repeat++) for (let i = 0; i < truth; i++) counter.add(hash53(`item-${i}`));
    const estimate = counter.estimate();
    expect(estimate.exact).toBe(false);
    expect(estimate.relative_standard_error).toBeCloseTo(1 / Math.sqrt(k - 2), 10);
    expect(Math.abs(estimate.distinct / truth - 1)).toBeLessThan(4 * estimate.relative_standard_error);
  });

  it('with a sketch smaller than the exact limit: exact up to the limit, then a KMV of the sketch size within 4 standard errors', () => {
    const counter = new DistinctCounter(4096, 512);
    for (let i = 0; i < 4096; i++) counter.add(hash53(`item-${i}`));
    expect(counter.estimate()).toEqual({ distinct: 4096, exact: true, relative_standard_error: 0 });
    const truth = 100_000;
    for (let repeat = 0; repeat < 2; repeat++) for (let i = 0; i < truth; i++) counter.add(hash53(`item-${i}`));
    const estimate = counter.estimate();
    expect(estimate.exact).toBe(false);
    expect(estimate.relative_standard_error).toBeCloseTo(1 / Math.sqrt(512 - 2), 10);
    expect(Math.abs(estimate.distinct / truth - 1)).toBeLessThan(4 * estimate.relative_standard_error);
  });
});
