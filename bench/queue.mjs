#!/usr/bin/env node
/**
 * Queue benchmark (not part of the test suite): `npm run bench:queue`.
 *
 *   node bench/queue.mjs [--count 200] [--reps 3] [--workers 1,2,4] [--n 40]
 *
 * Runs --count short jobs (a 3-generation verifier loop each, --n samples per generation: the job's size) on the local job runner (in this
 * process, and a pool of 2 job processes) and through BullMQ on a throwaway redis-server on
 * loopback with 1, 2 and 4 `infoloop worker` processes; medians over --reps fresh sets of jobs.
 * Each runner first runs 8 untimed jobs (job processes start once, not per job).
 * Overhead per job = (queue with 1 worker − local with 1 job process) / count; targets: ≤ 20 ms per
 * job, and 2 workers reach ≥ 0.8× the jobs/s of the local pool of 2. Because the machine may be
 * shared, it also gives CPU time per job: user + system seconds of this process and every process
 * under it (job processes, redis-server, workers), read from /proc, median over the batches.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { JobRunner, QueueRunner } from '../dist/experiments/index.js';
import { benchArgs, wholeArg } from './args.mjs';

const args = benchArgs();
const count = wholeArg(args, 'count', { min: 1, what: 'jobs', example: '--count 200' }) ?? 200;
const reps = wholeArg(args, 'reps', { min: 1, what: 'repetitions', example: '--reps 3' }) ?? 3;
const workerCounts = (args.workers ?? '1,2,4').split(',').map(Number);
const perGeneration = wholeArg(args, 'n', { min: 1, what: 'samples per generation of each job', example: '--n 40' }) ?? 40;
const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('redis-server is not on PATH: install it (apt-get install -y redis-server) to run this benchmark');
  process.exit(2);
}

const root = mkdtempSync(join(tmpdir(), 'infoloop-bench-queue-'));
const config = { generations: 3, n: perGeneration, task: { name: 'categorical-target', K: 30, correct: 5 }, learner: { name: 'categorical', K: 30, alpha: 0.5 }, signal: { name: 'verifier' } };
let batch = 0;
/** A fresh set of jobs (new folders and run ids, so new queue job ids). */
function freshJobs(size = count) {
  batch++;
  return Array.from({ length: size }, (_, i) => ({ experiment: 'bench', variant: 'verifier', seed: i + 1, dir: join(root, `b${batch}`, `b${batch}-j${i + 1}`), config: { ...config, seed: i + 1 } }));
}

function waitFor(child, pattern) {
  return new Promise((resolve, reject) => {
    let text = '';
    const onData = (chunk) => {
      text += chunk;
      if (pattern.test(text)) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', () => reject(new Error(`exited before ${pattern}: ${text.slice(-300)}`)));
  });
}

const stop = (child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : (child.once('exit', resolve), child.kill('SIGTERM'))));

async function freePort() {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const TICKS = 100;

/** The process and everything under it. */
function processTree(pid) {
  let tasks = [];
  try {
    tasks = readdirSync(`/proc/${pid}/task`);
  } catch {
    return [pid];
  }
  const children = tasks.flatMap((task) => {
    try {
      return readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number);
    } catch {
      return [];
    }
  });
  return [pid, ...children.flatMap(processTree)];
}

/** User + system CPU seconds used so far by this process and every process under it. */
function treeCpuSeconds() {
  return processTree(process.pid).reduce((sum, pid) => {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return sum + (Number(fields[11]) + Number(fields[12])) / TICKS;
    } catch {
      return sum; // exited meanwhile
    }
  }, 0);
}

/** Median wall and CPU seconds over --reps fresh batches, after a small untimed batch that starts the job processes. */
async function timeRuns(run) {
  await run(freshJobs(8));
  const seconds = [];
  const cpuSeconds = [];
  for (let r = 0; r < reps; r++) {
    const jobs = freshJobs();
    const started = performance.now();
    const cpuStarted = treeCpuSeconds();
    await run(jobs);
    seconds.push((performance.now() - started) / 1000);
    cpuSeconds.push(treeCpuSeconds() - cpuStarted);
  }
  return { seconds: median(seconds), cpuSeconds: median(cpuSeconds) };
}

const loadBefore = loadavg();

const results = [];
for (const [label, jobs] of [['local, in this process', 1], ['local pool, 2 job processes', 2]]) {
  const runner = new JobRunner({ jobs });
  results.push({ label, ...(await timeRuns((batchJobs) => runner.run(batchJobs))) });
  runner.close();
}
// one job at a time in one job process, as a worker with --concurrency 1 runs them: the reference for the overhead
const single = new JobRunner({ jobs: 1 });
const oneJobProcess = {
  label: 'local, 1 job process',
  ...(await timeRuns(async (batchJobs) => {
    for (const job of batchJobs) await single.execute(job);
  })),
};
results.push(oneJobProcess);
single.close();

const port = await freePort();
const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', root, '--appendonly', 'yes', '--save', ''], { stdio: ['ignore', 'pipe', 'pipe'] });
await waitFor(redis, /Ready to accept connections/);
try {
  for (const [i, workers] of workerCounts.entries()) {
    const url = `redis://127.0.0.1:${port}/${i + 1}`;
    const children = Array.from({ length: workers }, () => spawn(process.execPath, [main, 'worker', '--queue', url], { stdio: ['ignore', 'pipe', 'pipe'] }));
    await Promise.all(children.map((child) => waitFor(child, /worker on redis/)));
    const producer = await QueueRunner.open({ url });
    try {
      results.push({ label: `queue, ${workers} worker${workers > 1 ? 's' : ''}`, workers, ...(await timeRuns((batchJobs) => producer.run(batchJobs))) });
    } finally {
      await producer.close();
      await Promise.all(children.map(stop));
    }
  }
} finally {
  await stop(redis);
  rmSync(root, { recursive: true, force: true });
}

const pool2 = results[1].seconds;
const load = (values) => values.map((value) => value.toFixed(2)).join(' ');
console.log(`${count} jobs of n = ${perGeneration} × 3 generations, median of ${reps} runs; load average ${load(loadBefore)} before, ${load(loadavg())} after\n`);
console.log('| runner | seconds | jobs/s | vs local pool of 2 | CPU ms per job (all processes) |');
console.log('| --- | --- | --- | --- | --- |');
for (const result of results) {
  console.log(`| ${result.label} | ${result.seconds.toFixed(2)} | ${(count / result.seconds).toFixed(1)} | ${(pool2 / result.seconds).toFixed(2)}× | ${((result.cpuSeconds / count) * 1000).toFixed(1)} |`);
}
const queue1 = results.find((result) => result.workers === 1);
const queue2 = results.find((result) => result.workers === 2);
if (queue1) {
  const overheadMs = ((queue1.seconds - oneJobProcess.seconds) / count) * 1000;
  const cpuOverheadMs = ((queue1.cpuSeconds - oneJobProcess.cpuSeconds) / count) * 1000;
  console.log(`\nqueue overhead per job (1 worker − local, 1 job process): ${overheadMs.toFixed(1)} ms (target ≤ 20 ms) ${overheadMs <= 20 ? 'ok' : 'MISSED'}; CPU time: ${cpuOverheadMs.toFixed(1)} ms`);
}
if (queue2) {
  const ratio = pool2 / queue2.seconds;
  const cpuMs = (result) => ((result.cpuSeconds / count) * 1000).toFixed(1);
  console.log(`2 workers vs local pool of 2: ${ratio.toFixed(2)}× the throughput (target ≥ 0.8×) ${ratio >= 0.8 ? 'ok' : 'MISSED'}; CPU per job ${cpuMs(queue2)} ms against ${cpuMs(results[1])} ms`);
}
