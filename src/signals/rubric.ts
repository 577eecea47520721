/**
 * A graded score in [0, 1] from named components. Tasks that define `rubricComponents` (the gym:
 * correctness, format, length; gsm8k) supply the components; any other task gets correctness
 * from `verify`. Score = Σ w_c·c / Σ w_c over the weighted components present; every component
 * is reported in `components`. Reads the task.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Prompt, Signal, Task } from '../core/types.js';

/** What a task offers to be graded by a rubric. */
export interface RubricTask {
  rubricComponents(prompt: Prompt, x: unknown): Record<string, number>;
}

export function hasRubric(task: Task<unknown>): task is Task<unknown> & RubricTask {
  return typeof (task as Partial<RubricTask>).rubricComponents === 'function';
}

/** The task's components, or correctness alone. */
export function rubricComponents(task: Task<unknown>, prompt: Prompt, x: unknown): Record<string, number> {
  return hasRubric(task) ? task.rubricComponents(prompt, x) : { correctness: task.verify(prompt, x) ? 1 : 0 };
}

const params = z
  .object({
    weights: z.record(z.string(), z.number().nonnegative()).default({ correctness: 0.6, format: 0.2, length: 0.2 }),
    /** kept = score ≥ threshold. */
    threshold: z.number().min(0).max(1).default(0.5),
  })
  .strict()
  .refine((p) => Object.values(p.weights).some((w) => w > 0), { message: 'at least one weight must be positive', path: ['weights'] });
export type RubricParams = z.infer<typeof params>;

/** Σ w_c·c / Σ w_c over the weighted components that are present. */
export function weightedScore(components: Record<string, number>, weights: Record<string, number>): number {
  let total = 0;
  let weightSum = 0;
  for (const [name, weight] of Object.entries(weights)) {
    if (!(name in components)) continue;
    total += weight * components[name];
    weightSum += weight;
  }
  if (weightSum === 0) {
    throw new InfoloopError('E_CONFIG', `rubric weights name none of the components ${Object.keys(components).join(', ')}`, 'give a positive weight to one of those components');
  }
  return total / weightSum;
}

export function rubricSignal({ weights, threshold }: RubricParams): Signal<unknown> {
  return {
    name: 'rubric',
    reads: 'task',
    judge: (prompt, xs, { task }) =>
      xs.map((x) => {
        const components = rubricComponents(task, prompt, x);
        const score = weightedScore(components, weights);
        return { score, kept: score >= threshold, components };
      }),
  };
}

export const rubricEntry: Entry<Signal<unknown>, RubricParams> = {
  name: 'rubric',
  description: 'graded score in [0,1] from named components (correctness, format, length), each reported (reads the task)',
  params,
  create: (p: RubricParams) => rubricSignal(p),
};
