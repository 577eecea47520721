/** Reading a run at a given number of injected bits, so that two methods can be compared at exactly equal bits. */
import type { LedgerRow } from '../../../ledger/schema.js';
import type { RunRecord } from '../../types.js';

/** Both methods' runs of an experiment, the shared budget B (the smaller of their mean final cumulative bits) and the shortest horizon T. */
export interface EqualBits {
  runs: (method: string) => RunRecord[];
  budget: number;
  T: number;
}

/** null until both the verifier and the imitation runs exist. */
export function equalBitsBudget(runs: RunRecord[], experiment: string): EqualBits | null {
  const mine = runs.filter((run) => run.experiment === experiment && run.rows.length > 1);
  const of = (method: string) => mine.filter((run) => run.variant === method);
  if (of('verifier').length === 0 || of('imitation').length === 0) return null;
  const finalBits = (list: RunRecord[]) => list.reduce((sum, run) => sum + (run.rows[run.rows.length - 1].injected_bits_cum ?? NaN), 0) / list.length;
  return { runs: of, budget: Math.min(finalBits(of('verifier')), finalBits(of('imitation'))), T: Math.min(...mine.map((run) => run.rows.length - 1)) };
}

/**
 * A metric (held-out accuracy by default) when the run's cumulative injected bits reach `budget`:
 * linear between generations; the last value if never reached.
 */
export function heldoutAccuracyAtBits(rows: LedgerRow[], budget: number, read: (row: LedgerRow) => number | null = (row) => row.heldout_accuracy): number | null {
  for (let t = 1; t < rows.length; t++) {
    const [before, after] = [read(rows[t - 1]), read(rows[t])];
    const [spent, next] = [rows[t - 1].injected_bits_cum ?? NaN, rows[t].injected_bits_cum ?? NaN];
    if (next < budget) continue;
    if (before === null || after === null) return null;
    const fraction = next > spent ? (budget - spent) / (next - spent) : 1;
    return before + fraction * (after - before);
  }
  return rows.length ? read(rows[rows.length - 1]) : null;
}
