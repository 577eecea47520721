/** Worker thread body for parallel.ts: decode a share of the answers and write them to shared memory. */
import { parentPort } from 'node:worker_threads';
import { createRng } from '../../core/rng.js';
import type { GenerationJob } from './parallel.js';
import { Decoder, generate } from './sample.js';

parentPort?.on('message', (job: GenerationJob) => {
  const flag = new Int32Array(job.flag);
  try {
    const decoder = new Decoder(job.shape, job.params);
    const chars = job.charsPerToken;
    const answers = generate(decoder, { ...job.request, charsOf: (token) => chars[token] }, job.seeds.map(createRng), job.options);
    const output = new Int32Array(job.output);
    const stride = job.request.maxTokens;
    answers.forEach((answer, i) => {
      output[i] = answer.length;
      output.set(answer, answers.length + i * stride);
    });
    Atomics.store(flag, 0, 1);
  } catch {
    Atomics.store(flag, 0, 2);
  }
  Atomics.notify(flag, 0);
});
