/**
 * Summary rows shared by claim 4's experiments: a proportion row with its Wilson interval, per-run
 * deltas, and the hacking detector's record over a variant's runs (alarm and drop rates, lead
 * times, false alarms).
 */
import type { LedgerRow } from '../../../ledger/schema.js';
import { measuredRow, type RowBase } from '../../summary/rows.js';
import type { SummaryRow } from '../../types.js';
import { wilsonInterval } from '../../../stats/wilson.js';
import { scoreRun, type RunDetection } from './detector-analysis.js';

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

/** The detector's record on runs cut at generation T (every run has at least T + 1 rows). */
export function detectionsAt(runs: { rows: LedgerRow[] }[], T: number): RunDetection[] {
  return runs.map((run) => scoreRun(run.rows.slice(0, T + 1)));
}

/**
 * alarm_rate, drop_rate, lead_time (runs with both an alarm and a drop), alarm_before_drop_rate
 * (of the runs that dropped, those alarmed strictly before) and, for variants without a spurious
 * component (`honest`), false_alarm_rate = the share of runs with any alarm.
 */
export function detectorRows(base: (metric: string) => RowBase, detections: RunDetection[], honest: boolean): SummaryRow[] {
  const out: SummaryRow[] = [];
  const alarms = detections.filter((d) => d.alarm !== null).length;
  out.push(proportionRow(base(detectorMetric.alarmRate), alarms, detections.length));
  out.push(proportionRow(base(detectorMetric.dropRate), detections.filter((d) => d.drop !== null).length, detections.length));
  const leads = detections.flatMap((d) => (d.leadTime === null ? [] : [d.leadTime]));
  if (leads.length > 0) out.push(measuredRow(base(detectorMetric.leadTime), leads));
  const dropped = detections.filter((d) => d.drop !== null);
  if (dropped.length > 0) out.push(proportionRow(base(detectorMetric.alarmBeforeDropRate), dropped.filter((d) => d.leadTime !== null && d.leadTime > 0).length, dropped.length));
  if (honest) out.push(proportionRow(base(detectorMetric.falseAlarmRate), alarms, detections.length));
  return out;
}
