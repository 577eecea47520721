/**
 * Generation on every core: answers are split into contiguous shares, the calling thread decodes
 * one share and each of `workers − 1` worker threads another. `Learner.sample` is synchronous, so
 * the caller blocks on `Atomics.wait` until the workers have written their answers to shared
 * memory. Every answer has its own seed, so the output is the same for any number of workers.
 *
 * Workers run the compiled JavaScript (dist/); when this module runs from TypeScript sources (as
 * under the test runner) and no compiled worker exists, everything is decoded on the calling thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InfoloopError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { ModelShape } from './config.js';
import { Decoder, generate, type GenerateRequest, type SamplingOptions } from './sample.js';

export interface GenerationJob {
  shape: ModelShape;
  params: Float32Array[];
  request: Omit<GenerateRequest, 'charsOf'>;
  charsPerToken: Int32Array;
  seeds: number[];
  options: SamplingOptions;
  /** SharedArrayBuffer: Int32 flag, 0 = running, 1 = done, 2 = failed. */
  flag: SharedArrayBuffer;
  /** SharedArrayBuffer: answer lengths, then maxTokens slots per answer. */
  output: SharedArrayBuffer;
}

const workerUrl = new URL('./sample-worker.js', import.meta.url);
const pool: Worker[] = [];
/** Longest a caller waits for a worker before reporting a failure. */
const WAIT_MS = 30 * 60 * 1000;

export function workersAvailable(): boolean {
  return workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
}

function worker(index: number): Worker {
  while (pool.length <= index) {
    const created = new Worker(workerUrl);
    created.unref(); // idle workers must not keep the process alive
    pool.push(created);
  }
  return pool[index];
}

/** Stop the pool's threads (tests and benches; the pool is rebuilt on next use). */
export async function stopWorkers(): Promise<void> {
  const stopping = pool.splice(0).map((w) => w.terminate());
  await Promise.all(stopping);
}

export function parallelGenerate(
  shape: ModelShape,
  params: Float32Array[],
  request: GenerateRequest,
  seeds: number[],
  options: SamplingOptions,
  workers: number,
): number[][] {
  const shares = Math.min(workers, seeds.length);
  if (shares <= 1 || !workersAvailable()) return generate(new Decoder(shape, params), request, seeds.map(createRng), options);
  const size = Math.ceil(seeds.length / shares);
  const { charsOf, ...plain } = request;
  const charsPerToken = Int32Array.from({ length: shape.vocabSize }, (_, token) => charsOf(token));
  const jobs: GenerationJob[] = [];
  for (let k = 1; k < shares; k++) {
    const share = seeds.slice(k * size, (k + 1) * size);
    if (share.length === 0) continue;
    const job: GenerationJob = {
      shape, params, request: plain, charsPerToken, seeds: share, options,
      flag: new SharedArrayBuffer(4),
      output: new SharedArrayBuffer(4 * share.length * (1 + request.maxTokens)),
    };
    worker(k - 1).postMessage(job);
    jobs.push(job);
  }
  const answers = generate(new Decoder(shape, params), request, seeds.slice(0, size).map(createRng), options);
  for (const job of jobs) {
    const flag = new Int32Array(job.flag);
    if (Atomics.wait(flag, 0, 0, WAIT_MS) === 'timed-out' || Atomics.load(flag, 0) !== 1) {
      throw new InfoloopError('E_RUN', 'a sampling worker failed or timed out', 'run with learner.workers: 1 to sample on one thread', 1);
    }
    const output = new Int32Array(job.output);
    for (let i = 0; i < job.seeds.length; i++) {
      const start = job.seeds.length + i * request.maxTokens;
      answers.push(Array.from(output.subarray(start, start + output[i])));
    }
  }
  return answers;
}
