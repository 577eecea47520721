// A sweep survives a Redis restart (producer and workers reconnect) and a producer killed with SIGKILL (the same command picks up where it was).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { parseQueueUrl, redisOptions } from '../../src/experiments/queue/connection.js';
import { QUEUE_NAME } from '../../src/experiments/queue/protocol.js';
import { infoloop, infoloopAsync } from '../cli-helpers.js';
import { redisAvailable, startWorker, stopProcess, useRedis, withoutWallTimes } from './redis.js';

/** 2 × 2 grid points × 2 seeds = 8 jobs. */
const sweepArgs = ['sweep', 'examples/verifier.yaml', '--grid', 'n=30,60', '--grid', 'signal.name=none,verifier', '--set', 'generations=4', '--seeds', '2'];
const JOBS = 8;

const doneLines = (log: string) => log.split('\n').filter((line) => line.startsWith('done ')).length;

/** The sweep's output, then its exit code. */
function runProducer(args: string[]) {
  const child = infoloopAsync(args);
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, output: () => output };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

/** sweep.md and every run's ledger (wall times blanked) equal a local sweep's: no row lost or written twice. */
function expectSameAsLocal(queuedOut: string, localOut: string): void {
  const local = infoloop([...sweepArgs, '--quiet', '--out', localOut]);
  expect(local.status, local.stderr).toBe(0);
  expect(readFileSync(join(queuedOut, 'sweep.md'), 'utf8')).toBe(readFileSync(join(localOut, 'sweep.md'), 'utf8'));
  const runs = readdirSync(localOut, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
  expect(runs).toHaveLength(JOBS);
  for (const run of runs) expect(withoutWallTimes(join(queuedOut, run, 'ledger.jsonl')), run).toBe(withoutWallTimes(join(localOut, run, 'ledger.jsonl')));
}

describe.skipIf(!redisAvailable)('a sweep through the queue survives restarts', () => {
  const context = useRedis('infoloop-queue-restarts-');

  it('Redis restarted mid-sweep: producer and 2 workers reconnect, and the results equal a local sweep\'s', async () => {
    const url = context.redis.url(1);
    const out = join(context.work, 'redis-restart');
    const workers = await Promise.all([startWorker(url, { delayMs: 400 }), startWorker(url, { delayMs: 400 })]);
    const producer = runProducer([...sweepArgs, '--queue', url, '--out', out]);
    try {
      const done = () => workers.reduce((sum, worker) => sum + doneLines(worker.log()), 0);
      await until(() => done() >= 2, 'two finished jobs');
      expect(done()).toBeLessThan(JOBS);
      const doneBefore = done();
      await context.redis.restart();
      expect(await producer.exited, producer.output()).toBe(0);
      // the workers went on taking jobs after the restart
      expect(done()).toBeGreaterThan(doneBefore);
      expect(done()).toBeGreaterThanOrEqual(JOBS);
    } finally {
      await stopProcess(producer.child, 'SIGKILL');
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expectSameAsLocal(out, join(context.work, 'redis-restart-local'));
  }, 120_000);

  it('the producer killed with SIGKILL mid-sweep and rerun: it completes, and no finished job runs again', async () => {
    const url = context.redis.url(2);
    const out = join(context.work, 'producer-killed');
    const args = [...sweepArgs, '--queue', url, '--out', out];
    const workers = await Promise.all([startWorker(url, { delayMs: 300 }), startWorker(url, { delayMs: 300 })]);
    const inspect = new Queue(QUEUE_NAME, { connection: redisOptions(parseQueueUrl(url)) });
    try {
      const done = () => workers.reduce((sum, worker) => sum + doneLines(worker.log()), 0);
      const written = () => (existsSync(out) ? readdirSync(out).filter((run) => existsSync(join(out, run, 'meta.json'))).length : 0);
      const first = runProducer(args);
      await until(() => written() >= 2, 'two run folders written by the producer');
      await stopProcess(first.child, 'SIGKILL');
      expect(done()).toBeLessThan(JOBS);
      // some jobs finish while no producer is there to collect them
      await until(() => done() >= 4, "four finished jobs");
      const second = runProducer(args);
      expect(await second.exited, second.output()).toBe(0);
      expect(second.output()).toMatch(/8\/8 runs \([2-7] reused\)/); // the folders the first producer wrote
      await until(async () => (await inspect.getCompletedCount()) === JOBS, 'every job completed');
      // each job ran once: one "done" line per job over both workers, one attempt per job in Redis
      expect(done()).toBe(JOBS);
      const jobs = await inspect.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed']);
      expect(jobs).toHaveLength(JOBS);
      expect(jobs.map((job) => [job.attemptsMade, job.stalledCounter])).toEqual(jobs.map(() => [1, 0]));
    } finally {
      await inspect.close();
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    expectSameAsLocal(out, join(context.work, 'producer-killed-local'));
  }, 120_000);
});
