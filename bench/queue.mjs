#!/usr/bin/env node
/**
 * Queue benchmark (not part of the test suite): `npm run bench:queue`.
 *
 *   node bench/queue.mjs [--count 200] [--reps 3] [--workers 1,2,4] [--n 40] [--scratch dir]
 *
 * Runs --count short jobs (a 3-generation verifier loop each, --n samples per generation: the job's
 * size) on the local job runner (in this process, and a pool of 2 job processes, both writing into the
 * output folder on disk as `exp` does) and through BullMQ on a throwaway redis-server on loopback with
 * 1, 2 and 4 `infoloop worker` processes. Workers keep a running job's folder in their scratch folder
 * (/dev/shm when it has room, or --scratch) with nothing for a resume (no lock, no checkpoints: a job
 * that dies reruns from the start), and the producer writes the finished folder to disk.
 * Every runner is started first and runs 8 untimed jobs (job processes start once, not per job); then
 * --reps rounds in which each runner in turn runs a fresh set of jobs, so that a shared machine's
 * slow spells fall on all of them; medians over rounds, ratios are medians of each round's ratio.
 * Overhead per job = (queue with 1 worker − one local job process running the jobs as a worker does,
 * in the same scratch folder, nothing kept for a resume) / count; targets: ≤ 20 ms per job, and 2
 * workers reach ≥ 0.8× the jobs/s of the local pool of 2. It also gives CPU time per job: user +
 * system seconds of this process and every process under it (job processes, redis-server, workers),
 * read from /proc, median over the rounds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { JobRunner, QueueRunner } from '../dist/experiments/index.js';
import { defaultScratch } from '../dist/experiments/queue/scratch.js';
import { benchArgs, wholeArg } from './args.mjs';

const args = benchArgs();
const count = wholeArg(args, 'count', { min: 1, what: 'jobs', example: '--count 200' }) ?? 200;
const reps = wholeArg(args, 'reps', { min: 1, what: 'repetitions', example: '--reps 3' }) ?? 3;
const workerCounts = (args.workers ?? '1,2,4').split(',').map(Number);
const perGeneration = wholeArg(args, 'n', { min: 1, what: 'samples per generation of each job', example: '--n 40' }) ?? 40;
const scratchArgs = args.scratch ? ['--scratch', args.scratch] : [];
const main = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

if (spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status !== 0) {
  console.error('redis-server is not on PATH: install it (apt-get install -y redis-server) to run this benchmark');
  process.exit(2);
}

const root = mkdtempSync(join(tmpdir(), 'infoloop-bench-queue-'));
const config = { generations: 3, n: perGeneration, task: { name: 'categorical-target', K: 30, correct: 5 }, learner: { name: 'categorical', K: 30, alpha: 0.5 }, signal: { name: 'verifier' } };
let batch = 0;
/** A fresh set of jobs (new folders and run ids, so new queue job ids). */
function freshJobs(size, base = root) {
  batch++;
  return Array.from({ length: size }, (_, i) => ({ experiment: 'bench', variant: 'verifier', seed: i + 1, dir: join(base, `b${batch}`, `b${batch}-j${i + 1}`), config: { ...config, seed: i + 1 } }));
}

/**
 * A child whose output goes to a file, resolved once the file shows `ready`. A worker's line per job
 * into a pipe would wake this process (which is also the producer being timed) once per job, a cost
 * a worker printing to its own terminal does not put on the producer.
 */
async function startLogged(command, args, log, ready) {
  const output = openSync(log, 'w');
  const child = spawn(command, args, { stdio: ['ignore', output, output] });
  closeSync(output);
  while (!ready.test(readFileSync(log, 'utf8'))) {
    if (child.exitCode !== null) throw new Error(`${command} exited before it was ready: ${readFileSync(log, 'utf8').slice(-300)}`);
    await sleep(50);
  }
  return child;
}

async function startWorkerProcess(url, log) {
  const child = await startLogged(process.execPath, [main, 'worker', '--queue', url, ...scratchArgs], log, /worker on redis/);
  workerPids.add(child.pid);
  return child;
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

/** User + system CPU seconds used so far by one process (0 when it has exited). */
function cpuSeconds(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return 0;
  }
}

/** The processes under this one, told apart by what they do. */
const redisPids = new Set();
const workerPids = new Set();
const ROLES = ['this process', 'redis-server', 'workers', 'job processes'];
const roleOf = (pid) => (pid === process.pid ? 'this process' : redisPids.has(pid) ? 'redis-server' : workerPids.has(pid) ? 'workers' : 'job processes');

/** CPU seconds used so far by this process and every process under it, by role. */
function cpuByRole() {
  const byRole = Object.fromEntries(ROLES.map((role) => [role, 0]));
  for (const pid of processTree(process.pid)) byRole[roleOf(pid)] += cpuSeconds(pid);
  return byRole;
}

/** Wall and CPU seconds of one batch (CPU also by role). */
async function timeBatch(run, jobs) {
  const started = performance.now();
  const cpuStarted = cpuByRole();
  await run(jobs);
  const seconds = (performance.now() - started) / 1000;
  const cpuEnded = cpuByRole();
  const byRole = Object.fromEntries(ROLES.map((role) => [role, cpuEnded[role] - cpuStarted[role]]));
  return { seconds, cpuSeconds: ROLES.reduce((sum, role) => sum + byRole[role], 0), byRole };
}

const loadBefore = loadavg();
const scratch = args.scratch ?? defaultScratch();
const scratchRoot = mkdtempSync(join(scratch, 'infoloop-bench-queue-'));

/** Every runner, started before any timing: the rounds below take turns, so a machine that slows down mid-run slows them all. */
const runners = [];
const inProcess = new JobRunner({ jobs: 1, inProcess: true });
runners.push({ label: 'local, in this process', run: (jobs) => inProcess.run(jobs), close: () => inProcess.close() });
const pool = new JobRunner({ jobs: 2 });
const poolRunner = { label: 'local pool, 2 job processes', run: (jobs) => pool.run(jobs), close: () => pool.close() };
runners.push(poolRunner);
// one job at a time in one job process, in the workers' scratch folder
const single = new JobRunner({ jobs: 1 });
const oneAtATime = (label, options) => ({
  label,
  base: scratchRoot,
  run: async (jobs) => {
    for (const job of jobs) await single.execute(job, options);
  },
  close: () => {},
});
// as a worker runs it (nothing kept for a resume): a worker without the queue, the reference for overhead
const oneJobProcess = oneAtATime('local, 1 job process run as a worker runs it', { resumable: false });
// keeping everything a resume needs (lock, checkpoints, meta.json per generation) as `exp` does: what a queued job is spared
runners.push(oneJobProcess, oneAtATime('the same, keeping what a resume needs (as `exp` runs it)'));

const port = await freePort();
const redis = await startLogged('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', root, '--appendonly', 'yes', '--save', ''], join(root, 'redis.log'), /Ready to accept connections/);
redisPids.add(redis.pid);
try {
  for (const [i, workers] of workerCounts.entries()) {
    const url = `redis://127.0.0.1:${port}/${i + 1}`; // a database per worker count: idle workers of the others wait on their own
    const children = await Promise.all(Array.from({ length: workers }, (_, k) => startWorkerProcess(url, join(root, `worker-${workers}-${k + 1}.log`))));
    const producer = await QueueRunner.open({ url });
    runners.push({ label: `queue, ${workers} worker${workers > 1 ? 's' : ''}`, workers, run: (jobs) => producer.run(jobs), close: async () => (await producer.close(), await Promise.all(children.map(stop))) });
  }
  for (const runner of runners) {
    await runner.run(freshJobs(8, runner.base)); // untimed: starts the job processes
    runner.batches = [];
  }
  for (let r = 0; r < reps; r++) {
    for (const runner of runners) runner.batches.push(await timeBatch(runner.run, freshJobs(count, runner.base)));
  }
} finally {
  for (const runner of runners) await runner.close();
  single.close();
  await stop(redis);
  rmSync(root, { recursive: true, force: true });
  rmSync(scratchRoot, { recursive: true, force: true });
}

for (const runner of runners) {
  runner.seconds = median(runner.batches.map((batch) => batch.seconds));
  runner.cpuSeconds = median(runner.batches.map((batch) => batch.cpuSeconds));
}
/** Median over rounds of a ratio of two runners' times in the same round. */
const medianRatio = (a, b) => median(a.batches.map((batch, round) => batch.seconds / b.batches[round].seconds));
const load = (values) => values.map((value) => value.toFixed(2)).join(' ');
const cpuMs = (runner) => ((runner.cpuSeconds / count) * 1000).toFixed(1);
console.log(`${count} jobs of n = ${perGeneration} × 3 generations, ${reps} rounds (runners take turns), medians; load average ${load(loadBefore)} before, ${load(loadavg())} after`);
console.log(`workers' scratch folder: ${scratch}; local runs write into ${tmpdir()} unless said\n`);
console.log('| runner | seconds | jobs/s | vs local pool of 2 (median of rounds) | CPU ms per job (all processes) |');
console.log('| --- | --- | --- | --- | --- |');
for (const runner of runners) {
  console.log(`| ${runner.label} | ${runner.seconds.toFixed(2)} | ${(count / runner.seconds).toFixed(1)} | ${medianRatio(poolRunner, runner).toFixed(2)}× | ${cpuMs(runner)} |`);
}
const queue1 = runners.find((runner) => runner.workers === 1);
const queue2 = runners.find((runner) => runner.workers === 2);
if (queue1) {
  const overheadMs = median(queue1.batches.map((batch, round) => ((batch.seconds - oneJobProcess.batches[round].seconds) / count) * 1000));
  const cpuOverheadMs = ((queue1.cpuSeconds - oneJobProcess.cpuSeconds) / count) * 1000;
  console.log(`\nqueue overhead per job (1 worker − local, 1 job process run as a worker runs it): ${overheadMs.toFixed(1)} ms (target ≤ 20 ms) ${overheadMs <= 20 ? 'ok' : 'MISSED'}; CPU time: ${cpuOverheadMs.toFixed(1)} ms`);
}
if (queue2) {
  const ratio = medianRatio(poolRunner, queue2);
  console.log(`2 workers vs local pool of 2: ${ratio.toFixed(2)}× the throughput (target ≥ 0.8×) ${ratio >= 0.8 ? 'ok' : 'MISSED'}; CPU per job ${cpuMs(queue2)} ms against ${cpuMs(poolRunner)} ms`);
  // this process is the local pool's parent, and the queue's producer
  const byRole = (runner) => ROLES.map((role) => `${role} ${((median(runner.batches.map((batch) => batch.byRole[role])) / count) * 1000).toFixed(2)}`).join(', ');
  console.log(`CPU ms per job by process (medians over rounds): local pool of 2: ${byRole(poolRunner)}; queue, 2 workers: ${byRole(queue2)}`);
}
