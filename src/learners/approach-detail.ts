/**
 * A learner with one shared parameter and per-instance memory (claim 3's exact model).
 *
 * P(z, d | prompt) = π(z) · q_prompt(d). The approach distribution π is shared by every prompt:
 * π(z) = (a0 + A(z)) / (S·a0 + N), Dirichlet(a0) posterior mean over the weighted approach counts
 * A seen so far. The detail distribution is memorised per prompt id:
 * q_id(d) = (b0 + B_id(d)) / (D·b0 + N_id), uniform 1/D for an id never trained on. Training adds
 * counts (a Bayesian learner that never forgets), so each training example moves π by the same
 * amount whichever signal chose it, and only the bits paid per example differ.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import { sampleIndex } from '../core/rng.js';
import type { Distribution, FitStats, Learner, Prompt, Snapshot, Weighted } from '../core/types.js';
import { checkBatch, checkCount, checkSnapshot } from './validate.js';

const params = z
  .object({
    approaches: z.number().int().min(1).max(1000),
    details: z.number().int().min(1).max(1000),
    prior: z.number().positive().default(1),
    detail_prior: z.number().positive().default(1),
  })
  .strict();
export type ApproachDetailParams = z.infer<typeof params>;

interface SavedState {
  approachCounts: number[];
  detailCounts: [string, [number, number][]][];
}

export class ApproachDetailLearner implements Learner<number> {
  readonly name = 'approach-detail';
  approachCounts: Float64Array;
  /** prompt id → detail → weighted count. */
  private detailCounts = new Map<string, Map<number, number>>();

  constructor(readonly params: ApproachDetailParams) {
    this.approachCounts = new Float64Array(params.approaches);
  }

  /** π(z) for every approach. */
  approachProbs(): Float64Array {
    const { approaches, prior } = this.params;
    let total = approaches * prior;
    for (const c of this.approachCounts) total += c;
    return this.approachCounts.map((c) => (prior + c) / total);
  }

  detailProbs(prompt: Prompt): Float64Array {
    const { details, detail_prior } = this.params;
    const counts = this.detailCounts.get(prompt.id);
    const probs = new Float64Array(details).fill(detail_prior);
    let total = details * detail_prior;
    if (counts) for (const [d, c] of counts) {
      probs[d] += c;
      total += c;
    }
    return probs.map((p) => p / total);
  }

  sample(prompt: Prompt, n: number, rng: Rng): number[] {
    checkCount(n, this.name);
    const pi = this.approachProbs();
    const q = this.detailProbs(prompt);
    return Array.from({ length: n }, () => sampleIndex(rng, pi, 1) * this.params.details + sampleIndex(rng, q, 1));
  }

  logProb(prompt: Prompt, y: number): number {
    const { details } = this.params;
    if (!this.isAnswer(y)) return -Infinity;
    return Math.log2(this.approachProbs()[Math.floor(y / details)]) + Math.log2(this.detailProbs(prompt)[y % details]);
  }

  private isAnswer(y: unknown): y is number {
    return Number.isInteger(y) && (y as number) >= 0 && (y as number) < this.params.approaches * this.params.details;
  }

  fit(batch: Weighted<number>[], _rng: Rng): FitStats {
    checkBatch(batch, this.name, (y) => this.isAnswer(y), `an integer in [0, ${this.params.approaches * this.params.details})`);
    const { details } = this.params;
    let total = 0;
    for (const { prompt, x, weight } of batch) {
      if (weight === 0) continue;
      this.approachCounts[Math.floor(x / details)] += weight;
      const table = this.detailCounts.get(prompt.id) ?? new Map<number, number>();
      table.set(x % details, (table.get(x % details) ?? 0) + weight);
      this.detailCounts.set(prompt.id, table);
      total += weight;
    }
    return { examples: batch.length, total_weight: total };
  }

  distribution(prompt: Prompt): Distribution {
    const pi = this.approachProbs();
    const q = this.detailProbs(prompt);
    const probs = new Float64Array(pi.length * q.length);
    for (let z = 0; z < pi.length; z++) for (let d = 0; d < q.length; d++) probs[z * q.length + d] = pi[z] * q[d];
    return { kind: 'categorical', probs };
  }

  snapshot(): Snapshot {
    const json: SavedState = {
      approachCounts: Array.from(this.approachCounts),
      detailCounts: [...this.detailCounts].map(([id, table]) => [id, [...table]]),
    };
    return { learner: this.name, json };
  }

  restore(snapshot: Snapshot): void {
    checkSnapshot(snapshot.learner, this.name);
    const state = snapshot.json as Partial<SavedState>;
    if (!Array.isArray(state.approachCounts) || state.approachCounts.length !== this.params.approaches || !Array.isArray(state.detailCounts)) {
      throw new InfoloopError('E_RESUME', `approach-detail snapshot does not have ${this.params.approaches} approach counts`, 'restore a snapshot saved with the same approaches and details');
    }
    this.approachCounts = Float64Array.from(state.approachCounts);
    this.detailCounts = new Map(state.detailCounts.map(([id, table]) => [id, new Map(table)]));
  }
}

export const approachDetailEntry: Entry<Learner<number>, ApproachDetailParams> = {
  name: 'approach-detail',
  description: 'shared approach distribution (Dirichlet counts) × per-prompt memorised details',
  params,
  create: (p) => new ApproachDetailLearner(p),
};
