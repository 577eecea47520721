/** Small helpers experiments share: read a ledger number, find, build and print summary rows. */
import type { LedgerRow } from '../../ledger/schema.js';
import { fnv1a } from '../../core/hash.js';
import { createRng } from '../../core/rng.js';
import { confidenceInterval, FEW_RUNS } from '../../stats/intervals.js';
import { welchDifference } from '../../stats/t-interval.js';
import type { RowRef, SummaryRow } from '../types.js';

/** Everything of a summary row but its statistic. */
export type RowBase = Omit<SummaryRow, 'mean' | 'se' | 'ci_low' | 'ci_high' | 'n_runs'>;

/** A statistic over runs: the mean with its 95% interval (stats/intervals.ts; the bootstrap seeded by the row's name). */
export function measuredRow(base: RowBase, values: number[]): SummaryRow {
  const interval = confidenceInterval(values, createRng(fnv1a(`${base.experiment}/${base.variant}/${base.t}/${base.metric}`)));
  return { ...base, mean: interval.mean, se: interval.se, ci_low: interval.low, ci_high: interval.high, n_runs: values.length, kind: 'measured', ci_method: interval.method };
}

/** A metric reading the number stored under `key` in a ledger row's extras (null when absent or not a number). */
export const extraNumber = (key: string) => (row: LedgerRow): number | null => {
  const value = row.extras?.[key];
  return typeof value === 'number' ? value : null;
};

/** The row for (experiment, variant, t, metric) of the given kind ('measured' by default). */
export function findRow(
  summary: readonly SummaryRow[],
  experiment: string,
  variant: string,
  t: number,
  metric: string,
  kind: 'measured' | 'closed_form' = 'measured',
): SummaryRow | undefined {
  return summary.find(
    (row) => row.experiment === experiment && row.variant === variant && row.t === t && row.metric === metric && (row.kind ?? 'measured') === kind,
  );
}

/** The row a verdict names by reference at generation t. */
export function rowAt(summary: readonly SummaryRow[], ref: RowRef, t: number, kind: 'measured' | 'closed_form' = 'measured'): SummaryRow | undefined {
  return findRow(summary, ref.experiment, ref.variant, t, ref.metric, kind);
}

/** A run-level row (one per variant, at its last generation) by reference alone: the first measured match. */
export function runLevelRow(summary: readonly SummaryRow[], ref: RowRef): SummaryRow | undefined {
  return summary.find((row) => row.experiment === ref.experiment && row.variant === ref.variant && row.metric === ref.metric && (row.kind ?? 'measured') === 'measured');
}

/** The last generation an experiment's measured rows reach (−1 when it has none). */
export function finalGeneration(summary: readonly SummaryRow[], experiment: string): number {
  let last = -1;
  for (const row of summary) if (row.experiment === experiment && (row.kind ?? 'measured') === 'measured' && row.t > last) last = row.t;
  return last;
}

/** Welch's 95% interval for a.mean − b.mean of two summary rows. */
export function rowDifference(a: SummaryRow, b: SummaryRow): ReturnType<typeof welchDifference> {
  return welchDifference({ mean: a.mean, se: a.se, n: a.n_runs }, { mean: b.mean, se: b.se, n: b.n_runs });
}

/** Theory's value for a measured row: no spread, no runs. */
export function closedFormRow(row: SummaryRow, value: number): SummaryRow {
  return { ...row, mean: value, se: 0, ci_low: value, ci_high: value, n_runs: 0, kind: 'closed_form', ci_method: 'none' };
}

/** Four significant digits (or `digits`), plain for ordinary magnitudes. */
export function fmt(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const magnitude = Math.abs(value);
  if (magnitude >= 1e5 || magnitude < 1e-3) return value.toExponential(digits - 2);
  return String(Number(value.toPrecision(digits)));
}

/** Digits an interval is shown with: more than four when four would print its two ends alike. */
const MAX_DIGITS = 12;

/**
 * `mean [low, high]`; "(deterministic)" for a zero-width interval of identical runs, "(n runs < 10)"
 * when few. A narrow interval gets as many digits as its ends need to differ (up to 12), so that a
 * non-zero width never prints as zero; runs that agree to 12 digits without being identical say so
 * (a zero width is printed as such only for a single run or a closed form).
 */
export function fmtInterval(row: Pick<SummaryRow, 'mean' | 'ci_low' | 'ci_high'> & Partial<Pick<SummaryRow, 'n_runs' | 'ci_method'>>): string {
  if (row.ci_method === 'deterministic') return `${fmt(row.mean)} (deterministic, ${row.n_runs} identical runs)`;
  const few = row.n_runs !== undefined && row.n_runs > 0 && row.n_runs < FEW_RUNS ? ` (${row.n_runs} runs < ${FEW_RUNS})` : '';
  let digits = 4;
  while (digits < MAX_DIGITS && row.ci_low !== row.ci_high && fmt(row.ci_low, digits) === fmt(row.ci_high, digits)) digits++;
  const spreadless = row.ci_low === row.ci_high ? (row.n_runs ?? 0) > 1 : fmt(row.ci_low, digits) === fmt(row.ci_high, digits);
  if (spreadless) {
    return `${fmt(row.mean)} (${row.n_runs ?? 'the'} runs agree to ${MAX_DIGITS} digits: no spread to measure)`;
  }
  return `${fmt(row.mean, digits)} [${fmt(row.ci_low, digits)}, ${fmt(row.ci_high, digits)}]${few}`;
}
