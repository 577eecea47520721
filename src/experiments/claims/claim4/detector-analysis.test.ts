import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../../ledger/schema.js';
import { accuracyDropGeneration } from './detector-analysis.js';

describe('detector scoring', () => {
  const rows = (accuracies: number[]) => accuracies.map((accuracy, generation) => ({ generation, accuracy, extras: {} }) as unknown as LedgerRow);

  it('finds the first drop of 0.1 below the best earlier generation', () => {
    expect(accuracyDropGeneration(rows([0.3, 0.35, 0.3, 0.26, 0.24]))).toBe(4);
    expect(accuracyDropGeneration(rows([0.3, 0.4, 0.5, 0.45]))).toBeNull();
  });
});
