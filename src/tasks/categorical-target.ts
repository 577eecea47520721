/**
 * K answers with a target distribution: uniform or Zipf(s) over K, or — when `correct: m` is
 * given — the uniform distribution U_A over the correct set A = {0, …, m−1}, which the verifier
 * checks. Gap = KL(target ‖ P_t) (Infinity when the model has lost part of the target's support).
 */
import { z } from 'zod';
import { CumulativeSampler, uniformProbs, zipfProbs } from '../core/distributions.js';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { Distribution, Evaluation, Learner, Prompt, Task, Weighted } from '../core/types.js';
import { entropyOfProbs } from '../info/entropy.js';
import { klDivergence } from '../info/divergence.js';

const params = z
  .object({
    K: z.number().int().min(1).max(10_000_000),
    target: z.enum(['uniform', 'zipf']).default('uniform'),
    s: z.number().positive().default(1.1),
    correct: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((p) => p.correct === undefined || p.correct <= p.K, { message: 'correct must be at most K', path: ['correct'] });
export type CategoricalTargetParams = z.infer<typeof params>;

const PROMPT: Prompt = { id: 'categorical', text: '' };

export class CategoricalTarget implements Task<number> {
  readonly name = 'categorical-target';
  readonly targetProbs: Float64Array;
  private readonly sampler: CumulativeSampler;

  constructor(readonly params: CategoricalTargetParams) {
    const { K, correct } = params;
    if (correct !== undefined) {
      this.targetProbs = new Float64Array(K);
      this.targetProbs.fill(1 / correct, 0, correct);
    } else {
      this.targetProbs = params.target === 'zipf' ? zipfProbs(K, params.s) : uniformProbs(K);
    }
    this.sampler = new CumulativeSampler(this.targetProbs);
  }

  prompt(): Prompt {
    return PROMPT;
  }

  /** In the correct set when one is configured, otherwise in the target's support. */
  verify(_prompt: Prompt, x: number): boolean {
    return Number.isInteger(x) && x >= 0 && x < this.params.K && this.targetProbs[x] > 0;
  }

  reference(_prompt: Prompt, rng: Rng): number {
    return this.sampler.draw(rng);
  }

  real(n: number, rng: Rng): Weighted<number>[] {
    return Array.from({ length: n }, () => ({ prompt: PROMPT, x: this.sampler.draw(rng), weight: 1 }));
  }

  target(): Distribution {
    return { kind: 'categorical', probs: this.targetProbs };
  }

  evaluate(learner: Learner<number>): Evaluation {
    const model = learner.distribution?.(PROMPT);
    if (model?.kind !== 'categorical' || model.probs.length !== this.params.K) {
      throw new InfoloopError(
        'E_CONFIG',
        `task categorical-target (K=${this.params.K}) needs a categorical learner with the same K`,
        `use learner: { name: categorical, K: ${this.params.K} }`,
      );
    }
    const p = model.probs;
    let support = 0;
    let squares = 0;
    let correctMass = 0;
    for (let k = 0; k < p.length; k++) {
      if (p[k] > 0) support++;
      squares += p[k] * p[k];
      if (this.params.correct !== undefined && k < this.params.correct) correctMass += p[k];
    }
    return {
      gap_bits: klDivergence(this.targetProbs, p),
      accuracy: this.params.correct !== undefined ? correctMass : null,
      entropy_bits: entropyOfProbs(p),
      support,
      extras: { heterozygosity: 1 - squares },
    };
  }
}

export const categoricalTargetEntry: Entry<Task<number>, CategoricalTargetParams> = {
  name: 'categorical-target',
  description: 'K answers; target uniform, Zipf(s), or uniform over a correct set A = {0..m−1}',
  params,
  create: (p) => new CategoricalTarget(p),
};
