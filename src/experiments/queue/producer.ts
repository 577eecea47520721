/**
 * The queue side of the job runner: enqueues every job not finished on disk (one BullMQ job per
 * experiment × variant × seed, its id a hash of the job, so enqueueing twice runs once), then
 * collects each result from Redis and writes the run folder here. Restarted with the same
 * command, it reuses finished folders and collects jobs that finished while it was away.
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Job, Queue } from 'bullmq';
import { InfoloopError } from '../../core/errors.js';
import { folderState, type RunJob } from '../harness/run-job.js';
import { readRecord, type JobEvent, type Runner } from '../harness/runner.js';
import type { RunRecord } from '../types.js';
import { giveUp, isAuthError, maskUrl, parseQueueUrl, reachQueue, redisOptions, refusedError, unreachableError, type QueueConnection } from './connection.js';
import { FinishedEvents, type FinishedNotice } from './finished-events.js';
import { decodeFailure, QUEUE_NAME, queuedJob, queueJobId, RUN_FILES, type QueuedJob, type QueuedResult } from './protocol.js';

export interface QueueRunnerOptions {
  /** `redis://host:port[/db]`; the password comes from REDIS_PASSWORD or the URL. */
  url: string;
  /** Tries per job for failures other than bad input (default 3). */
  attempts?: number;
  /** How often every outstanding job is checked besides Redis's completion events (default 2000 ms). */
  pollMs?: number;
  /** How long to wait for Redis at the start (default 10 s). */
  connectSeconds?: number;
  onNotice?: (message: string) => void;
  env?: NodeJS.ProcessEnv;
}

const WEEK_SECONDS = 7 * 24 * 3600;

/**
 * The finished folder's files, meta.json (status 'done') last: a producer stopped halfway leaves
 * a folder without meta.json, or with one cut short that does not parse, so it is not done and
 * is collected again. (Not renamed into place: nothing reads a folder while it is written.)
 */
function writeRunFolder(dir: string, result: QueuedResult): void {
  rmSync(dir, { recursive: true, force: true }); // an earlier, unfinished copy
  mkdirSync(dir, { recursive: true });
  for (const file of RUN_FILES) writeFileSync(join(dir, file), result.files[file]);
}

export class QueueRunner implements Runner {
  private constructor(
    private readonly queue: Queue<QueuedJob, QueuedResult>,
    private readonly events: FinishedEvents,
    private readonly connection: QueueConnection,
    private readonly options: QueueRunnerOptions,
  ) {}

  /** Connect to Redis, or fail with E_ENDPOINT after `connectSeconds` (at once when Redis refuses the password). */
  static async open(options: QueueRunnerOptions): Promise<QueueRunner> {
    const connection = parseQueueUrl(options.url, options.env);
    const seconds = options.connectSeconds ?? 10;
    await reachQueue(connection, { seconds });
    let givenUp = false;
    const queue = new Queue<QueuedJob, QueuedResult>(QUEUE_NAME, { connection: redisOptions(connection, () => givenUp) });
    let lastError = '';
    let refused: () => void = () => {};
    const refusal = new Promise<'refused'>((resolve) => (refused = () => resolve('refused')));
    const remember = (error: Error) => {
      lastError = maskUrl(error.message);
      if (isAuthError(error)) refused();
    };
    queue.on('error', remember);
    const events = FinishedEvents.connect(connection, queue.keys.events, () => givenUp, remember);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), seconds * 1000)));
    const ready = Promise.all([queue.waitUntilReady(), events.waitUntilReady()]).then(() => 'ready' as const);
    const outcome = await Promise.race([ready, timeout, refusal]).catch((error: Error) => (remember(error), 'timeout' as const));
    clearTimeout(timer);
    if (outcome === 'ready') {
      await events.start();
      return new QueueRunner(queue, events, connection, options);
    }
    await giveUp(() => (givenUp = true), [queue.waitUntilReady(), events.waitUntilReady()]);
    await Promise.allSettled([queue.close(), events.close()]);
    throw outcome === 'refused' ? refusedError(connection, lastError) : unreachableError(connection, seconds, lastError);
  }

  async run(jobs: RunJob[], onEvent?: (event: JobEvent) => void): Promise<RunRecord[]> {
    const total = jobs.length;
    let done = 0;
    let failed = 0;
    let firstFailure: InfoloopError | undefined;
    const byId = new Map<string, RunJob>();
    for (const job of jobs) {
      if (existsSync(job.dir) && folderState(job) === 'done') onEvent?.({ job, outcome: 'reused', done: ++done, total });
      else byId.set(queueJobId(queuedJob(job)), job);
    }
    const outstanding = new Set(byId.keys());
    const detail = () => `${done} done, ${failed} failed, ${outstanding.size} waiting on ${this.connection.display}`;
    const ready = new Set<string>();
    /** Results carried by completion events: written without asking Redis again. */
    const results = new Map<string, QueuedResult>();
    let wake: (() => void) | null = null;
    const onFinished = ({ jobId, returnvalue }: FinishedNotice) => {
      if (!outstanding.has(jobId)) return;
      const result = returnvalue === undefined ? undefined : (JSON.parse(returnvalue) as QueuedResult);
      if (result?.files) results.set(jobId, result);
      ready.add(jobId);
      wake?.();
    };
    this.events.listen(onFinished);
    try {
      await this.enqueue(byId);
      let checkAll = true; // the first pass collects jobs that finished before this producer started
      while (outstanding.size > 0) {
        const ids = checkAll ? [...outstanding] : [...ready];
        ready.clear();
        for (const id of ids) {
          const carried = results.get(id);
          results.delete(id);
          const result = carried ? this.write(byId.get(id)!, carried) : await this.collect(id, byId.get(id)!);
          if (result === 'pending') continue;
          outstanding.delete(id);
          if (result instanceof InfoloopError) {
            // Shown at once; the other jobs are still collected (their workers run them anyway).
            failed++;
            firstFailure ??= result;
            this.options.onNotice?.(`failed ${maskUrl(result.message)}`);
            continue;
          }
          onEvent?.({ job: byId.get(id)!, outcome: result, done: ++done, total, detail: detail() });
        }
        if (outstanding.size === 0 || ready.size > 0) {
          checkAll = false;
          continue;
        }
        checkAll = await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), this.options.pollMs ?? 2000);
          wake = () => (clearTimeout(timer), resolve(false));
        });
        wake = null;
      }
    } finally {
      this.events.listen(null);
    }
    if (firstFailure) {
      if (failed > 1) throw new InfoloopError(firstFailure.code, `${failed} jobs failed; the first: ${firstFailure.message}`, firstFailure.hint, firstFailure.exitCode);
      throw firstFailure;
    }
    return jobs.map(readRecord);
  }

  /** Add the jobs (existing ids are left as they are); jobs that failed in an earlier sweep are tried again. */
  private async enqueue(byId: Map<string, RunJob>): Promise<void> {
    const attempts = this.options.attempts ?? 3;
    await this.queue.addBulk(
      [...byId].map(([jobId, job]) => ({
        name: `${job.experiment}/${job.variant}/s${job.seed}`,
        data: queuedJob(job),
        opts: { jobId, attempts, backoff: { type: 'exponential', delay: 1000 }, removeOnComplete: { age: WEEK_SECONDS }, removeOnFail: { age: WEEK_SECONDS } },
      })),
    );
    // Most sweeps find no failed job at all: one question instead of one per job.
    if ((await this.queue.getFailedCount()) === 0) return;
    // Asked all at once (one round trip's wait, not one per job); only failed ones are fetched.
    const states = await Promise.all([...byId.keys()].map(async (jobId) => [jobId, await this.queue.getJobState(jobId)] as const));
    let retried = 0;
    for (const [jobId, state] of states) {
      if (state !== 'failed') continue;
      await (await Job.fromId<QueuedJob, QueuedResult>(this.queue, jobId))?.retry('failed');
      retried++;
    }
    if (retried > 0) this.options.onNotice?.(`${retried} job(s) that failed in an earlier sweep are tried again`);
  }

  /** A finished job's folder written here, its error, or 'pending'. */
  private async collect(jobId: string, job: RunJob): Promise<'ran' | 'resumed' | 'reused' | InfoloopError | 'pending'> {
    // The state first, then the job: read the other way round, a job finishing in between looks completed without its result.
    const state = await this.queue.getJobState(jobId);
    if (state === 'unknown') {
      // Removed from Redis (expired, or the database was flushed): enqueue it again.
      await this.enqueue(new Map([[jobId, job]]));
      return 'pending';
    }
    if (state !== 'completed' && state !== 'failed') return 'pending';
    const queued = await Job.fromId<QueuedJob, QueuedResult>(this.queue, jobId);
    if (!queued) return 'pending'; // removed meanwhile: the next check enqueues it again
    if (state === 'failed') return decodeFailure(queued.failedReason, `${job.experiment} / ${job.variant} / seed ${job.seed}`);
    return this.write(job, queued.returnvalue);
  }

  /** The run folder written from a finished job's result; its outcome as seen here. */
  private write(job: RunJob, result: QueuedResult): 'ran' | 'resumed' {
    writeRunFolder(job.dir, result);
    return result.outcome === 'reused' ? 'ran' : result.outcome;
  }

  async close(): Promise<void> {
    await Promise.allSettled([this.events.close(), this.queue.close()]);
  }
}
