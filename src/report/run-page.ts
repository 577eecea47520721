/**
 * The report of one run folder, rebuilt from config.yaml, meta.json and ledger.jsonl only:
 * meta and closure warnings, per-generation charts, the hacking alarm, the ledger and the config.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { LedgerRow } from '../ledger/schema.js';
import { readMeta, scanLedger, type Meta } from '../loop/run-store.js';
import { htmlPage, htmlTable, escapeHtml, section } from './page.js';
import { chartFigure, type ChartMarker, type ChartSeries } from './svg-chart.js';
import { formatCell } from './table.js';

export interface RunChart {
  title: string;
  yLabel: string;
  nonNegative: boolean;
  upper?: number;
  columns: (keyof LedgerRow)[];
}

/** What the task's gap and entropy mean: per character for text, a KL and an entropy otherwise. */
export type TaskKind = 'text' | 'continuous' | 'discrete';

export function taskKind(taskName: string | undefined): TaskKind {
  if (taskName === 'text') return 'text';
  return taskName === 'gaussian-target' ? 'continuous' : 'discrete';
}

/** Charts of a run: title, y axis and the ledger columns drawn on it; titles fit the task. */
export function runCharts(kind: TaskKind): RunChart[] {
  const gap: RunChart = kind === 'text'
    ? { title: 'held-out bits/char (gap_bits)', yLabel: 'held-out bits/char', nonNegative: true, columns: ['gap_bits'] }
    : { title: 'gap: KL(task ‖ model) (gap_bits)', yLabel: 'KL (bits)', nonNegative: true, columns: ['gap_bits'] };
  const entropy: RunChart = kind === 'text'
    ? { title: "bits/char of the model's own samples (entropy_bits)", yLabel: 'bits/char', nonNegative: true, columns: ['entropy_bits'] }
    : kind === 'continuous'
      ? { title: 'differential entropy of the model (entropy_bits)', yLabel: 'entropy (bits)', nonNegative: false, columns: ['entropy_bits'] }
      : { title: 'entropy of the model (entropy_bits)', yLabel: 'entropy (bits)', nonNegative: true, columns: ['entropy_bits'] };
  return [
    { title: 'accuracy, on training and held-out prompts', yLabel: 'accuracy', nonNegative: true, upper: 1, columns: ['accuracy', 'heldout_accuracy'] },
    gap,
    { title: 'injected bits, cumulative (injected_bits_cum)', yLabel: 'injected bits', nonNegative: true, columns: ['injected_bits_cum'] },
    { title: 'shift of the training distribution (shift_bits)', yLabel: 'shift (bits)', nonNegative: true, columns: ['shift_bits'] },
    entropy,
  ];
}

/** Ledger columns in the page's table (all-empty ones are left out). */
export const RUN_TABLE_COLUMNS: (keyof LedgerRow)[] = [
  'generation', 'n_generated', 'n_kept', 'acceptance', 'signal_entropy_bits', 'injected_bits', 'injected_bits_cum',
  'shift_bits', 'gap_bits', 'accuracy', 'heldout_accuracy', 'entropy_bits', 'support',
];

interface AlarmDetector {
  feature?: string | null;
  value?: string | null;
  p_value?: number | null;
  cmi_bits?: number | null;
  prevalence_z?: number | null;
}

export interface AlarmOnset {
  generation: number;
  detector: AlarmDetector | null;
}

const alarmOf = (row: LedgerRow) => row.extras?.hacking_alarm === true;

/** Generations where the alarm turns on (it was off, or absent, in the row before). */
export function alarmOnsets(rows: LedgerRow[]): AlarmOnset[] {
  return rows
    .filter((row, i) => alarmOf(row) && (i === 0 || !alarmOf(rows[i - 1])))
    .map((row) => ({ generation: row.generation, detector: (row.extras?.hacking_detector as AlarmDetector | undefined) ?? null }));
}

function featureText(detector: AlarmDetector | null): string {
  if (!detector?.feature) return 'an unnamed feature';
  return detector.value === null || detector.value === undefined ? detector.feature : `${detector.feature} = ${JSON.stringify(detector.value)}`;
}

function alarmNote(onsets: AlarmOnset[]): string {
  const items = onsets.map((onset) => {
    const d = onset.detector;
    const evidence = [
      d?.p_value != null ? `p = ${formatCell(d.p_value)}` : '',
      d?.cmi_bits != null ? `I(S;F|C) = ${formatCell(d.cmi_bits)} bits` : '',
      d?.prevalence_z != null ? `adoption z = ${formatCell(d.prevalence_z)}` : '',
    ].filter((e) => e !== '');
    return `<li>generation ${onset.generation}: the signal rewards the feature <b>${escapeHtml(featureText(d))}</b> beyond correctness, and the model is adopting it${evidence.length > 0 ? ` (${escapeHtml(evidence.join(', '))})` : ''}.</li>`;
  });
  return `<div class="alarm"><b>Reward-hacking alarm.</b> The hacking detector raised an alarm; the dashed red lines on the charts mark it.\n<ul>\n${items.join('\n')}\n</ul></div>`;
}

function metaSection(meta: Meta | null, rows: LedgerRow[], ledgerNote: string | null): string {
  const first = rows[0];
  const facts: [string, unknown][] = meta
    ? [['run_id', meta.run_id], ['status', meta.status], ['generations done', meta.generations_done], ['closed loop', meta.closed], ['started', meta.started_at], ['updated', meta.updated_at], ['infoloop version', meta.package_version]]
    : [['meta.json', 'missing']];
  if (first) facts.push(['policy', first.policy], ['signal', first.signal], ['signal reads', first.signal_reads], ['seed', first.seed]);
  const list = facts.map(([key, value]) => `<tr><th>${escapeHtml(key)}</th><td>${escapeHtml(formatCell(value))}</td></tr>`).join('\n');
  const warnings = [...(meta?.warnings ?? []), ...(ledgerNote ? [ledgerNote] : [])];
  const notes = [
    ...warnings.map((w) => `<p class="warning">warning: ${escapeHtml(w)}</p>`),
    ...(meta?.error ? [`<p class="warning">error: ${escapeHtml(meta.error)}</p>`] : []),
  ];
  return section('Run', `<table class="data">\n${list}\n</table>\n${notes.join('\n')}`);
}

function chartsSection(rows: LedgerRow[], markers: ChartMarker[], kind: TaskKind): string {
  const figures = runCharts(kind).map(({ title, yLabel, nonNegative, upper, columns }) => {
    const series: ChartSeries[] = columns.map((column) => ({
      name: column,
      points: rows.map((row) => ({ x: row.generation, y: typeof row[column] === 'number' ? (row[column] as number) : null })),
    }));
    return chartFigure({ title, xLabel: 'generation', yLabel, nonNegative, upper, series, markers });
  }).filter((figure) => figure !== '');
  if (figures.length === 0) return section('Charts', '<p>No generation has a value to chart.</p>');
  return section('Charts', `<div class="charts">\n${figures.join('\n')}\n</div>`);
}

function ledgerSection(rows: LedgerRow[]): string {
  const columns = RUN_TABLE_COLUMNS.filter((c) => rows.some((row) => row[c] !== null && row[c] !== undefined));
  const withAlarm = rows.some((row) => row.extras?.hacking_alarm !== undefined);
  const header = [...columns, ...(withAlarm ? ['hacking_alarm'] : [])];
  const cells = rows.map((row) => [...columns.map((c) => formatCell(row[c])), ...(withAlarm ? [formatCell(row.extras?.hacking_alarm ?? null)] : [])]);
  return section('Ledger', `<div class="scroll">\n${htmlTable(header, cells)}\n</div>`);
}

/** The task's name in a saved config, or undefined when it cannot be read (the report still renders). */
function taskName(configYaml: string): string | undefined {
  try {
    const name = (parseYaml(configYaml) as { task?: { name?: unknown } } | null)?.task?.name;
    return typeof name === 'string' ? name : undefined;
  } catch {
    return undefined;
  }
}

/** meta.json, or null when it is missing or unreadable (the ledger alone still makes a report). */
function readMetaIfAny(dir: string): Meta | null {
  if (!existsSync(join(dir, 'meta.json'))) return null;
  try {
    return readMeta(dir);
  } catch {
    return null;
  }
}

/** The page for a run folder (config.yaml + ledger.jsonl, and meta.json when present). */
export function runReportHtml(dir: string): string {
  const { rows, torn, corrupt } = scanLedger(dir);
  const ledgerNote = corrupt
    ? `ledger.jsonl line ${corrupt.line} is damaged (${corrupt.reason}); only the rows before it are shown`
    : torn ? 'ledger.jsonl ends in a partial row; only the complete rows are shown' : null;
  const meta = readMetaIfAny(dir);
  const config = readFileSync(join(dir, 'config.yaml'), 'utf8');
  const kind = taskKind(taskName(config));
  const onsets = alarmOnsets(rows);
  const markers = onsets.map((onset) => ({ x: onset.generation, label: `alarm: ${featureText(onset.detector)}` }));
  const body = [
    metaSection(meta, rows, ledgerNote),
    onsets.length > 0 ? alarmNote(onsets) : '',
    chartsSection(rows, markers, kind),
    ledgerSection(rows),
    section('Config (config.yaml)', `<pre>${escapeHtml(config)}</pre>`),
  ].filter((part) => part !== '');
  const runId = meta?.run_id ?? rows[0]?.run_id ?? dir;
  return htmlPage(`infoloop run ${runId}`, body.join('\n'));
}
