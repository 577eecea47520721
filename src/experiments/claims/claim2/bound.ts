/**
 * The accuracy-per-bit bound of claim 2: a hard filter keeping a set K gives Q(A) ≤ P(A)/P(K), so
 * log2(a_T/a_0) ≤ Σ_t shift_bits_t / n_kept_t. The shift, not the measured injected bits: a noisy
 * verifier raises accuracy by a factor its few task bits do not bound (flip 0.45 at a = 0.1: log2
 * ratio 0.26 per generation from 0.006 injected bits per kept sample), because accuracy is not
 * task information. Shared by the categorical and gym experiments.
 */
import type { LedgerRow } from '../../../ledger/schema.js';
import { holmReject } from '../../../stats/holm.js';
import { studentTCdf } from '../../../stats/student-t.js';
import { measuredRow, type RowBase } from '../../summary/rows.js';
import type { RunRecord, SummaryRow } from '../../types.js';

/** The run-level rows of the bound, as verdicts read them. */
export const boundMetric = { slack: 'bound_slack_bits', minSlack: 'bound_min_slack_bits' } as const;

/** Σ_t shift_bits_t / n_kept_t − log2(a_T / a_0) (≥ 0 when the bound holds); null when a_0 is 0 or missing. */
export function boundSlack(rows: LedgerRow[]): number | null {
  const first = rows[0]?.accuracy;
  const last = rows[rows.length - 1]?.accuracy;
  if (typeof first !== 'number' || typeof last !== 'number' || first <= 0) return null;
  let bitsPerSample = 0;
  for (const row of rows) if (row.n_kept > 0) bitsPerSample += row.shift_bits / row.n_kept;
  return bitsPerSample - Math.log2(Math.max(last, Number.MIN_VALUE) / first);
}

/**
 * `bound_slack_bits` (mean, CI) and `bound_min_slack_bits` for every variant, closed ones included:
 * the bound is on the selection's shift, which a self-judge has too (its accuracy may rise by
 * sharpening the model's own mode, within its shift and with 0 injected bits).
 */
export function boundSlackRows(group: RunRecord[], base: Omit<RowBase, 'metric'>): SummaryRow[] {
  const slacks = group.map((run) => boundSlack(run.rows)).filter((v): v is number => v !== null);
  if (slacks.length === 0) return [];
  const least = Math.min(...slacks);
  return [
    measuredRow({ ...base, metric: boundMetric.slack }, slacks),
    { ...base, metric: boundMetric.minSlack, mean: least, se: 0, ci_low: least, ci_high: least, n_runs: slacks.length, ci_method: 'none' },
  ];
}

/**
 * Whether some variant's mean slack lies significantly below `nullSlack`: a one-sided t test per
 * variant (H0: E[slack] ≥ nullSlack), Holm-corrected over the variants at level `alpha`. The bound
 * holds for the training mixture; a finite sample's refit adds noise, so a single run may dip below
 * 0 (a martingale's drift, for no selection) and only a mean below 0 beyond noise refutes it.
 */
export function boundViolated(slackRows: readonly SummaryRow[], nullSlack: number, alpha: number): boolean {
  if (slackRows.length === 0) return false;
  const pValues = slackRows.map((row) => {
    if (!(row.se > 0) || row.n_runs < 2) return row.mean < nullSlack ? 0 : 1;
    return studentTCdf((row.mean - nullSlack) / row.se, row.n_runs - 1);
  });
  return holmReject(pValues, alpha).some(Boolean);
}
