/**
 * Summary rows shared by claim 4's experiments: a proportion row with its Wilson interval, per-run
 * deltas, the hacking detector's record over a variant's runs (alarm and drop rates, lead
 * times, false alarms) and its precision and recall over pooled runs.
 */
import type { LedgerRow } from '../../../ledger/schema.js';
import { measuredRow, type RowBase } from '../../summary/rows.js';
import type { SummaryRow } from '../../types.js';
import { wilsonInterval } from '../../../stats/wilson.js';
import { countDetections, precisionRecall, scoreRun, type RunDetection } from './detector-analysis.js';

/** Run-level rows of the detector and of the changes since generation 0, as verdicts read them. */
export const detectorMetric = {
  alarmRate: 'alarm_rate',
  dropRate: 'drop_rate',
  leadTime: 'lead_time',
  alarmBeforeDropRate: 'alarm_before_drop_rate',
  falseAlarmRate: 'false_alarm_rate',
  deltaAccuracy: 'delta_accuracy',
  deltaProxyReward: 'delta_proxy_reward',
  deltaFeatureRate: 'delta_feature_rate',
  dropThreshold: 'drop_threshold',
  precision: 'alarm_precision',
  recall: 'alarm_recall',
} as const;

/** k of n as a proportion with its Wilson 95% interval. */
export function proportionRow(base: RowBase, k: number, n: number): SummaryRow {
  const p = n ? k / n : 0;
  const { low, high } = wilsonInterval(k, n);
  return { ...base, mean: p, se: n ? Math.sqrt((p * (1 - p)) / n) : Infinity, ci_low: low, ci_high: high, n_runs: n, kind: 'measured', ci_method: 'none' };
}

/** Per-run change from generation 0 to generation T of a value read off the rows. */
export function deltas(runs: { rows: LedgerRow[] }[], T: number, read: (row: LedgerRow) => number | null): number[] {
  return runs.map((run) => (read(run.rows[T]) ?? NaN) - (read(run.rows[0]) ?? NaN));
}

/** The detector's record on runs cut at generation T (every run has at least T + 1 rows), drops as `threshold` sets them. */
export function detectionsAt(runs: { rows: LedgerRow[] }[], T: number, threshold: number): RunDetection[] {
  return runs.map((run) => scoreRun(run.rows.slice(0, T + 1), threshold));
}

/**
 * alarm_rate, drop_rate, lead_time (runs with both an alarm and a drop), alarm_before_drop_rate
 * (of the runs that dropped, those alarmed strictly before) and false_alarm_rate (the share of runs
 * with an alarm and no drop).
 */
export function detectorRows(base: (metric: string) => RowBase, detections: RunDetection[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  const counts = countDetections(detections);
  const alarms = detections.filter((d) => d.alarm !== null).length;
  out.push(proportionRow(base(detectorMetric.alarmRate), alarms, detections.length));
  out.push(proportionRow(base(detectorMetric.dropRate), detections.filter((d) => d.drop !== null).length, detections.length));
  const leads = detections.flatMap((d) => (d.leadTime === null ? [] : [d.leadTime]));
  if (leads.length > 0) out.push(measuredRow(base(detectorMetric.leadTime), leads));
  const dropped = counts.hits + counts.late + counts.misses;
  if (dropped > 0) out.push(proportionRow(base(detectorMetric.alarmBeforeDropRate), counts.hits, dropped));
  out.push(proportionRow(base(detectorMetric.falseAlarmRate), counts.falseAlarms, detections.length));
  return out;
}

/** Precision and recall of "alarm before a drop" over the given runs, with Wilson intervals. */
export function precisionRecallRows(base: (metric: string) => RowBase, detections: RunDetection[]): SummaryRow[] {
  const { precision, recall } = precisionRecall(countDetections(detections));
  return [proportionRow(base(detectorMetric.precision), precision.k, precision.n), proportionRow(base(detectorMetric.recall), recall.k, recall.n)];
}
