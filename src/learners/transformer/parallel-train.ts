/**
 * Data-parallel gradients on every core. A minibatch is cut into `shares` contiguous row blocks;
 * the calling thread computes the first block and each worker thread another, in parallel, and
 * the gradients are summed in block order. The split depends only on the config, never on whether
 * workers could start: without a compiled worker (running from TypeScript sources) the calling
 * thread computes the blocks one after another, with bit-identical results.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InfoloopError } from '../../core/errors.js';
import type { ModelShape } from './config.js';
import type { Engine, LossAndGradients, TokenBatch } from './engine.js';
import { parameterSpecs, tensorSize } from './model.js';
import { views } from './shared-buffer.js';

const workerUrl = new URL('./train-worker.js', import.meta.url);
const WAIT_MS = 30 * 60 * 1000;

interface Helper {
  worker: Worker;
  gradients: Float32Array[];
  status: Int32Array;
  loss: Float64Array;
}

/** Row blocks of a batch: [start, end) for each share. */
export function shareRows(rows: number, shares: number): Array<[number, number]> {
  const size = Math.ceil(rows / shares);
  const out: Array<[number, number]> = [];
  for (let start = 0; start < rows; start += size) out.push([start, Math.min(rows, start + size)]);
  return out;
}

function slice(batch: TokenBatch, [start, end]: [number, number], { context, width }: ModelShape): TokenBatch {
  const rows: TokenBatch = {
    rows: end - start,
    tokens: batch.tokens.slice(start * context, end * context),
    targets: batch.targets.slice(start * context, end * context),
    weights: batch.weights.slice(start * context, end * context),
  };
  if (batch.dropout) rows.dropout = batch.dropout.map((mask) => mask.slice(start * context * width, end * context * width));
  return rows;
}

export class ParallelGradients {
  private readonly lengths: number[];
  private readonly helpers: Helper[] = [];
  private sharedParams: Float32Array[] = [];

  constructor(readonly shape: ModelShape, readonly shares: number) {
    this.lengths = parameterSpecs(shape).map((spec) => tensorSize(spec.shape));
    const available = workerUrl.protocol === 'file:' && existsSync(fileURLToPath(workerUrl));
    if (!available || shares < 2) return;
    const total = this.lengths.reduce((a, b) => a + b, 0);
    const params = new SharedArrayBuffer(total * 4);
    this.sharedParams = views(params, this.lengths);
    for (let k = 1; k < shares; k++) {
      const worker = new Worker(workerUrl);
      worker.unref(); // an idle helper must not keep the process alive
      const gradients = new SharedArrayBuffer(total * 4);
      const status = new SharedArrayBuffer(16);
      worker.postMessage({ setup: { shape, params, gradients, status } });
      this.helpers.push({ worker, gradients: views(gradients, this.lengths), status: new Int32Array(status, 0, 1), loss: new Float64Array(status, 8, 1) });
    }
  }

  /** Whether worker threads run the other shares (otherwise the caller computes them in turn). */
  get threaded(): boolean {
    return this.helpers.length > 0;
  }

  /** The batch's loss and gradients; `engine` must hold `params` already. */
  compute(engine: Engine, params: Float32Array[], batch: TokenBatch): LossAndGradients {
    const blocks = shareRows(batch.rows, this.shares);
    if (blocks.length === 1) return engine.lossAndGradients(batch);
    if (this.threaded) {
      params.forEach((p, i) => this.sharedParams[i].set(p));
      blocks.slice(1).forEach((block, k) => {
        Atomics.store(this.helpers[k].status, 0, 0);
        this.helpers[k].worker.postMessage({ batch: slice(batch, block, this.shape) });
      });
    }
    const results: LossAndGradients[] = [engine.lossAndGradients(slice(batch, blocks[0], this.shape))];
    blocks.slice(1).forEach((block, k) => {
      if (!this.threaded) {
        results.push(engine.lossAndGradients(slice(batch, block, this.shape)));
        return;
      }
      const helper = this.helpers[k];
      if (Atomics.wait(helper.status, 0, 0, WAIT_MS) === 'timed-out' || Atomics.load(helper.status, 0) !== 1) {
        throw new InfoloopError('E_RUN', 'a training worker failed or timed out', 'run with learner.workers: 1 to train on one thread', 1);
      }
      results.push({ loss: helper.loss[0], gradients: helper.gradients.map((g) => g.slice()) });
    });
    // sum in block order, in float32 like the engine, so the result does not depend on threading
    const gradients = results[0].gradients.map((g) => Float32Array.from(g));
    let loss = results[0].loss;
    for (const result of results.slice(1)) {
      loss = Math.fround(loss + result.loss);
      result.gradients.forEach((g, i) => {
        const total = gradients[i];
        for (let j = 0; j < total.length; j++) total[j] += g[j];
      });
    }
    return { loss, gradients };
  }

  async stop(): Promise<void> {
    await Promise.all(this.helpers.splice(0).map((helper) => helper.worker.terminate()));
  }
}

/** One set of helpers per shape and share count, reused by every learner of that size in the process. */
const cache = new Map<string, ParallelGradients>();

export function parallelGradients(shape: ModelShape, shares: number): ParallelGradients {
  const key = `${JSON.stringify(shape)}/${shares}`;
  let found = cache.get(key);
  if (!found) cache.set(key, (found = new ParallelGradients(shape, shares)));
  return found;
}

/** Stop every helper thread (tests and benches). */
export async function stopTrainingWorkers(): Promise<void> {
  const all = [...cache.values()];
  cache.clear();
  await Promise.all(all.map((p) => p.stop()));
}
