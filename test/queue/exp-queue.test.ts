// Two `infoloop worker` processes and a producer run `exp claim2 --quick`: the summaries equal a local run's.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { infoloop, infoloopAsync } from '../cli-helpers.js';
import { redisAvailable, startWorker, useRedis, withoutWallTimes } from './redis.js';

const summaryFile = (dir: string, file: string) => withoutWallTimes(join(dir, 'claim2', file));
const ledgerWithoutWallTimes = (dir: string) => withoutWallTimes(join(dir, 'ledger.jsonl'));

describe.skipIf(!redisAvailable)('exp claim2 --quick through the queue', () => {
  const context = useRedis('infoloop-queue-exp-');

  it('writes the same summary.json, summary.md and verdict.json as a local run', async () => {
    const local = join(context.work, 'local');
    const queued = join(context.work, 'queued');
    const url = context.redis.url(1);
    const workers = await Promise.all([startWorker(url), startWorker(url)]);
    try {
      const producer = infoloopAsync(['exp', 'claim2', '--quick', '--queue', url, '--out', queued]);
      let stderr = '';
      producer.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => producer.on('exit', resolve));
      expect(code, stderr).toBe(0);
      expect(stderr).toMatch(/\d+ done, 0 failed, 0 waiting on redis:\/\/127\.0\.0\.1:\d+\/1/);
      // both workers took part
      for (const worker of workers) expect(worker.log()).toMatch(/^done {3}/m);
    } finally {
      await Promise.all(workers.map((worker) => worker.stop()));
    }
    const run = infoloop(['exp', 'claim2', '--quick', '--out', local, '--quiet']);
    expect(run.status, run.stderr).toBe(0);
    for (const file of ['summary.json', 'summary.md', 'verdict.json']) expect(summaryFile(queued, file), file).toBe(summaryFile(local, file));
    for (const experiment of readdirSync(join(local, 'claim2'), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
      for (const run of readdirSync(join(local, 'claim2', experiment.name))) {
        expect(ledgerWithoutWallTimes(join(queued, 'claim2', experiment.name, run))).toBe(ledgerWithoutWallTimes(join(local, 'claim2', experiment.name, run)));
      }
    }
  }, 400_000);

  it('sweep --queue writes the same sweep.md as a local sweep', async () => {
    const url = context.redis.url(5);
    const args = ['sweep', 'examples/verifier.yaml', '--grid', 'n=30,60', '--grid', 'signal.name=none,verifier', '--set', 'generations=4', '--seeds', '2', '--quiet'];
    const worker = await startWorker(url, { concurrency: 2 });
    try {
      const queued = infoloopAsync([...args, '--queue', url, '--out', join(context.work, 'sweep-queued')]);
      const code = await new Promise<number | null>((resolve) => queued.on('exit', resolve));
      expect(code).toBe(0);
    } finally {
      await worker.stop();
    }
    const local = infoloop([...args, '--out', join(context.work, 'sweep-local')]);
    expect(local.status, local.stderr).toBe(0);
    expect(readFileSync(join(context.work, 'sweep-queued', 'sweep.md'), 'utf8')).toBe(readFileSync(join(context.work, 'sweep-local', 'sweep.md'), 'utf8'));
  }, 120_000);
});
