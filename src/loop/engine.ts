/**
 * The loop engine: builds the parts named in a config from the registries, writes row 0 for the
 * initial model, then one ledger row and one checkpoint per generation. Open or closed is derived
 * from the signal's declared `reads`; the engine never looks at which concrete signal it runs.
 *
 * Per generation t, in this order (each step durable before the next): the kept set (accumulate),
 * checkpoint t, ledger row t, then (checkpoints: last) removal of checkpoint t−1, then meta.json.
 * A kill anywhere leaves the newest row with its checkpoint on disk, so resume always has a start.
 * A run nothing will resume (`resumable: false`) writes only its rows and meta.json at both ends.
 */
import { join } from 'node:path';
import { InfoloopError, isStop } from '../core/errors.js';
import { stringify } from '../core/json.js';
import { createRng, type Rng } from '../core/rng.js';
import type { Weighted } from '../core/types.js';
import { resolveConfig } from '../config/load.js';
import type { Config, ConfigInput } from '../config/schema.js';
import { addInjected } from '../ledger/accounting.js';
import { CLOSED_WARNING, hackingAlarmWarning, isClosed, selfAmplificationWarning, unmeasuredWarning } from '../ledger/monitor.js';
import type { LedgerRow } from '../ledger/schema.js';
import { learnerRegistry } from '../learners/registry.js';
import { selectorRegistry } from '../select/registry.js';
import { signalRegistry } from '../signals/registry.js';
import { taskRegistry } from '../tasks/registry.js';
import { appendHistory, removeCheckpointsBefore, writeCheckpoint } from './checkpoint-store.js';
import { crashAt } from './crash-points.js';
import { runGeneration, type LoopParts } from './generation.js';
import { firstRow, generationRng, nextRow } from './row.js';
import { policyRegistry } from '../policy/registry.js';
import { loadResumePoint } from './resume-point.js';
import { acquireRunLock, type RunLock } from './run-lock.js';
import { checkRunId } from './run-paths.js';
import { appendRow, createRunFolder, initRunDir, readMeta, readRunConfig, readVerifiedConfig, RESUME_SETTABLE, rewriteRunConfig, setDurableWrites, writeMeta, type Meta } from './run-store.js';
import { PACKAGE_VERSION } from './version.js';

export interface RunOptions {
  /** Parent folder of run folders (default `runs`). */
  out?: string;
  /** Called after each row is on disk (progress bars, monitors). */
  onRow?: (row: LedgerRow) => void;
  /** Warnings (closure monitor, hacking alarm, repairs, lock take-overs) go here; default stderr unless quiet. */
  onWarning?: (message: string) => void;
  quiet?: boolean;
  /** fsync every row and checkpoint (default true); experiments turn it off for speed. */
  durable?: boolean;
  /** resumeRun: `key=value` overrides of RESUME_SETTABLE keys (a raised budget), saved into config.yaml. */
  sets?: string[];
  /** resumeRun: cut a damaged ledger or fall back to an intact checkpoint, backing the ledger up first. */
  repair?: boolean;
  /**
   * runLoop: false for a folder nothing will resume or share (a queue worker's scratch folder, whose
   * job reruns from the start elsewhere if it dies): no lock, no checkpoints or history files, and
   * meta.json written at the start and the end only. The ledger is the same (default true).
   */
  resumable?: boolean;
}

export interface RunResult {
  dir: string;
  rows: LedgerRow[];
  closed: boolean;
  /** `stopped` when a hard budget ended the run: every finished row is kept, `stop_reason` says which. */
  status: 'done' | 'stopped';
  stop_reason?: string;
}

/** Warnings go to the caller's handler, else to stderr unless quiet. */
export function warn(options: RunOptions, message: string): void {
  if (options.onWarning) options.onWarning(message);
  else if (!options.quiet) process.stderr.write(`warning: ${message}\n`);
}

/** The parts a config names; accepts the plain object a user writes (defaults filled, validated). */
export function buildParts(input: Config | ConfigInput, runDir?: string): LoopParts {
  const config = resolveConfig(input);
  const context = { seed: config.seed, ...(runDir !== undefined ? { runDir } : {}) };
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
export function defaultRunId(input: Config | ConfigInput): string {
  const config = resolveConfig(input);
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

interface Run {
  dir: string;
  runId: string;
  config: Config;
  parts: LoopParts;
  meta: Meta;
  lock: Pick<RunLock, 'verify' | 'release'>;
  options: RunOptions;
}

/** What a folder nobody resumes or shares holds instead of a lock. */
const NO_LOCK = { verify() {}, release() {} };

const resumable = (options: RunOptions): boolean => options.resumable ?? true;

function save(run: Run, state: LoopState, rng: Rng): void {
  if (!resumable(run.options)) return;
  const snapshot = run.parts.learner.snapshot();
  const checkpoint = { generation: state.generation, learner: snapshot.learner, snapshot: snapshot.json, rng: rng.state(), injected_bits_cum: state.injectedCum, history_generations: state.history.length };
  writeCheckpoint(run.dir, checkpoint, snapshot);
  crashAt('after-checkpoint', state.generation);
}

/** Row 0: the initial model (fit on the task's real training data when it has any). */
function initialGeneration(run: Run): LedgerRow {
  const started = performance.now();
  const rng = generationRng(run.config.seed, 0);
  const row = firstRow(run.config, run.parts, run.runId, rng);
  save(run, { generation: 0, injectedCum: 0, history: [] }, rng);
  row.wall_ms = Math.round(performance.now() - started);
  appendRow(run.dir, row);
  run.options.onRow?.(row);
  return row;
}

async function continueRun(run: Run, state: LoopState, rows: LedgerRow[]): Promise<RunResult> {
  const { dir, config, parts, meta } = run;
  // the self-amplification warning looks at the signal alone: real data mixed in does not stop the selection amplifying the model's bias
  const signalClosed = isClosed(parts.signal.reads);
  try {
    if (rows.length === 0) rows.push(initialGeneration(run));
    while (state.generation < config.generations) {
      run.lock.verify();
      const t = state.generation + 1;
      const started = performance.now();
      const rng = generationRng(config.seed, t);
      const outcome = runGeneration(parts, state.history, config.n, config.samples_per_prompt, rng, t);
      if (parts.policy.keepsHistory) {
        if (resumable(run.options)) appendHistory(dir, t, outcome.kept);
        state.history.push(outcome.kept);
      }
      state.generation = t;
      state.injectedCum = addInjected(state.injectedCum, outcome.bits.injected_bits);
      save(run, state, rng);
      const row = nextRow(config, parts, run.runId, t, outcome, state.injectedCum, rows);
      row.wall_ms = Math.round(performance.now() - started);
      appendRow(dir, row);
      const alarm = hackingAlarmWarning(rows[rows.length - 1], row);
      rows.push(row);
      if (config.checkpoints === 'last' && resumable(run.options)) removeCheckpointsBefore(dir, t);
      const unmeasured = outcome.bits.task_information.source === 'unmeasured' ? unmeasuredWarning(parts.signal.name, parts.task.name, parts.signal.audit !== undefined) : null;
      if (unmeasured && !meta.warnings.includes(unmeasured)) {
        meta.warnings.push(unmeasured);
        warn(run.options, unmeasured);
      }
      const amplification = selfAmplificationWarning(signalClosed, outcome.bits.shift_bits, t);
      if (amplification && meta.warnings.length < 20) meta.warnings.push(amplification);
      // The alarm is always recorded (it turns on at most a few times), then said where people look.
      if (alarm) {
        meta.warnings.push(alarm);
        warn(run.options, alarm);
      }
      meta.generations_done = t;
      meta.updated_at = new Date().toISOString();
      if (resumable(run.options)) writeMeta(dir, meta, t);
      run.options.onRow?.(row);
      await new Promise((resolve) => setImmediate(resolve)); // let progress output and signals through
    }
  } catch (error) {
    const closed = isClosed(parts.signal.reads, parts.policy.reads);
    if (isStop(error)) {
      meta.status = 'stopped';
      meta.stop_reason = `${error.message}; ${error.hint}`;
      writeMeta(dir, meta);
      return { dir, rows, closed, status: 'stopped', stop_reason: meta.stop_reason };
    }
    meta.status = 'failed';
    meta.error = (error as Error).message;
    if ((error as { code?: string }).code !== 'E_LOCKED') writeMeta(dir, meta);
    throw error;
  }
  meta.status = 'done';
  writeMeta(dir, meta);
  return { dir, rows, closed: isClosed(parts.signal.reads, parts.policy.reads), status: 'done' };
}

/** Run a config from generation 0 into `<out>/<run_id>`; accepts the plain object a user writes. */
export async function runLoop(input: Config | ConfigInput, options: RunOptions = {}): Promise<RunResult> {
  const config = resolveConfig(input);
  setDurableWrites(options.durable ?? true);
  const runId = checkRunId(config.run_id ?? defaultRunId(config));
  createRng(config.seed); // a bad seed is reported before any folder exists
  const dir = join(options.out ?? 'runs', runId);
  const parts = buildParts(config, dir);
  await parts.learner.ready?.();
  const closed = isClosed(parts.signal.reads, parts.policy.reads);
  createRunFolder(dir);
  const lock = resumable(options) ? acquireRunLock(dir, (message) => warn(options, message)) : NO_LOCK;
  try {
    const now = new Date().toISOString();
    const meta = initRunDir(dir, config, { package_version: PACKAGE_VERSION, run_id: runId, status: 'running', started_at: now, updated_at: now, closed, generations_done: 0, warnings: [...(closed ? [CLOSED_WARNING] : []), ...(parts.learner.notes ?? [])] });
    // said before any compute is spent, so a user can stop a loop that cannot improve
    if (closed) warn(options, CLOSED_WARNING);
    return await continueRun({ dir, runId, config, parts, meta, lock, options }, { generation: 0, injectedCum: 0, history: [] }, []);
  } finally {
    lock.release();
  }
}

/** The saved config (checked against its hash) with the allowed overrides applied and saved. */
function resumeConfig(dir: string, meta: Meta, sets: string[]): unknown {
  const saved = readVerifiedConfig(dir, meta);
  if (sets.length === 0) return saved;
  for (const assignment of sets) {
    const key = assignment.slice(0, Math.max(0, assignment.indexOf('=')));
    if (!(RESUME_SETTABLE as readonly string[]).includes(key)) {
      throw new InfoloopError('E_INPUT', `--set ${assignment}: a resumed run keeps its config`, `only ${RESUME_SETTABLE.join(', ')} may change on --resume; start a new run for anything else`);
    }
  }
  const raised = resolveConfig(saved, sets);
  rewriteRunConfig(dir, raised, meta);
  return raised;
}

/** Continue a run folder after its last complete generation; a torn last row is re-run. */
export async function resumeRun(dir: string, options: RunOptions = {}): Promise<RunResult> {
  setDurableWrites(options.durable ?? true);
  readRunConfig(dir); // "not a run folder" before any lock is taken
  const lock = acquireRunLock(dir, (message) => warn(options, message));
  try {
    const meta = readMeta(dir);
    const config = resolveConfig(resumeConfig(dir, meta, options.sets ?? []));
    if (meta.status === 'stopped') warn(options, `this run stopped after generation ${meta.generations_done}: ${meta.stop_reason ?? 'its budget was spent'}`);
    const parts = buildParts(config, dir);
    await parts.learner.ready?.();
    if (isClosed(parts.signal.reads, parts.policy.reads)) warn(options, CLOSED_WARNING);
    const start = loadResumePoint(dir, config, (message) => warn(options, message), options.repair ?? false);
    const run: Run = { dir, runId: meta.run_id, config, parts, meta, lock, options };
    meta.status = 'running';
    delete meta.error;
    delete meta.stop_reason;
    meta.generations_done = Math.max(0, start.rows.length - 1);
    for (const row of start.rows) options.onRow?.(row);
    if (!start.checkpoint) return await continueRun(run, { generation: 0, injectedCum: 0, history: [] }, []);
    parts.learner.restore(start.checkpoint.snapshot);
    const state = { generation: start.checkpoint.generation, injectedCum: start.checkpoint.injectedCum, history: start.checkpoint.history };
    return await continueRun(run, state, start.rows);
  } finally {
    lock.release();
  }
}
