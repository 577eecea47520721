import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson.js';

describe('wilsonInterval', () => {
  it('computes Wilson intervals (known values)', () => {
    // 0 of 5: upper bound z²/(n + z²) = 3.8415/8.8415.
    expect(wilsonInterval(0, 5).high).toBeCloseTo(3.841459 / 8.841459, 5);
    expect(wilsonInterval(0, 5).low).toBe(0);
    const half = wilsonInterval(10, 20);
    expect(half.low + half.high).toBeCloseTo(1, 12);
  });

  it('agrees with the closed form at k = n/2 and stays inside [0, 1]', () => {
    // k = n/2: centre 1/2, half-width z·sqrt(1/(4n) + z²/(4n²)) / (1 + z²/n).
    const z = 1.959963984540054;
    const n = 40;
    const half = (z * Math.sqrt(1 / (4 * n) + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    const interval = wilsonInterval(20, n);
    expect(interval.low).toBeCloseTo(0.5 - half, 12);
    expect(interval.high).toBeCloseTo(0.5 + half, 12);
    expect(wilsonInterval(40, 40)).toEqual({ low: expect.any(Number), high: 1 });
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
  });
});
