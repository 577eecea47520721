import { describe, expect, it } from 'vitest';
import { holmAdjust, holmReject } from './holm.js';

describe('Holm adjustment', () => {
  it('matches a worked example (R: p.adjust(c(0.01, 0.04, 0.03, 0.005), "holm"))', () => {
    // sorted 0.005, 0.01, 0.03, 0.04 → 4·0.005, 3·0.01, 2·0.03, 1·0.04 = 0.02, 0.03, 0.06, max(0.06, 0.04)
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005]);
    [0.03, 0.06, 0.06, 0.02].forEach((expected, i) => expect(adjusted[i]).toBeCloseTo(expected, 15));
    expect(holmReject([0.01, 0.04, 0.03, 0.005], 0.05)).toEqual([true, false, false, true]);
  });

  it('rejects everything Bonferroni rejects, caps at 1 and keeps ties in order', () => {
    const p = [0.2, 0.001, 0.012, 0.9, 0.012];
    const bonferroni = p.map((v) => Math.min(1, v * p.length));
    holmAdjust(p).forEach((v, i) => expect(v).toBeLessThanOrEqual(bonferroni[i]));
    expect(holmAdjust([0.5, 0.6])).toEqual([1, 1]);
    expect(holmAdjust([])).toEqual([]);
    expect(() => holmAdjust([1.5])).toThrow(/p-value/);
  });
});
