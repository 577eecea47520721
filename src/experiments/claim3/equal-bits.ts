/** Reading a run at a given number of injected bits, so that two methods can be compared at exactly equal bits. */
import type { LedgerRow } from '../../ledger/schema.js';

/**
 * A metric (held-out accuracy by default) when the run's cumulative injected bits reach `budget`:
 * linear between generations; the last value if never reached.
 */
export function heldoutAccuracyAtBits(rows: LedgerRow[], budget: number, read: (row: LedgerRow) => number | null = (row) => row.heldout_accuracy): number | null {
  for (let t = 1; t < rows.length; t++) {
    const [before, after] = [read(rows[t - 1]), read(rows[t])];
    const [spent, next] = [rows[t - 1].injected_bits_cum, rows[t].injected_bits_cum];
    if (next < budget) continue;
    if (before === null || after === null) return null;
    const fraction = next > spent ? (budget - spent) / (next - spent) : 1;
    return before + fraction * (after - before);
  }
  return rows.length ? read(rows[rows.length - 1]) : null;
}
