/**
 * A rubric whose score also rewards a surface feature F that says nothing about correctness:
 * F = 1 when the answer ends with `marker` (gym normalisation ignores a trailing `!`, `.` or `?`,
 * so adding it never changes correctness C). Score = (1 − weight)·C + weight·F; both C and F are
 * recorded in `components` (`correct`, `feature`) so that I(S;C) and I(S;F|C) can be estimated.
 * The correlation of F and C in the training data is set on the task (`spurious.correlation`).
 */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Signal } from '../core/types.js';

const params = z
  .object({
    /** Mixing weight of the feature in the score. */
    weight: z.number().min(0).max(1).default(0.5),
    marker: z.enum(['!', '.', '?']).default('!'),
    /** kept = score ≥ threshold. */
    threshold: z.number().min(0).max(1).default(0.5),
  })
  .strict();
export type SpuriousParams = z.infer<typeof params>;

/** F: the answer (trailing whitespace aside) ends with the marker. */
export function hasFeature(x: unknown, marker: string): boolean {
  return typeof x === 'string' && x.trimEnd().endsWith(marker);
}

export function spuriousSignal({ weight, marker, threshold }: SpuriousParams): Signal<unknown> {
  return {
    name: 'spurious',
    reads: 'task',
    judge: (prompt, xs, { task }) =>
      xs.map((x) => {
        const correct = task.verify(prompt, x) ? 1 : 0;
        const feature = hasFeature(x, marker) ? 1 : 0;
        const score = (1 - weight) * correct + weight * feature;
        return { score, kept: score >= threshold, components: { correct, feature } };
      }),
  };
}

export const spuriousEntry: Entry<Signal<unknown>, SpuriousParams> = {
  name: 'spurious',
  description: 'score = (1−w)·correct + w·[answer ends with a marker]; records both (reads the task)',
  params,
  create: (p: SpuriousParams) => spuriousSignal(p),
};
