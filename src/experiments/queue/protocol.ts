/**
 * What travels through the queue: a job's data (the run's config, no paths), its result (the
 * finished run folder's text files) and a failure's error, plus the job id that makes enqueueing
 * idempotent (a hash of the canonical job, so the same job enqueued twice is one job).
 */
import { createHash } from 'node:crypto';
import { InfoloopError } from '../../core/errors.js';
import type { ConfigInput } from '../../config/schema.js';
import { PACKAGE_VERSION } from '../../loop/version.js';
import { canonical, type JobOutcome, type RunJob } from '../harness/run-job.js';
import { basename } from 'node:path';

/** The BullMQ queue every producer and worker of one Redis database shares. */
export const QUEUE_NAME = 'infoloop-runs';

export interface QueuedJob {
  /** The producer's infoloop version; a worker on another version refuses the job. */
  version: string;
  experiment: string;
  variant: string;
  seed: number;
  /** The run folder's name (its run id). */
  runId: string;
  config: ConfigInput;
}

/** The files a finished run folder needs (a queued run keeps no checkpoints: nothing resumes it). */
export const RUN_FILES = ['config.yaml', 'ledger.jsonl', 'meta.json'] as const;

export interface QueuedResult {
  outcome: JobOutcome;
  files: Record<(typeof RUN_FILES)[number], string>;
}

export function queuedJob(job: RunJob): QueuedJob {
  return { version: PACKAGE_VERSION, experiment: job.experiment, variant: job.variant, seed: job.seed, runId: basename(job.dir), config: job.config };
}

/** `run-` and 32 hex digits of the sha256 of the canonical job (BullMQ ids must not look like numbers). */
export function queueJobId(job: QueuedJob): string {
  return 'run-' + createHash('sha256').update(canonical(job)).digest('hex').slice(0, 32);
}

/** A failure as BullMQ's failedReason: the error's code, message and hint as JSON. */
export function encodeFailure(error: unknown): string {
  const known = error instanceof InfoloopError;
  return JSON.stringify({
    code: known ? error.code : 'E_RUN',
    message: (error as Error)?.message ?? String(error),
    hint: known ? error.hint : 'the job is retried; rerun the same command to collect what finished',
    exitCode: known ? error.exitCode : 1,
  });
}

export function decodeFailure(reason: string | undefined, where: string): InfoloopError {
  try {
    const { code, message, hint, exitCode } = JSON.parse(reason ?? '') as { code: string; message: string; hint: string; exitCode: number };
    return new InfoloopError(code, `${where}: ${message}`, hint, exitCode);
  } catch {
    // BullMQ's own reasons (e.g. "job stalled more than allowable limit") are plain text.
    return new InfoloopError('E_RUN', `${where}: ${reason ?? 'failed without a reason'}`, 'rerun the same command: finished jobs are collected, failed ones tried again', 1);
  }
}
