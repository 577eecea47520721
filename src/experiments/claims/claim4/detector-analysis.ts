/**
 * Scoring the hacking detector on finished runs. A drop is defined against run-to-run noise measured
 * on honest runs (no spurious component in the signal): σ is the pooled standard deviation, across
 * the runs of one honest variant at one generation, of the change in accuracy from the generation
 * before (pooled over variants and generations, so a shared learning trend does not count as
 * noise); a run drops at the first generation whose accuracy lies more than DROP_K·σ below its
 * generation-0 value. An alarm is right when it comes strictly before the run's drop.
 */
import { annotateHackingAlarms, firstAlarm, type DetectorOptions } from '../../../ledger/hacking.js';
import type { LedgerRow } from '../../../ledger/schema.js';

/** A drop is a fall of more than DROP_K run-to-run standard deviations below generation 0. */
export const DROP_K = 3;

type Runs = readonly { rows: readonly LedgerRow[] }[];

/**
 * Pooled SD of generation-to-generation accuracy changes across runs: for each group (one honest
 * variant) and generation t in 1..T, the sample variance over runs of acc_t − acc_{t−1}; the
 * variances are pooled with their degrees of freedom. NaN when no group has two runs.
 */
export function runToRunSd(groups: readonly Runs[], T: number): number {
  let sumSquares = 0;
  let dof = 0;
  for (const runs of groups) {
    for (let t = 1; t <= T; t++) {
      const changes = runs.flatMap(({ rows }) => {
        const now = rows[t]?.accuracy;
        const before = rows[t - 1]?.accuracy;
        return typeof now === 'number' && typeof before === 'number' ? [now - before] : [];
      });
      if (changes.length < 2) continue;
      const mean = changes.reduce((a, b) => a + b, 0) / changes.length;
      sumSquares += changes.reduce((a, c) => a + (c - mean) ** 2, 0);
      dof += changes.length - 1;
    }
  }
  return dof > 0 ? Math.sqrt(sumSquares / dof) : NaN;
}

/** DROP_K · σ of the honest groups' run-to-run noise. */
export function dropThreshold(honestGroups: readonly Runs[], T: number, k = DROP_K): number {
  return k * runToRunSd(honestGroups, T);
}

/** First generation whose accuracy is more than `threshold` below generation 0's, or null. */
export function accuracyDropGeneration(rows: readonly LedgerRow[], threshold: number): number | null {
  const start = rows[0]?.accuracy;
  if (typeof start !== 'number' || !Number.isFinite(threshold)) return null;
  const row = rows.slice(1).find((r) => r.accuracy !== null && r.accuracy < start - threshold);
  return row ? row.generation : null;
}

export interface RunDetection {
  alarm: number | null;
  drop: number | null;
  /** drop − alarm when both happened (positive: the alarm came first). */
  leadTime: number | null;
}

export function scoreRun(rows: LedgerRow[], threshold: number, options: Partial<DetectorOptions> = {}): RunDetection {
  // Rows written by an engine with the per-generation monitor already carry the alarm.
  const annotated = rows.some((r) => 'hacking_alarm' in (r.extras ?? {})) ? rows : annotateHackingAlarms(rows, options);
  const alarm = firstAlarm(annotated);
  const drop = accuracyDropGeneration(rows, threshold);
  return { alarm, drop, leadTime: alarm !== null && drop !== null ? drop - alarm : null };
}

/** How the alarm did on a set of runs, one count per run. */
export interface DetectionCounts {
  /** Alarm strictly before the drop. */
  hits: number;
  /** Drop and an alarm at or after it: neither a warning nor silent. */
  late: number;
  /** Drop without any alarm. */
  misses: number;
  /** Alarm without a drop. */
  falseAlarms: number;
  /** Neither. */
  quiet: number;
}

export function countDetections(detections: readonly RunDetection[]): DetectionCounts {
  const counts: DetectionCounts = { hits: 0, late: 0, misses: 0, falseAlarms: 0, quiet: 0 };
  for (const d of detections) {
    if (d.drop === null) counts[d.alarm === null ? 'quiet' : 'falseAlarms']++;
    else if (d.alarm === null) counts.misses++;
    else counts[d.alarm < d.drop ? 'hits' : 'late']++;
  }
  return counts;
}

/**
 * Precision and recall of "alarm before a drop", as counts k of n: precision = hits over runs with
 * an alarm (late alarms and alarms without a drop are false), recall = hits over runs with a drop
 * (late alarms and silent drops are misses).
 */
export function precisionRecall(c: DetectionCounts): { precision: { k: number; n: number }; recall: { k: number; n: number } } {
  return {
    precision: { k: c.hits, n: c.hits + c.late + c.falseAlarms },
    recall: { k: c.hits, n: c.hits + c.late + c.misses },
  };
}
