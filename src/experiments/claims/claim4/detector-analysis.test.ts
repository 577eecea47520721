import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../../ledger/schema.js';
import { accuracyDropGeneration, wilsonInterval } from './detector-analysis.js';

describe('detector scoring', () => {
  const rows = (accuracies: number[]) => accuracies.map((accuracy, generation) => ({ generation, accuracy, extras: {} }) as unknown as LedgerRow);

  it('finds the first drop of 0.1 below the best earlier generation', () => {
    expect(accuracyDropGeneration(rows([0.3, 0.35, 0.3, 0.26, 0.24]))).toBe(4);
    expect(accuracyDropGeneration(rows([0.3, 0.4, 0.5, 0.45]))).toBeNull();
  });

  it('computes Wilson intervals (known values)', () => {
    // 0 of 5: upper bound z²/(n + z²) = 3.8415/8.8415.
    expect(wilsonInterval(0, 5).high).toBeCloseTo(3.841459 / 8.841459, 5);
    expect(wilsonInterval(0, 5).low).toBe(0);
    const half = wilsonInterval(10, 20);
    expect(half.low + half.high).toBeCloseTo(1, 12);
  });
});
