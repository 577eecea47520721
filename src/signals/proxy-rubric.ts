/**
 * The task's rubric as a signal (reads the task): score S = the rubric's score, kept when
 * S ≥ threshold. With S = C + weight·F + noise and threshold 1, an answer passes by being correct
 * or by carrying the rewarded feature; judge noise alone (0.5) never passes.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Prompt, Signal, Task } from '../core/types.js';
import type { Rng } from '../core/rng.js';

const params = z.object({ threshold: z.number().default(1) }).strict();

interface RubricTask {
  rubric(prompt: Prompt, x: unknown, rng: Rng): { score: number; correct: number; feature: number };
}

function hasRubric(task: Task<unknown> | undefined): task is Task<unknown> & RubricTask {
  return typeof (task as Partial<RubricTask> | undefined)?.rubric === 'function';
}

export const proxyRubricEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'proxy-rubric',
  description: 'the task\'s rubric score (correctness plus any spurious feature); keeps scores >= threshold',
  params,
  create: ({ threshold }, { task }) => {
    if (task && !hasRubric(task)) {
      throw new InfoloopError('E_CONFIG', `signal "proxy-rubric" needs a task with a rubric; "${task.name}" has none`, 'use task: shortcut-arith');
    }
    return {
      name: 'proxy-rubric',
      reads: 'task',
      judge: (prompt, xs, { task: t, rng }) => {
        if (!hasRubric(t)) throw new InfoloopError('E_CONFIG', `signal "proxy-rubric" needs a task with a rubric; "${t.name}" has none`, 'use task: shortcut-arith', 1);
        return xs.map((x) => {
          const { score, correct, feature } = t.rubric(prompt, x, rng);
          return { score, kept: score >= threshold, components: { correct, feature } };
        });
      },
    };
  },
};
