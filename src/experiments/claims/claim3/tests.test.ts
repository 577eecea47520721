/** Claim 3's family of tests: p-values against the t table, and Holm's correction applied across all nine tests. */
import { describe, expect, it } from 'vitest';
import { studentTQuantile } from '../../../stats/student-t.js';
import { claim3Tests, differencePValue, gainPValue, type AxisRows } from './tests.js';
import { decideClaim3 } from './verdict.js';

const n = 10;
/** A row whose one-sided p (H0: mean ≤ 0) is exactly p: mean/se = t_{1−p, n−1}. */
const withP = (p: number, se = 1e-4) => ({ mean: studentTQuantile(1 - p, n - 1) * se, se, n_runs: n });
const zero = { mean: 0, se: 1e-4, n_runs: n };

describe('p-values', () => {
  it('gain: t = 1.833 on 9 df is p = 0.05 (t table); a zero-spread row rejects only beyond the null', () => {
    expect(gainPValue({ mean: 1.833113 * 2, se: 2, n_runs: 10 })).toBeCloseTo(0.05, 5);
    expect(gainPValue({ mean: 0, se: 1, n_runs: 10 })).toBeCloseTo(0.5, 12);
    expect(gainPValue({ mean: 0, se: 0, n_runs: 10 })).toBe(1);
    expect(gainPValue({ mean: 1e-6, se: 0, n_runs: 10 })).toBe(0);
  });
  it('difference: equal se and n, Welch df = 2(n − 1); t = 2.101 on 18 df is two-sided p = 0.05', () => {
    const se = 1;
    // difference se = √2, so the means differ by 2.100922·√2
    expect(differencePValue({ mean: 2.100922 * Math.SQRT2, se, n_runs: 10 }, { mean: 0, se, n_runs: 10 })).toBeCloseTo(0.05, 5);
    expect(differencePValue({ mean: 0, se, n_runs: 10 }, { mean: 2.100922 * Math.SQRT2, se, n_runs: 10 })).toBeCloseTo(0.05, 5);
  });
});

describe('Holm across the nine tests', () => {
  const family = (first: { mean: number; se: number; n_runs: number }): AxisRows[] => [
    { axis: 'form', verifier: first, imitation: zero },
    { axis: 'difficulty', verifier: zero, imitation: zero },
    { axis: 'family', verifier: zero, imitation: zero },
  ];

  it('multiplies the smallest p by the family size (9)', () => {
    const tests = claim3Tests(family(withP(0.004)), 0, 0.05);
    expect(tests).toHaveLength(9);
    const gain = tests.find((test) => test.name === 'verifier gain on form')!;
    expect(gain.p).toBeCloseTo(0.004, 9);
    expect(gain.adjusted).toBeCloseTo(9 * 0.004, 9);
    expect(gain.rejected).toBe(true);
  });
  it('does not reject a p that passes alone but not after correction (0.006 · 9 > 0.05)', () => {
    const tests = claim3Tests(family(withP(0.006)), 0, 0.05);
    const gain = tests.find((test) => test.name === 'verifier gain on form')!;
    expect(gain.p).toBeLessThan(0.05);
    expect(gain.rejected).toBe(false);
    expect(decideClaim3(tests)).toBe('inconclusive');
  });
});
