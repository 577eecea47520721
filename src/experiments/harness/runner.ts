/**
 * Runs many jobs (variant × seed run folders) over a pool of child processes, or one after the
 * other in this process. Finished folders are reused without starting anything, so an interrupted
 * experiment continues where it stopped. Every result is read back from its run folder on disk.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InfoloopError } from '../../core/errors.js';
import { readLedger } from '../../loop/run-store.js';
import { executeJob, folderState, jobConfig, type ExecuteOptions, type JobOutcome, type RunJob } from './run-job.js';
import type { RunRecord } from '../types.js';
import type { JobMessage, JobReply } from './job-process.js';

/** A Node module to fork as a job process, with its arguments. */
export interface JobProcessCommand {
  module: string;
  args?: string[];
}

export interface RunnerOptions {
  /** Parallel jobs (default: the number of cores); 1 runs in this process. */
  jobs?: number;
  /** Run in this process even when jobs > 1. */
  inProcess?: boolean;
  /** The job process to fork (default: the built job-process.js beside this module). */
  jobProcess?: JobProcessCommand;
  /** Told when the runner falls back to running in this process. */
  onNotice?: (message: string) => void;
}

export interface JobEvent {
  job: RunJob;
  outcome: JobOutcome;
  /** Jobs finished so far (including reused ones) and in total. */
  done: number;
  total: number;
  /** A short status line from the runner (the queue's done/failed/waiting counts). */
  detail?: string;
}

/** Runs jobs somewhere (child processes here, or workers behind a queue); records come back in the jobs' order. */
export interface Runner {
  run(jobs: RunJob[], onEvent?: (event: JobEvent) => void): Promise<RunRecord[]>;
  close(): void | Promise<void>;
}

/** The compiled job process next to this file; absent when running from TypeScript sources. */
export function builtJobProcess(): JobProcessCommand | null {
  const here = fileURLToPath(import.meta.url);
  const module = join(dirname(here), 'job-process.js');
  return here.endsWith('.js') && existsSync(module) ? { module } : null;
}

class JobProcess {
  private readonly child: ChildProcess;
  private waiting: { id: number; resolve: (outcome: JobOutcome) => void; reject: (error: Error) => void } | null = null;
  private nextId = 0;
  private stopped = false;
  /** The end of the process's stderr, quoted when it dies. */
  private stderrTail = '';

  constructor(command: JobProcessCommand) {
    this.child = fork(command.module, command.args ?? [], { stdio: ['ignore', 'inherit', 'pipe', 'ipc'] });
    this.child.stderr?.on('data', (chunk: Buffer) => {
      this.stderrTail = (this.stderrTail + chunk.toString()).slice(-2000);
    });
    this.child.on('message', (reply: JobReply) => {
      const waiting = this.waiting;
      if (!waiting || reply.id !== waiting.id) return;
      this.waiting = null;
      if (reply.ok) waiting.resolve(reply.outcome);
      else waiting.reject(new InfoloopError(reply.code, reply.message, reply.hint, reply.exitCode));
    });
    this.child.on('exit', (code, signal) => {
      this.stopped = true;
      const reason = this.stderrTail.trim().split('\n').find((line) => /error/i.test(line)) ?? '';
      this.waiting?.reject(new InfoloopError('E_RUN', `an experiment job process stopped (${signal ?? `exit code ${code}`})${reason ? `: ${reason.trim()}` : ''}`, 'rerun the same command: finished runs are reused', 1));
      this.waiting = null;
    });
    this.child.on('error', (error) => {
      this.waiting?.reject(new InfoloopError('E_RUN', `cannot start an experiment job process: ${error.message}`, 'run `npm run build`, or pass --jobs 1', 1));
      this.waiting = null;
    });
  }

  execute(job: RunJob, options?: ExecuteOptions): Promise<JobOutcome> {
    if (this.stopped) return Promise.reject(new InfoloopError('E_RUN', 'an experiment job process has stopped', 'rerun the same command: finished runs are reused', 1));
    return new Promise((resolve, reject) => {
      const id = this.nextId++;
      this.waiting = { id, resolve, reject };
      this.child.send({ id, job, ...(options ? { options } : {}) } satisfies JobMessage);
    });
  }

  get alive(): boolean {
    return !this.stopped;
  }

  close(): void {
    this.stopped = true;
    if (this.child.connected) this.child.disconnect(); // the process exits when its channel closes
  }
}

export class JobRunner implements Runner {
  private readonly processes: JobProcess[] = [];
  /** Started processes waiting for their next job (used by `execute`). */
  private readonly idle: JobProcess[] = [];
  private readonly parallel: number;
  private readonly jobProcess: JobProcessCommand | null;

  constructor(options: RunnerOptions = {}) {
    const jobs = options.jobs ?? availableParallelism();
    if (!Number.isInteger(jobs) || jobs < 1) throw new InfoloopError('E_INPUT', `--jobs must be a positive integer, got ${jobs}`, 'e.g. --jobs 2');
    this.jobProcess = options.jobProcess ?? builtJobProcess();
    if (jobs > 1 && !options.inProcess && !this.jobProcess) {
      options.onNotice?.('the compiled job process (dist/experiments/harness/job-process.js) is missing: running the jobs one by one in this process (`npm run build` enables --jobs)');
    }
    this.parallel = options.inProcess || !this.jobProcess ? 1 : jobs;
  }

  /** Run (or reuse) every job; records come back in the jobs' order. */
  async run(jobs: RunJob[], onEvent?: (event: JobEvent) => void): Promise<RunRecord[]> {
    let done = 0;
    const total = jobs.length;
    const pending: RunJob[] = [];
    for (const job of jobs) {
      if (folderState(job) === 'done') onEvent?.({ job, outcome: 'reused', done: ++done, total });
      else pending.push(job);
    }
    const finish = (job: RunJob, outcome: JobOutcome) => onEvent?.({ job, outcome, done: ++done, total });
    if (this.parallel === 1) {
      for (const job of pending) finish(job, (await executeJob(job)).outcome);
    } else {
      await this.runParallel(pending, finish);
    }
    return jobs.map(readRecord);
  }

  private async runParallel(pending: RunJob[], finish: (job: RunJob, outcome: JobOutcome) => void): Promise<void> {
    const queue = [...pending];
    let failure: Error | null = null;
    const lane = async (jobProcess: JobProcess) => {
      while (!failure) {
        const job = queue.shift();
        if (!job) return;
        try {
          finish(job, await jobProcess.execute(job));
        } catch (error) {
          failure ??= error as Error; // the other lanes finish their current job and stop
        }
      }
    };
    while (this.processes.length < Math.min(this.parallel, pending.length)) this.processes.push(new JobProcess(this.jobProcess!));
    await Promise.all(this.processes.slice(0, Math.min(this.parallel, pending.length)).map(lane));
    if (failure) {
      this.close();
      throw failure;
    }
  }

  /**
   * Run one job in a job process of its own (started on demand, kept for the next job), or in
   * this process without a compiled job process; callers keep at most `jobs` of these running.
   */
  async execute(job: RunJob, options?: ExecuteOptions): Promise<JobOutcome> {
    if (!this.jobProcess) return (await executeJob(job, options)).outcome;
    const jobProcess = this.idle.pop() ?? new JobProcess(this.jobProcess);
    this.processes.push(jobProcess);
    try {
      return await jobProcess.execute(job, options);
    } finally {
      this.processes.splice(this.processes.indexOf(jobProcess), 1);
      if (jobProcess.alive) this.idle.push(jobProcess);
    }
  }

  close(): void {
    for (const jobProcess of this.idle.splice(0)) jobProcess.close();
    for (const jobProcess of this.processes.splice(0)) jobProcess.close();
  }
}

/** A finished job's record, read back from its folder; an incomplete ledger is an error. */
export function readRecord(job: RunJob): RunRecord {
  const rows = readLedger(job.dir);
  const expected = jobConfig(job).generations + 1;
  if (rows.length !== expected) {
    throw new InfoloopError('E_RUN', `run folder ${job.dir} has ${rows.length} ledger rows, expected ${expected}`, 'rerun the same command to resume it', 1);
  }
  return { experiment: job.experiment, variant: job.variant, seed: job.seed, dir: job.dir, rows };
}
