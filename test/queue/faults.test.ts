// Queue faults: a worker killed mid-job, a job with a bad config, the same jobs enqueued twice, a producer restarted.
import { readdirSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Job, Queue } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { executeJob, type JobEvent, type RunJob } from '../../src/experiments/index.js';
import type { ConfigInput } from '../../src/config/schema.js';
import { parseQueueUrl, redisOptions } from '../../src/experiments/queue/connection.js';
import { QueueRunner } from '../../src/experiments/queue/producer.js';
import { QUEUE_NAME, queuedJob, queueJobId } from '../../src/experiments/queue/protocol.js';
import { STALE_MS } from '../../src/experiments/queue/scratch.js';
import { redisAvailable, startWorker, useRedis, withoutWallTimes } from './redis.js';

const verifier: ConfigInput = { generations: 5, n: 60, task: { name: 'categorical-target', K: 30, correct: 5 }, learner: { name: 'categorical', K: 30, alpha: 0.5 }, signal: { name: 'verifier' } };

function sweepJobs(out: string, seeds: number, config: ConfigInput = verifier): RunJob[] {
  return Array.from({ length: seeds }, (_, i) => ({ experiment: 'sweep', variant: 'verifier', seed: i + 1, dir: join(out, `verifier-s${i + 1}`), config: { ...config, seed: i + 1 } }));
}

const ledger = (dir: string) => withoutWallTimes(join(dir, 'ledger.jsonl'));
const doneLines = (log: string) => log.split('\n').filter((line) => line.startsWith('done ')).length;

describe.skipIf(!redisAvailable)('queue faults', () => {
  const context = useRedis('infoloop-queue-faults-');

  it('a worker killed with SIGKILL mid-job: another worker reruns its job, and the result is complete and duplicate-free', async () => {
    const url = context.redis.url(2);
    const jobs = sweepJobs(join(context.work, 'killed'), 3);
    const scratch = join(context.work, 'killed-scratch');
    const slow = await startWorker(url, { delayMs: 120_000, scratch });
    const producer = await QueueRunner.open({ url, pollMs: 200 });
    const inspect = new Queue(QUEUE_NAME, { connection: redisOptions(parseQueueUrl(url)) });
    let survivor: Awaited<ReturnType<typeof startWorker>> | undefined;
    try {
      const records = producer.run(jobs);
      while ((await inspect.getActiveCount()) === 0) await sleep(50);
      await slow.stop('SIGKILL');
      const left = readdirSync(scratch);
      expect(left).toEqual([expect.stringMatching(new RegExp(`^infoloop-worker-${slow.child.pid}-`))]); // left behind by the kill
      const untouched = new Date(Date.now() - STALE_MS - 60_000); // as if killed over 10 minutes ago
      utimesSync(join(scratch, left[0]), untouched, untouched);
      survivor = await startWorker(url, { scratch });
      expect(readdirSync(scratch)).toEqual([expect.stringMatching(new RegExp(`^infoloop-worker-${survivor.child.pid}-`))]); // removed by the next worker there
      const finished = await records;
      expect(finished.map((record) => record.rows.map((row) => row.generation))).toEqual(jobs.map(() => [0, 1, 2, 3, 4, 5]));
      expect(doneLines(slow.log())).toBe(0);
      const queued = await inspect.getJobs(['completed']);
      expect(queued).toHaveLength(jobs.length);
      expect(queued.map((job) => job.stalledCounter).sort()).toEqual([0, 0, 1]); // the killed worker's job, found stalled once
      await survivor.stop();
      expect(readdirSync(scratch)).toEqual([]); // a worker that stops removes its own folder
      // the same ledgers as running the jobs here
      for (const job of jobs) {
        const here = { ...job, dir: join(context.work, 'killed-local', job.dir.split('/').pop()!) };
        await executeJob(here);
        expect(ledger(job.dir)).toBe(ledger(here.dir));
      }
    } finally {
      await Promise.all([producer.close(), inspect.close(), survivor?.stop(), slow.stop('SIGKILL')]);
    }
  }, 120_000);

  it('a producer that cannot reach Redis fails with E_ENDPOINT, the password masked, instead of waiting forever', async () => {
    const error = await QueueRunner.open({ url: 'redis://:hunter2@127.0.0.1:1/0', connectSeconds: 1 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: 'E_ENDPOINT', message: expect.stringMatching(/^cannot reach the queue at redis:\/\/127\.0\.0\.1:1\/0 within 1 s \(connect ECONNREFUSED/) });
    expect(JSON.stringify({ ...(error as object), message: (error as Error).message })).not.toContain('hunter2');
  }, 30_000);

  it('a job with a bad config fails once, and the producer shows its error', async () => {
    const url = context.redis.url(3);
    const worker = await startWorker(url);
    const notices: string[] = [];
    const producer = await QueueRunner.open({ url, pollMs: 200, onNotice: (line) => notices.push(line) });
    const [bad] = sweepJobs(join(context.work, 'bad'), 1, { ...verifier, signal: { name: 'verifer' } });
    try {
      await expect(producer.run([bad])).rejects.toMatchObject({ code: 'E_UNKNOWN_NAME', exitCode: 2, message: expect.stringMatching(/sweep \/ verifier \/ seed 1: signal "verifer" is unknown/) });
      expect(notices.join('\n')).toMatch(/failed sweep \/ verifier \/ seed 1: signal "verifer" is unknown/);
      const job = await Job.fromId(producer['queue'], queueJobId(queuedJob(bad)));
      expect(job?.attemptsMade).toBe(1);
      expect(await job?.getState()).toBe('failed');
    } finally {
      await Promise.all([producer.close(), worker.stop()]);
    }
  }, 60_000);

  it('enqueueing the same jobs twice runs each once; a restarted producer reuses what it wrote', async () => {
    const url = context.redis.url(4);
    const jobs = sweepJobs(join(context.work, 'twice-a'), 4);
    const again = jobs.map((job) => ({ ...job, dir: job.dir.replace('twice-a', 'twice-b') }));
    const worker = await startWorker(url, { concurrency: 2 });
    const [first, second] = await Promise.all([QueueRunner.open({ url, pollMs: 200 }), QueueRunner.open({ url, pollMs: 200 })]);
    const inspect = new Queue(QUEUE_NAME, { connection: redisOptions(parseQueueUrl(url)) });
    try {
      const [a, b] = await Promise.all([first.run(jobs), second.run(again)]);
      expect(b.map((record) => record.rows)).toEqual(a.map((record) => record.rows));
      const runsOf = async () => (await inspect.getJobs(['completed', 'active', 'waiting', 'delayed', 'failed'])).map((job) => [job.id, job.attemptsMade]);
      expect(await runsOf()).toHaveLength(jobs.length);
      expect((await runsOf()).every(([, attempts]) => attempts === 1)).toBe(true);
      const events: JobEvent[] = [];
      await first.run(jobs, (event) => events.push(event));
      expect(events.map((event) => event.outcome)).toEqual(jobs.map(() => 'reused'));
      expect((await runsOf()).every(([, attempts]) => attempts === 1)).toBe(true);
    } finally {
      await Promise.all([first.close(), second.close(), inspect.close(), worker.stop()]);
    }
  }, 60_000);
});
