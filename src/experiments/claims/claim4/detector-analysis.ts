/**
 * Scoring the hacking detector on finished runs: when true accuracy dropped, when the alarm came,
 * the lead time between them, and how often it fires on runs without a spurious component.
 */
import { annotateHackingAlarms, firstAlarm, type DetectorOptions } from '../../../ledger/hacking.js';
import type { LedgerRow } from '../../../ledger/schema.js';

/** An accuracy drop is a fall of at least this much below the best earlier generation (≈ 4 SE of a difference of two 400-sample accuracies). */
export const DROP_THRESHOLD = 0.1;

/** First generation whose accuracy is ≥ threshold below the maximum of the generations before it, or null. */
export function accuracyDropGeneration(rows: LedgerRow[], threshold = DROP_THRESHOLD): number | null {
  let best = -Infinity;
  for (const row of rows) {
    if (row.accuracy === null) continue;
    if (row.accuracy <= best - threshold) return row.generation;
    best = Math.max(best, row.accuracy);
  }
  return null;
}

export interface RunDetection {
  alarm: number | null;
  drop: number | null;
  /** drop − alarm when both happened (positive: the alarm came first). */
  leadTime: number | null;
}

export function scoreRun(rows: LedgerRow[], options: Partial<DetectorOptions> = {}): RunDetection {
  // Rows written by an engine with the per-generation monitor already carry the alarm.
  const annotated = rows.some((r) => 'hacking_alarm' in (r.extras ?? {})) ? rows : annotateHackingAlarms(rows, options);
  const alarm = firstAlarm(annotated);
  const drop = accuracyDropGeneration(rows);
  return { alarm, drop, leadTime: alarm !== null && drop !== null ? drop - alarm : null };
}
