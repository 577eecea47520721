// The producer's reader of BullMQ's event stream, against real BullMQ jobs (so a change in how BullMQ writes its events fails here).
import { setTimeout as sleep } from 'node:timers/promises';
import { Queue, Worker } from 'bullmq';
import { describe, expect, it } from 'vitest';
import { parseQueueUrl, redisOptions } from '../../src/experiments/queue/connection.js';
import { FinishedEvents, type FinishedNotice } from '../../src/experiments/queue/finished-events.js';
import { redisAvailable, useRedis } from './redis.js';

describe.skipIf(!redisAvailable)('finished-job events', () => {
  const context = useRedis('infoloop-queue-events-');

  it('tells each job that completes (with its return value) or fails once, and none that finished before it started', async () => {
    const connection = parseQueueUrl(context.redis.url(5));
    const queue = new Queue('events-test', { connection: redisOptions(connection) });
    const worker = new Worker('events-test', async (job) => {
      if (job.name === 'bad') throw new Error('on purpose');
      return { doubled: (job.data as { x: number }).x * 2 };
    }, { connection: redisOptions(connection) });
    const errors: Error[] = [];
    const events = FinishedEvents.connect(connection, queue.keys.events, () => false, (error) => errors.push(error));
    const notices: FinishedNotice[] = [];
    try {
      await queue.add('early', { x: 0 }, { jobId: 'early' });
      while ((await queue.getJobState('early')) !== 'completed') await sleep(20);
      await events.waitUntilReady();
      await events.start();
      events.listen((notice) => notices.push(notice));
      await queue.addBulk([
        { name: 'ok', data: { x: 1 }, opts: { jobId: 'a' } },
        { name: 'ok', data: { x: 2 }, opts: { jobId: 'b' } },
        { name: 'bad', data: { x: 3 }, opts: { jobId: 'c', attempts: 1 } },
      ]);
      const deadline = Date.now() + 20_000;
      while (notices.length < 3 && Date.now() < deadline) await sleep(20);
      await sleep(200); // anything told twice would arrive by now
      expect(notices.map((notice) => notice.jobId).sort()).toEqual(['a', 'b', 'c']);
      const told = Object.fromEntries(notices.map((notice) => [notice.jobId, notice.returnvalue]));
      expect(JSON.parse(told.a!)).toEqual({ doubled: 2 });
      expect(JSON.parse(told.b!)).toEqual({ doubled: 4 });
      expect(told.c).toBeUndefined();
      expect(errors).toEqual([]);
    } finally {
      await Promise.allSettled([events.close(), worker.close(), queue.close()]);
    }
  }, 60_000);
});
