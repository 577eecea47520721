/**
 * A 1-D Gaussian fit by maximum likelihood (variance divides by Σw) or unbiasedly (by Σw − 1).
 * The textbook collapse model: under `replace` + MLE, E[σ²_t] = σ0²((n−1)/n)^t.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import { fillNormal, type Rng } from '../core/rng.js';
import type { Distribution, FitStats, Learner, Prompt, Snapshot, Weighted, WeightedColumns } from '../core/types.js';
import { checkBatch, checkColumns, checkCount, checkSnapshot, toColumns } from './validate.js';

const params = z
  .object({
    mean: z.number().finite().default(0),
    variance: z.number().finite().positive().default(1),
    estimator: z.enum(['mle', 'unbiased']).default('mle'),
  })
  .strict();
export type GaussianParams = z.infer<typeof params>;

export class GaussianLearner implements Learner<number> {
  readonly name = 'gaussian';
  mean: number;
  variance: number;

  constructor(readonly params: GaussianParams) {
    this.mean = params.mean;
    this.variance = params.variance;
  }

  sample(prompt: Prompt, n: number, rng: Rng): number[] {
    checkCount(n, this.name);
    const out = new Float64Array(n);
    this.sampleInto(prompt, out, 0, n, rng);
    return Array.from(out);
  }

  sampleInto(_prompt: Prompt, out: Float64Array, from: number, to: number, rng: Rng): void {
    const sd = Math.sqrt(this.variance);
    fillNormal(rng, out, from, to);
    for (let i = from; i < to; i++) out[i] = this.mean + sd * out[i];
  }

  logProb(_prompt: Prompt, x: number): number {
    // log2 of the density (a density, so it can exceed 0 for small variances)
    if (this.variance === 0) return x === this.mean ? Infinity : -Infinity;
    const z2 = ((x - this.mean) * (x - this.mean)) / this.variance;
    return (-0.5 * Math.log(2 * Math.PI * this.variance) - 0.5 * z2) / Math.LN2;
  }

  fit(batch: Weighted<number>[], rng: Rng): FitStats {
    checkBatch(batch, this.name, (x) => typeof x === 'number' && Number.isFinite(x), 'a finite number');
    return this.fitColumns(toColumns(batch), rng);
  }

  fitColumns(batch: WeightedColumns, _rng: Rng): FitStats {
    checkColumns(batch, this.name, Number.isFinite, 'a finite number');
    const { x, weight, length } = batch;
    let total = 0;
    let sum = 0;
    for (let i = 0; i < length; i++) {
      total += weight[i];
      sum += weight[i] * x[i];
    }
    const divisor = this.params.estimator === 'mle' ? total : total - 1;
    if (total === 0) return { examples: 0 };
    if (divisor <= 0) {
      throw new InfoloopError('E_INPUT', `gaussian.fit: the unbiased estimator needs total weight > 1, got ${total}`, 'use estimator: mle or train on at least two samples');
    }
    const mean = sum / total;
    let squares = 0;
    for (let i = 0; i < length; i++) squares += weight[i] * (x[i] - mean) * (x[i] - mean);
    this.mean = mean;
    this.variance = squares / divisor;
    return { examples: length, mean, variance: this.variance };
  }

  distribution(): Distribution {
    return { kind: 'gaussian', mean: this.mean, variance: this.variance };
  }

  snapshot(): Snapshot {
    return { learner: this.name, json: { mean: this.mean, variance: this.variance } };
  }

  restore(snapshot: Snapshot): void {
    checkSnapshot(snapshot.learner, this.name);
    const state = snapshot.json as { mean: number; variance: number };
    this.mean = state.mean;
    this.variance = state.variance;
  }
}

export const gaussianEntry: Entry<Learner<number>, GaussianParams> = {
  name: 'gaussian',
  description: '1-D Gaussian, refit by MLE or unbiased variance each generation',
  params,
  create: (p) => new GaussianLearner(p),
};
