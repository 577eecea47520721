/**
 * A user's own sweep: the cross product of `--grid key=v1,v2,…` over a config, each point run
 * with several seeds (local job processes, or queue workers), summarized as one table with a row
 * per grid point: the mean and 95% t-interval over seeds of every numeric column of the last ledger row.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { InfoloopError } from '../core/errors.js';
import { stringify } from '../core/json.js';
import { loadConfig } from '../config/load.js';
import type { LedgerRow } from '../ledger/schema.js';
import { createProgress } from '../core/progress.js';
import { openRunner } from './harness/harness.js';
import type { RunJob } from './harness/run-job.js';
import type { RunnerOptions } from './harness/runner.js';
import { tInterval, type Interval } from '../stats/t-interval.js';
import { fmtInterval } from './summary/rows.js';

export interface SweepOptions extends RunnerOptions {
  /** `key=v1,v2,…` per swept key (dotted paths, as in --set). */
  grid: string[];
  /** Fixed overrides applied before the grid (`--set`). */
  sets?: string[];
  /** Seeds per grid point: the config's seed and the ones after it (default 3). */
  seeds?: number;
  /** Folder for the run folders and the table (default runs/sweep-<config name>). */
  out?: string;
  queue?: string;
  progress?: boolean;
}

export interface SweepAxis {
  key: string;
  values: string[];
}

export interface SweepPoint {
  /** The point's `key=value` overrides, one per axis. */
  assignments: string[];
  /** Mean and interval over seeds of each numeric last-row column. */
  metrics: Record<string, Interval>;
}

export interface SweepResult {
  dir: string;
  points: SweepPoint[];
  /** The markdown table's path (sweep.md, every column); sweep.json holds the same numbers. */
  table: string;
  /** The table with the main columns only, for a terminal. */
  brief: string;
}

/** Last-row columns that are not measurements. */
const NOT_MEASURED = new Set(['seed', 'generation', 'wall_ms']);

export function parseGrid(entries: string[]): SweepAxis[] {
  if (entries.length === 0) throw new InfoloopError('E_INPUT', 'sweep needs at least one --grid key=v1,v2', 'e.g. --grid n=50,100,200 --grid signal.name=none,verifier');
  const axes = entries.map((entry) => {
    const eq = entry.indexOf('=');
    const values = entry.slice(eq + 1).split(',').map((value) => value.trim());
    if (eq <= 0 || values.some((value) => value === '')) throw new InfoloopError('E_INPUT', `--grid "${entry}" is not key=v1,v2,…`, 'e.g. --grid learner.alpha=0.1,0.5,1');
    return { key: entry.slice(0, eq).trim(), values };
  });
  const keys = axes.map((axis) => axis.key);
  const repeated = keys.find((key, i) => keys.indexOf(key) !== i);
  if (repeated) throw new InfoloopError('E_INPUT', `--grid names "${repeated}" twice`, `give all its values in one --grid ${repeated}=a,b,c`);
  return axes;
}

/** Every combination, the first axis varying slowest. */
export function gridPoints(axes: SweepAxis[]): string[][] {
  return axes.reduce<string[][]>((points, axis) => points.flatMap((point) => axis.values.map((value) => [...point, `${axis.key}=${value}`])), [[]]);
}

/** One job per grid point × seed; each config is validated here, before anything runs. */
export function planSweep(configPath: string, options: SweepOptions): { dir: string; points: string[][]; jobs: RunJob[][] } {
  const base = loadConfig(configPath, options.sets ?? []);
  const seeds = options.seeds ?? 3;
  if (!Number.isInteger(seeds) || seeds < 1) throw new InfoloopError('E_INPUT', `--seeds must be a positive integer, got ${seeds}`, 'e.g. --seeds 5');
  const dir = options.out ?? join('runs', `sweep-${basename(configPath, extname(configPath))}`);
  const points = gridPoints(parseGrid(options.grid));
  const jobs = points.map((assignments, i) =>
    Array.from({ length: seeds }, (_, s) => {
      const seed = base.seed + s;
      // From the file each time: a swept spec name must not inherit the other spec's parameters.
      const { run_id: _runId, ...config } = loadConfig(configPath, [...(options.sets ?? []), ...assignments, `seed=${seed}`]);
      return { experiment: 'sweep', variant: assignments.join(' '), seed, dir: join(dir, `point-${i + 1}-s${seed}`), config };
    }),
  );
  return { dir, points, jobs };
}

function summarize(assignments: string[], rows: LedgerRow[]): SweepPoint {
  const metrics: Record<string, Interval> = {};
  for (const key of Object.keys(rows[0])) {
    const values = rows.map((row) => (row as unknown as Record<string, unknown>)[key]);
    if (NOT_MEASURED.has(key) || !values.every((value) => typeof value === 'number')) continue;
    metrics[key] = tInterval(values as number[]);
  }
  return { assignments, metrics };
}

/** The columns shown on the terminal (sweep.md has all of them). */
export const SWEEP_BRIEF_COLUMNS = ['n_kept', 'injected_bits_cum', 'gap_bits', 'accuracy', 'heldout_accuracy'];

export function sweepTable(points: SweepPoint[], seeds: number, columns?: string[]): string {
  const keys = points[0].assignments.map((a) => a.slice(0, a.indexOf('=')));
  const measured = [...new Set(points.flatMap((point) => Object.keys(point.metrics)))];
  const metrics = columns ? columns.filter((column) => measured.includes(column)) : measured;
  const header = [...keys, ...metrics];
  const cells = points.map((point) => [
    ...point.assignments.map((a) => a.slice(a.indexOf('=') + 1)),
    ...metrics.map((metric) => {
      const interval = point.metrics[metric];
      return interval ? fmtInterval({ mean: interval.mean, ci_low: interval.low, ci_high: interval.high }) : '-';
    }),
  ]);
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [`Last generation, mean [95% t-interval] over ${seeds} seed(s) per point.`, '', line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n') + '\n';
}

/** `infoloop sweep`: run (or reuse) every point × seed, then write sweep.md and sweep.json. */
export async function runSweep(configPath: string, options: SweepOptions): Promise<SweepResult> {
  const { dir, points, jobs } = planSweep(configPath, options);
  const all = jobs.flat();
  const log = options.onNotice ?? ((line: string) => process.stderr.write(line + '\n'));
  const runner = await openRunner({ ...options, onNotice: log });
  const progress = options.progress === false ? null : createProgress({ label: 'sweep', total: all.length, unit: 'runs', throttleMs: 3000 });
  let records;
  try {
    records = await runner.run(all, (e) => progress?.update(e.done, e.detail ?? `${e.job.variant} seed ${e.job.seed}${e.outcome === 'reused' ? ' (reused)' : ''}`, e.outcome !== 'reused'));
  } finally {
    progress?.stop();
    await runner.close();
  }
  const seeds = jobs[0].length;
  const summary = points.map((assignments, i) => summarize(assignments, records.slice(i * seeds, (i + 1) * seeds).map((record) => record.rows[record.rows.length - 1])));
  mkdirSync(dir, { recursive: true });
  const table = join(dir, 'sweep.md');
  writeFileSync(table, `# Sweep of ${basename(configPath)}\n\n${sweepTable(summary, seeds)}`);
  writeFileSync(join(dir, 'sweep.json'), stringify({ config: basename(configPath), grid: options.grid, sets: options.sets ?? [], seeds, points: summary }, 2) + '\n');
  return { dir, points: summary, table, brief: sweepTable(summary, seeds, SWEEP_BRIEF_COLUMNS) };
}
