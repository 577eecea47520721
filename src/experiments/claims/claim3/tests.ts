/**
 * Claim 3's family of tests on the gym, Holm-corrected together (Holm 1979) at family-wise level
 * alpha: per method and held-out axis, a one-sided t test that held-out accuracy gained per bit at
 * equal bits exceeds 0 (transfer), and per axis a two-sided Welch test of verifier − imitation per
 * bit. A zero-spread row (every run equal) rejects exactly when its mean lies beyond the null.
 */
import { holmAdjust } from '../../../stats/holm.js';
import { studentTCdf } from '../../../stats/student-t.js';
import { welchDifference } from '../../../stats/t-interval.js';
import type { SummaryRow } from '../../types.js';

/** Row-level statistics the tests read (a summary row has them all). */
export type TestedRow = Pick<SummaryRow, 'mean' | 'se' | 'n_runs'>;

/** One-sided p for H0: E[value] ≤ nullValue against E[value] > nullValue. */
export function gainPValue(row: TestedRow, nullValue = 0): number {
  if (!(row.se > 0) || row.n_runs < 2) return row.mean > nullValue ? 0 : 1;
  return 1 - studentTCdf((row.mean - nullValue) / row.se, row.n_runs - 1);
}

/** Two-sided Welch p for H0: E[a] − E[b] = nullValue. */
export function differencePValue(a: TestedRow, b: TestedRow, nullValue = 0): number {
  const d = welchDifference({ mean: a.mean, se: a.se, n: a.n_runs }, { mean: b.mean, se: b.se, n: b.n_runs });
  const excess = d.difference - nullValue;
  if (d.se === 0) return excess === 0 ? 1 : 0;
  if (!Number.isFinite(d.se) || !Number.isFinite(d.df)) return 1;
  return Math.min(1, 2 * (1 - studentTCdf(Math.abs(excess) / d.se, d.df)));
}

export interface FamilyTest {
  /** e.g. "verifier gain on form" or "verifier − imitation on form". */
  name: string;
  kind: 'gain' | 'difference';
  axis: string;
  /** The gain's mean, or the difference of means (verifier − imitation). */
  estimate: number;
  p: number;
  adjusted: number;
  rejected: boolean;
}

export interface AxisRows {
  axis: string;
  verifier: TestedRow;
  imitation: TestedRow;
}

/** Every test of the family, with Holm-adjusted p-values over all of them. */
export function claim3Tests(axes: readonly AxisRows[], nullValue: number, alpha: number): FamilyTest[] {
  const raw: Omit<FamilyTest, 'adjusted' | 'rejected'>[] = axes.flatMap(({ axis, verifier, imitation }) => [
    { name: `verifier gain on ${axis}`, kind: 'gain' as const, axis, estimate: verifier.mean, p: gainPValue(verifier, nullValue) },
    { name: `imitation gain on ${axis}`, kind: 'gain' as const, axis, estimate: imitation.mean, p: gainPValue(imitation, nullValue) },
    { name: `verifier − imitation on ${axis}`, kind: 'difference' as const, axis, estimate: verifier.mean - imitation.mean, p: differencePValue(verifier, imitation, nullValue) },
  ]);
  const adjusted = holmAdjust(raw.map((test) => test.p));
  return raw.map((test, i) => ({ ...test, adjusted: adjusted[i], rejected: adjusted[i] <= alpha }));
}
