/** Worker thread body for parallel-train.ts: gradients of one share of each minibatch, into shared memory. */
import { parentPort } from 'node:worker_threads';
import type { ModelShape } from './config.js';
import { Engine, type TokenBatch } from './engine.js';
import { parameterSpecs, tensorSize } from './model.js';
import { views } from './shared-buffer.js';

interface Setup {
  shape: ModelShape;
  params: SharedArrayBuffer;
  gradients: SharedArrayBuffer;
  /** Int32 [status] then Float64 loss at byte 8. */
  status: SharedArrayBuffer;
}

let engine: Engine | null = null;
let params: Float32Array[] = [];
let gradients: Float32Array[] = [];
let status: Int32Array;
let loss: Float64Array;

parentPort?.on('message', (message: { setup?: Setup; batch?: TokenBatch }) => {
  if (message.setup) {
    const { shape } = message.setup;
    const lengths = parameterSpecs(shape).map((spec) => tensorSize(spec.shape));
    engine = new Engine(shape);
    params = views(message.setup.params, lengths);
    gradients = views(message.setup.gradients, lengths);
    status = new Int32Array(message.setup.status, 0, 1);
    loss = new Float64Array(message.setup.status, 8, 1);
    return;
  }
  try {
    engine!.setWeights(params);
    const result = engine!.lossAndGradients(message.batch!);
    result.gradients.forEach((g, i) => gradients[i].set(g));
    loss[0] = result.loss;
    Atomics.store(status, 0, 1);
  } catch {
    Atomics.store(status, 0, 2);
  }
  Atomics.notify(status, 0);
});
