/**
 * The model judges itself: keep candidates whose log-probability under the model is at or above
 * the batch median. Reads only the model, so the loop stays closed while the filter sharpens it.
 */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Signal } from '../core/types.js';

const params = z.object({}).strict();

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const selfJudgeSignal: Signal<unknown> = {
  name: 'self-judge',
  reads: 'model',
  judge: (prompt, xs, { learner }) => {
    if (xs.length === 0) return [];
    const scores = xs.map((x) => learner.logProb(prompt, x));
    const threshold = median(scores);
    // Ties at the median are kept, so a model that is uniform over its samples keeps them all.
    return scores.map((score) => ({ score, kept: score >= threshold }));
  },
};

export const selfJudgeEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'self-judge',
  description: 'keeps candidates at or above the batch median model log-probability (reads the model)',
  params,
  create: () => selfJudgeSignal,
};
