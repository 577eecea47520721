/**
 * A categorical model over K answers. Each generation P_{t+1} = (1−α)P_t + α·empirical, where the
 * empirical distribution is the batch's weighted frequencies with optional additive smoothing.
 * α = 1 is the plain MLE refit whose heterozygosity decays by (1 − 1/n) per generation.
 */
import { z } from 'zod';
import { CumulativeSampler, uniformProbs, zipfProbs } from '../core/distributions.js';
import { InfoloopError } from '../core/errors.js';
import type { CreateContext, Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { Distribution, FitStats, Learner, Prompt, Snapshot, Weighted, WeightedColumns } from '../core/types.js';
import { checkBatch, checkColumns, checkCount, checkSnapshot, toColumns } from './validate.js';

const params = z
  .object({
    K: z.number().int().min(1).max(10_000_000),
    alpha: z.number().min(0).max(1).default(1),
    smoothing: z.number().min(0).default(0),
    init: z.enum(['uniform', 'zipf']).default('uniform'),
    s: z.number().positive().default(1.1),
  })
  .strict();
export type CategoricalParams = z.infer<typeof params>;

export class CategoricalLearner implements Learner<number> {
  readonly name = 'categorical';
  probs: Float64Array;
  private sampler: CumulativeSampler | null = null;

  constructor(readonly params: CategoricalParams) {
    this.probs = params.init === 'zipf' ? zipfProbs(params.K, params.s) : uniformProbs(params.K);
  }

  sample(prompt: Prompt, n: number, rng: Rng): number[] {
    checkCount(n, this.name);
    const out = new Float64Array(n);
    this.sampleInto(prompt, out, 0, n, rng);
    return Array.from(out);
  }

  sampleInto(_prompt: Prompt, out: Float64Array, from: number, to: number, rng: Rng): void {
    this.sampler ??= new CumulativeSampler(this.probs);
    this.sampler.drawInto(rng, out, from, to);
  }

  logProb(_prompt: Prompt, x: number): number {
    return Math.log2(this.probs[x] ?? 0);
  }

  fit(batch: Weighted<number>[], rng: Rng): FitStats {
    const K = this.params.K;
    checkBatch(batch, this.name, (x) => Number.isInteger(x) && (x as number) >= 0 && (x as number) < K, `an integer in [0, ${K})`);
    return this.fitColumns(toColumns(batch), rng);
  }

  fitColumns(batch: WeightedColumns, _rng: Rng): FitStats {
    const K = this.params.K;
    checkColumns(batch, this.name, (x) => Number.isInteger(x) && x >= 0 && x < K, `an integer in [0, ${K})`);
    const { x, weight, length } = batch;
    const counts = new Float64Array(K);
    let total = 0;
    for (let i = 0; i < length; i++) {
      counts[x[i]] += weight[i];
      total += weight[i];
    }
    if (total === 0) return { examples: 0 }; // nothing kept: the model is unchanged
    const { alpha, smoothing } = this.params;
    const denominator = total + K * smoothing;
    for (let k = 0; k < K; k++) {
      this.probs[k] = (1 - alpha) * this.probs[k] + (alpha * (counts[k] + smoothing)) / denominator;
    }
    this.sampler = null;
    return { examples: length, total_weight: total };
  }

  distribution(): Distribution {
    return { kind: 'categorical', probs: this.probs };
  }

  snapshot(): Snapshot {
    return { learner: this.name, json: { probs: Array.from(this.probs) } };
  }

  restore(snapshot: Snapshot): void {
    checkSnapshot(snapshot.learner, this.name);
    const probs = (snapshot.json as { probs?: number[] }).probs;
    if (!Array.isArray(probs) || probs.length !== this.params.K) {
      throw new InfoloopError('E_RESUME', `categorical snapshot has ${probs?.length ?? 0} categories, expected ${this.params.K}`, 'restore a snapshot saved with the same K');
    }
    this.probs = Float64Array.from(probs);
    this.sampler = null;
  }
}

export const categoricalEntry: Entry<Learner<number>, CategoricalParams> = {
  name: 'categorical',
  description: 'K categories; P ← (1−α)P + α·empirical (with additive smoothing)',
  params,
  create: (p: CategoricalParams, _context: CreateContext) => new CategoricalLearner(p),
};
