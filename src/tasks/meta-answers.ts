/**
 * A task with many acceptable answers and a shared rule behind them (claim 3's exact model).
 *
 * An answer is a pair (approach z, detail d) encoded as y = z·D + d, with S approaches and D
 * details. It is correct iff its approach is one of the m valid ones, z < m, whatever the detail:
 * m·D acceptable answers per instance. The rule is the same for every family, instance and surface
 * form, so it is the only thing that can generalise. Each instance also has one reference answer
 * (a valid approach drawn uniformly and a detail drawn uniformly), which imitation copies.
 *
 * Splits: training prompts come from families 0..F−1 in forms 0..forms−1, each a fresh instance;
 * held-out prompts are fresh instances of held-out families (any form) or held-out surface forms
 * (of training families).
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { Evaluation, Learner, Prompt, PromptOptions, Task, Weighted } from '../core/types.js';
import { entropyOfProbs } from '../info/entropy.js';

const params = z
  .object({
    approaches: z.number().int().min(2).max(1000).default(20),
    valid: z.number().int().min(1).default(4),
    details: z.number().int().min(1).max(1000).default(16),
    families: z.number().int().min(1).default(4),
    forms: z.number().int().min(1).default(3),
    heldout_families: z.number().int().min(1).default(2),
    heldout_forms: z.number().int().min(1).default(1),
  })
  .strict()
  .refine((p) => p.valid < p.approaches, { message: 'valid must be smaller than approaches', path: ['valid'] });
export type MetaAnswersParams = z.infer<typeof params>;

interface InstanceData {
  referenceApproach: number;
  referenceDetail: number;
}

/** Correct probability mass of one prompt under a model, computed from its closed form or by sampling. */
function correctMass(task: MetaAnswersTask, learner: Learner<number>, prompt: Prompt, rng: Rng): { mass: number; probs: Float64Array | null } {
  const model = learner.distribution?.(prompt);
  if (model?.kind === 'categorical') {
    let mass = 0;
    for (let y = 0; y < model.probs.length; y++) if (task.verify(prompt, y)) mass += model.probs[y];
    return { mass, probs: model.probs };
  }
  const draws = 400; // Monte Carlo fallback for learners without a closed form: SE ≤ 0.025
  const xs = learner.sample(prompt, draws, rng);
  return { mass: xs.filter((x) => task.verify(prompt, x)).length / draws, probs: null };
}

export class MetaAnswersTask implements Task<number> {
  readonly name = 'meta-answers';

  constructor(readonly params: MetaAnswersParams) {}

  get answers(): number {
    return this.params.approaches * this.params.details;
  }

  prompt(rng: Rng, options: PromptOptions = {}): Prompt {
    const { families, forms, heldout_families, heldout_forms, valid, details } = this.params;
    let family: number;
    let form: number;
    const split = options.split ?? 'train';
    if (split === 'train') {
      family = rng.int(families);
      form = rng.int(forms);
    } else if (options.form === 'heldout-family' || (options.form === undefined && rng.next() < 0.5)) {
      family = families + rng.int(heldout_families);
      form = rng.int(forms + heldout_forms);
    } else {
      family = rng.int(families);
      form = forms + rng.int(heldout_forms);
    }
    const instance = rng.uint32().toString(16).padStart(8, '0') + rng.uint32().toString(16).padStart(8, '0');
    const data: InstanceData = { referenceApproach: rng.int(valid), referenceDetail: rng.int(details) };
    return {
      id: `f${family}/s${form}/${instance}`,
      text: `family ${family}, form ${form}: instance ${instance}`,
      family: `f${family}`,
      form: `s${form}`,
      split,
      data,
    };
  }

  verify(_prompt: Prompt, y: number): boolean {
    return Number.isInteger(y) && y >= 0 && y < this.answers && Math.floor(y / this.params.details) < this.params.valid;
  }

  reference(prompt: Prompt): number {
    const data = prompt.data as InstanceData | undefined;
    if (!data || typeof data.referenceApproach !== 'number') {
      throw new InfoloopError('E_INPUT', `prompt "${prompt.id}" was not made by task meta-answers`, 'ask the task for its prompts with task.prompt(rng)');
    }
    return data.referenceApproach * this.params.details + data.referenceDetail;
  }

  real(n: number, rng: Rng): Weighted<number>[] {
    return Array.from({ length: n }, () => {
      const prompt = this.prompt(rng, { split: 'train' });
      return { prompt, x: this.reference(prompt), weight: 1 };
    });
  }

  /** Accuracy on a fresh training-family instance; held-out accuracy over held-out families and forms. */
  evaluate(learner: Learner<number>, rng: Rng): Evaluation {
    const train = this.prompt(rng, { split: 'train' });
    const trainResult = correctMass(this, learner, train, rng);
    const family = correctMass(this, learner, this.prompt(rng, { split: 'heldout', form: 'heldout-family' }), rng).mass;
    const form = correctMass(this, learner, this.prompt(rng, { split: 'heldout', form: 'heldout-form' }), rng).mass;
    const probs = trainResult.probs;
    let gap: number | null = null;
    if (probs) {
      // KL(U_correct ‖ P) over the m·D acceptable answers.
      const acceptable = this.params.valid * this.params.details;
      gap = 0;
      for (let y = 0; y < acceptable; y++) gap += (Math.log2(1 / acceptable) - Math.log2(probs[y])) / acceptable;
    }
    return {
      accuracy: trainResult.mass,
      heldout_accuracy: (family + form) / 2,
      gap_bits: gap,
      entropy_bits: probs ? entropyOfProbs(probs) : null,
      support: probs ? probs.filter((p) => p > 0).length : null,
      extras: { heldout_family_accuracy: family, heldout_form_accuracy: form },
    };
  }
}

export const metaAnswersEntry: Entry<Task<number>, MetaAnswersParams> = {
  name: 'meta-answers',
  description: 'answers (approach, detail); correct iff the approach is one of m valid ones; held-out families and surface forms',
  params,
  create: (p) => new MetaAnswersTask(p),
};
