/**
 * A queue worker: takes jobs from Redis, runs each with the job runner (in a job process, so the
 * worker keeps renewing its lock while the run computes) in a folder of its scratch folder, and
 * returns the finished folder's files as the job's result. It needs no shared disk and binds no port.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { UnrecoverableError, Worker, type Job } from 'bullmq';
import { InfoloopError } from '../../core/errors.js';
import { PACKAGE_VERSION } from '../../loop/version.js';
import { JobRunner, type JobProcessCommand } from '../harness/runner.js';
import { giveUp, isAuthError, maskUrl, parseQueueUrl, reachQueue, redisOptions, refusedError } from './connection.js';
import { decodeFailure, encodeFailure, QUEUE_NAME, RUN_FILES, type QueuedJob, type QueuedResult } from './protocol.js';
import { defaultScratch, openScratch, scratchFullHint, type Scratch } from './scratch.js';

export interface WorkerOptions {
  /** `redis://host:port[/db]`; the password comes from REDIS_PASSWORD or the URL. */
  url: string;
  /** Jobs run at once, each in its own job process (default 1). */
  concurrency?: number;
  /** How long a job's lock lasts without renewal: a dead worker's job is retried after about this long (default 30). */
  stallSeconds?: number;
  /** Where jobs' run folders live while they run (default: /dev/shm with 1 GiB free, else the temporary folder). */
  scratch?: string;
  /** The job process to fork (default: the built one). */
  jobProcess?: JobProcessCommand;
  log?: (line: string) => void;
  env?: NodeJS.ProcessEnv;
}

export interface QueueWorker {
  /** Finish the running jobs, then stop. */
  close(): Promise<void>;
}

/** A test hook: wait this long before each job, so a test can kill a worker mid-job. */
const DELAY_ENV = 'INFOLOOP_TEST_JOB_DELAY_MS';

async function runQueuedJob(runner: JobRunner, scratch: Scratch, job: Job<QueuedJob>, delayMs: number): Promise<QueuedResult> {
  const data = job.data;
  if (data.version !== PACKAGE_VERSION) {
    throw new UnrecoverableError(encodeFailure(new InfoloopError('E_VERSION', `the job comes from infoloop ${data.version} but this worker runs ${PACKAGE_VERSION}`, 'install the same package version on the machine that enqueues and on every worker')));
  }
  if (delayMs > 0) await sleep(delayMs);
  const folder = scratch.take(job.id ?? data.runId);
  const dir = join(folder, data.runId);
  try {
    // Nothing resumes a scratch folder (a job that dies reruns from the start), so it keeps no lock or checkpoints.
    const outcome = await runner.execute({ experiment: data.experiment, variant: data.variant, seed: data.seed, dir, config: data.config }, { resumable: false });
    const files = Object.fromEntries(RUN_FILES.map((file) => [file, readFileSync(join(dir, file), 'utf8')])) as QueuedResult['files'];
    return { outcome, files };
  } catch (error) {
    // Bad input (exit code 2) fails the same way on every attempt: fail once, not `attempts` times.
    if (error instanceof InfoloopError && error.exitCode === 2) throw new UnrecoverableError(encodeFailure(error));
    const full = scratchFullHint((error as Error)?.message ?? '', scratch.root);
    throw new Error(encodeFailure(full ? new InfoloopError('E_RUN', (error as Error).message, full, 1) : error));
  } finally {
    scratch.release(folder);
  }
}

export async function startWorker(options: WorkerOptions): Promise<QueueWorker> {
  const env = options.env ?? process.env;
  const connection = parseQueueUrl(options.url, env);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const concurrency = options.concurrency ?? 1;
  const stallMs = Math.round((options.stallSeconds ?? 30) * 1000);
  const delayMs = Number(env[DELAY_ENV] ?? 0);
  const scratch = openScratch(options.scratch ?? defaultScratch()); // a bad folder is said before waiting for Redis
  // A worker started before Redis waits for it; a refused password will not get better.
  await reachQueue(connection, { onError: (message) => log(`queue ${connection.display}: ${message}`) }).catch((error: unknown) => {
    scratch.close();
    throw error;
  });
  const runner = new JobRunner({ jobs: concurrency, jobProcess: options.jobProcess });
  let givenUp = false;
  let refused: (error: Error) => void = () => {};
  const refusal = new Promise<never>((_, reject) => (refused = reject));
  const worker = new Worker<QueuedJob, QueuedResult>(QUEUE_NAME, (job) => runQueuedJob(runner, scratch, job, delayMs), {
    connection: redisOptions(connection, () => givenUp),
    concurrency,
    lockDuration: stallMs,
    stalledInterval: stallMs,
    maxStalledCount: 3,
    autorun: false, // started once connected: a refused start leaves no timers behind
  });
  let lastError = '';
  worker.on('error', (error) => {
    const line = `queue ${connection.display}: ${maskUrl(error.message)}`;
    if (line !== lastError) log(line); // a dead Redis repeats the same error on every reconnect
    lastError = line;
    if (isAuthError(error)) refused(refusedError(connection, maskUrl(error.message)));
  });
  worker.on('completed', (job) => log(`done   ${job.data.experiment} / ${job.data.variant} / seed ${job.data.seed}`));
  worker.on('failed', (job, error) => {
    if (job) log(`failed (attempt ${job.attemptsMade}) ${maskUrl(decodeFailure(error.message, `${job.data.experiment} / ${job.data.variant} / seed ${job.data.seed}`).message)}`);
  });
  // Redis answered a moment ago; should it refuse now after all, stop the same way.
  try {
    await Promise.race([worker.waitUntilReady(), refusal]);
  } catch (error) {
    await giveUp(() => (givenUp = true), [worker.waitUntilReady()]);
    await Promise.allSettled([worker.close(true)]);
    runner.close();
    scratch.close();
    throw error;
  }
  worker.run().catch((error: Error) => log(`queue ${connection.display}: ${maskUrl(error.message)}`));
  log(`worker on ${connection.display}, queue ${QUEUE_NAME}, ${concurrency} at a time, scratch ${scratch.root}`);
  return {
    async close() {
      await worker.close();
      runner.close();
      scratch.close();
    },
  };
}
