/** A graded score in [0, 1] from the task (its `score`, else 1/0 from `verify`), used as a weight. */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Signal } from '../core/types.js';

const params = z.object({}).strict();

export const weightingSignal: Signal<unknown> = {
  name: 'weighting',
  reads: 'task',
  judge: (prompt, xs, { task }) =>
    xs.map((x) => {
      const score = task.score ? task.score(prompt, x) : task.verify(prompt, x) ? 1 : 0;
      return { score, kept: score > 0 };
    }),
};

export const weightingEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'weighting',
  description: 'weights candidates by the task\'s graded score in [0,1] (reads the task)',
  params,
  create: () => weightingSignal,
};
