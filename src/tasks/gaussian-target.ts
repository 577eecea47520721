/**
 * Real data is N(mean, variance); the gap is KL(N(mean, variance) ‖ model) in bits, in closed form.
 * There is no notion of a wrong sample, so `verify` accepts every finite number.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { Distribution, Evaluation, Learner, Prompt, Task, Weighted } from '../core/types.js';
import { gaussianKl } from '../info/divergence.js';

const params = z
  .object({
    mean: z.number().finite().default(0),
    variance: z.number().finite().positive().default(1),
  })
  .strict();
export type GaussianTargetParams = z.infer<typeof params>;

const PROMPT: Prompt = { id: 'gaussian', text: '' };

export { gaussianKl };

export class GaussianTarget implements Task<number> {
  readonly name = 'gaussian-target';

  constructor(readonly params: GaussianTargetParams) {}

  prompt(): Prompt {
    return PROMPT;
  }

  verify(_prompt: Prompt, x: number): boolean {
    return Number.isFinite(x);
  }

  reference(_prompt: Prompt, rng: Rng): number {
    return this.params.mean + Math.sqrt(this.params.variance) * rng.normal();
  }

  real(n: number, rng: Rng): Weighted<number>[] {
    return Array.from({ length: n }, () => ({ prompt: PROMPT, x: this.reference(PROMPT, rng), weight: 1 }));
  }

  target(): Distribution {
    return { kind: 'gaussian', mean: this.params.mean, variance: this.params.variance };
  }

  evaluate(learner: Learner<number>): Evaluation {
    const model = learner.distribution?.(PROMPT);
    if (model?.kind !== 'gaussian') {
      throw new InfoloopError('E_CONFIG', `task gaussian-target needs a learner with a Gaussian distribution, got "${learner.name}"`, 'use learner: { name: gaussian }');
    }
    const { mean, variance } = this.params;
    return {
      gap_bits: gaussianKl(mean, variance, model.mean, model.variance),
      entropy_bits: model.variance > 0 ? 0.5 * Math.log2(2 * Math.PI * Math.E * model.variance) : -Infinity,
      extras: { mean: model.mean, variance: model.variance },
    };
  }
}

export const gaussianTargetEntry: Entry<Task<number>, GaussianTargetParams> = {
  name: 'gaussian-target',
  description: 'real data N(mean, variance); gap = KL(real ‖ model)',
  params,
  create: (p) => new GaussianTarget(p),
};
