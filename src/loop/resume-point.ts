/**
 * Where a resumed run starts: the ledger's valid rows and the checkpoint of the last one, both
 * verified. A torn last row (a kill mid-write) is cut and re-run. Anything else damaged stops the
 * resume with E_RESUME naming the file, unless `repair` is set: then the ledger is backed up, cut
 * before a damaged row, and cut further back to the newest generation whose checkpoint (and
 * history) is intact, or emptied so the run starts over; the cut rows are re-run, identically.
 */
import type { Snapshot, Weighted } from '../core/types.js';
import type { Config } from '../config/schema.js';
import type { LedgerRow } from '../ledger/schema.js';
import { readCheckpoint, readHistory, removeCheckpointsBefore } from './checkpoint-store.js';
import { backupLedger, corruptLedgerError, scanLedger, truncateLedger } from './run-store.js';

export interface ResumePoint {
  rows: LedgerRow[];
  /** null: start again from generation 0. */
  checkpoint: { generation: number; snapshot: Snapshot; injectedCum: number | null; history: Weighted<unknown>[][] } | null;
}

function loadGeneration(dir: string, t: number): NonNullable<ResumePoint['checkpoint']> {
  const { checkpoint, snapshot } = readCheckpoint(dir, t);
  const history = readHistory(dir, checkpoint.history_generations);
  return { generation: t, snapshot, injectedCum: checkpoint.injected_bits_cum, history };
}

export function loadResumePoint(dir: string, config: Config, warn: (message: string) => void, repair: boolean): ResumePoint {
  const scan = scanLedger(dir);
  let backup: string | null = null;
  const cutTo = (rows: number, why: string) => {
    backup ??= backupLedger(dir);
    truncateLedger(dir, rows === 0 ? 0 : scan.rowEnds[rows - 1]);
    warn(`--repair: ${why}; the ledger now ends after generation ${rows - 1} and the rest is re-run (the original is kept as ${backup})`);
  };
  if (scan.corrupt) {
    if (!repair) throw corruptLedgerError(dir, scan.corrupt);
    cutTo(scan.rows.length, `ledger line ${scan.corrupt.line} was damaged (${scan.corrupt.reason})`);
  }
  // a torn last row is cut only once everything else checked out: a refused resume changes nothing
  const cutTorn = () => {
    if (!scan.torn || backup !== null) return; // a repair has already cut further back
    truncateLedger(dir, scan.validBytes);
    warn(`ledger.jsonl ended in a partial row; generation ${scan.rows.length} is run again`);
  };
  let rows = scan.rows;
  if (rows.length === 0) {
    cutTorn();
    return { rows, checkpoint: null };
  }
  const last = rows.length - 1;
  let start: ResumePoint['checkpoint'] = null;
  try {
    start = loadGeneration(dir, last);
  } catch (error) {
    if (!repair) throw error;
    for (let t = last - 1; t >= 0 && !start; t--) {
      try {
        start = loadGeneration(dir, t);
      } catch {
        // older checkpoints may be gone (checkpoints: last) or damaged too
      }
    }
    const kept = start ? start.generation + 1 : 0;
    cutTo(kept, `${(error as Error).message}`);
    rows = rows.slice(0, kept);
  }
  cutTorn();
  // a kill during clean-up can leave checkpoints older than the start behind
  if (start && config.checkpoints === 'last') removeCheckpointsBefore(dir, start.generation);
  return { rows, checkpoint: start };
}
