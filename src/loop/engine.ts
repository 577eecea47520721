/**
 * The loop engine: builds the parts named in a config from the registries, writes row 0 for the
 * initial model, then one ledger row and one checkpoint per generation. Open or closed is derived
 * from the signal's declared `reads`; the engine never looks at which concrete signal it runs.
 */
import { join } from 'node:path';
import { InfoloopError } from '../core/errors.js';
import { stringify } from '../core/json.js';
import type { Rng } from '../core/rng.js';
import type { Weighted } from '../core/types.js';
import type { Config } from '../config/schema.js';
import { addInjected } from '../ledger/accounting.js';
import { CLOSED_WARNING, isClosed, selfAmplificationWarning } from '../ledger/monitor.js';
import type { LedgerRow } from '../ledger/schema.js';
import { learnerRegistry } from '../learners/registry.js';
import { selectorRegistry } from '../select/registry.js';
import { signalRegistry } from '../signals/registry.js';
import { taskRegistry } from '../tasks/registry.js';
import { runGeneration, type LoopParts } from './generation.js';
import { firstRow, generationRng, nextRow } from './row.js';
import { policyRegistry } from '../policy/registry.js';
import {
  appendRow, initRunDir, readCheckpoint, readMeta, scanLedger, truncateLedger,
  setDurableWrites, writeCheckpoint, writeMeta, type Meta,
} from './run-store.js';
import { PACKAGE_VERSION } from './version.js';

export interface RunOptions {
  /** Parent folder of run folders (default `runs`). */
  out?: string;
  /** Called after each row is on disk (progress bars, monitors). */
  onRow?: (row: LedgerRow) => void;
  /** Warnings (closure monitor) go here; default stderr unless quiet. */
  onWarning?: (message: string) => void;
  quiet?: boolean;
  /** fsync every row and checkpoint (default true); experiments turn it off for speed. */
  durable?: boolean;
}

export interface RunResult {
  dir: string;
  rows: LedgerRow[];
  closed: boolean;
}

/** Warnings go to the caller's handler, else to stderr unless quiet. */
function warn(options: RunOptions, message: string): void {
  if (options.onWarning) options.onWarning(message);
  else if (!options.quiet) process.stderr.write(`warning: ${message}\n`);
}

export function buildParts(config: Config): LoopParts {
  const context = { seed: config.seed };
  const task = taskRegistry.create(config.task, context, 'task');
  const withTask = { ...context, task };
  return {
    task,
    learner: learnerRegistry.create(config.learner, withTask, 'learner'),
    signal: signalRegistry.create(config.signal, withTask, 'signal'),
    selector: selectorRegistry.create(config.select, withTask, 'select'),
    policy: policyRegistry.create(config.policy, withTask, 'policy'),
  };
}

/** A stable id from the config: the same config always lands in the same folder. */
export function defaultRunId(config: Config): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of stringify(config)) {
    h1 = Math.imul(h1 ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ ch.charCodeAt(0), 0x5bd1e995) >>> 0;
  }
  const hash = (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0')).slice(0, 10);
  return `${config.task.name}-${config.signal.name}-${config.policy.name}-seed${config.seed}-${hash}`;
}

interface LoopState {
  generation: number;
  injectedCum: number | null;
  history: Weighted<unknown>[][];
}

function save(dir: string, config: Config, parts: LoopParts, state: LoopState, rng: Rng): void {
  const snapshot = parts.learner.snapshot();
  writeCheckpoint(
    dir,
    { generation: state.generation, learner: snapshot.learner, snapshot: snapshot.json, rng: rng.state(), injected_bits_cum: state.injectedCum, history: parts.policy.keepsHistory ? state.history : [] },
    snapshot,
    config.checkpoints,
  );
}

/** Row 0: the initial model (fit on the task's real training data when it has any). */
function initialGeneration(dir: string, runId: string, config: Config, parts: LoopParts): LedgerRow {
  const started = performance.now();
  const rng = generationRng(config.seed, 0);
  const row = firstRow(config, parts, runId, rng);
  save(dir, config, parts, { generation: 0, injectedCum: 0, history: [] }, rng);
  row.wall_ms = Math.round(performance.now() - started);
  appendRow(dir, row);
  return row;
}

async function continueRun(dir: string, runId: string, config: Config, parts: LoopParts, state: LoopState, rows: LedgerRow[], meta: Meta, options: RunOptions): Promise<RunResult> {
  // the self-amplification warning looks at the signal alone: real data mixed in does not stop the selection amplifying the model's bias
  const signalClosed = isClosed(parts.signal.reads);
  const perPrompt = config.samples_per_prompt;
  try {
    while (state.generation < config.generations) {
      const t = state.generation + 1;
      const started = performance.now();
      const rng = generationRng(config.seed, t);
      const outcome = runGeneration(parts, state.history, config.n, perPrompt, rng);
      if (parts.policy.keepsHistory) state.history.push(outcome.kept);
      state.generation = t;
      state.injectedCum = addInjected(state.injectedCum, outcome.bits.injected_bits);
      save(dir, config, parts, state, rng);
      const row = nextRow(config, parts, runId, t, outcome, state.injectedCum, rows);
      row.wall_ms = Math.round(performance.now() - started);
      appendRow(dir, row);
      rows.push(row);
      const amplification = selfAmplificationWarning(signalClosed, outcome.bits.shift_bits, t);
      if (amplification && meta.warnings.length < 20) meta.warnings.push(amplification);
      meta.generations_done = t;
      meta.updated_at = new Date().toISOString();
      writeMeta(dir, meta);
      options.onRow?.(row);
      await new Promise((resolve) => setImmediate(resolve)); // let progress output and signals through
    }
  } catch (error) {
    meta.status = 'failed';
    meta.error = (error as Error).message;
    writeMeta(dir, meta);
    throw error;
  }
  meta.status = 'done';
  writeMeta(dir, meta);
  return { dir, rows, closed: isClosed(parts.signal.reads, parts.policy.reads) };
}

export async function runLoop(config: Config, options: RunOptions = {}): Promise<RunResult> {
  setDurableWrites(options.durable ?? true);
  const parts = buildParts(config);
  await parts.learner.ready?.();
  const runId = config.run_id ?? defaultRunId(config);
  const dir = join(options.out ?? 'runs', runId);
  const closed = isClosed(parts.signal.reads, parts.policy.reads);
  const now = new Date().toISOString();
  const meta: Meta = { package_version: PACKAGE_VERSION, run_id: runId, status: 'running', started_at: now, updated_at: now, closed, generations_done: 0, warnings: closed ? [CLOSED_WARNING] : [] };
  initRunDir(dir, config, meta);
  // said before any compute is spent, so a user can stop a loop that cannot improve
  if (closed) warn(options, CLOSED_WARNING);
  const row0 = initialGeneration(dir, runId, config, parts);
  options.onRow?.(row0);
  return continueRun(dir, runId, config, parts, { generation: 0, injectedCum: 0, history: [] }, [row0], meta, options);
}

/** Continue a run folder after its last complete generation; a torn last row is re-run. */
export async function resumeRun(dir: string, config: Config, options: RunOptions = {}): Promise<RunResult> {
  setDurableWrites(options.durable ?? true);
  const meta = readMeta(dir);
  const scan = scanLedger(dir);
  if (scan.truncated) {
    truncateLedger(dir, scan.validBytes);
    warn(options, `ledger.jsonl ended in a partial row; generation ${scan.rows.length} is run again`);
  }
  const parts = buildParts(config);
  await parts.learner.ready?.();
  if (isClosed(parts.signal.reads, parts.policy.reads)) warn(options, CLOSED_WARNING);
  const runId = meta.run_id;
  meta.status = 'running';
  if (scan.rows.length === 0) {
    const row0 = initialGeneration(dir, runId, config, parts);
    options.onRow?.(row0);
    return continueRun(dir, runId, config, parts, { generation: 0, injectedCum: 0, history: [] }, [row0], meta, options);
  }
  const last = scan.rows.length - 1;
  const { checkpoint, snapshot } = readCheckpoint(dir, last);
  if (checkpoint.generation !== last) throw new InfoloopError('E_RESUME', `checkpoint ${last} is for generation ${checkpoint.generation}`, 'the run folder is inconsistent; start the run again');
  parts.learner.restore(snapshot);
  for (const row of scan.rows) options.onRow?.(row);
  return continueRun(dir, runId, config, parts, { generation: last, injectedCum: checkpoint.injected_bits_cum, history: checkpoint.history }, [...scan.rows], meta, options);
}
