/**
 * Instance-level imitation: every candidate is replaced by the task's reference answer for its
 * prompt. The bits it injects are the reference's surprisal −log2 P_t(y*) under the model.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Signal } from '../core/types.js';

const params = z.object({}).strict();

export const referenceEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'reference',
  description: 'replaces each candidate by the task\'s reference answer (imitation; reads the task)',
  params,
  create: (_params, { task }) => {
    if (task && !task.reference) {
      throw new InfoloopError('E_CONFIG', `signal "reference" needs a task with reference answers; "${task.name}" has none`, 'use signal: verifier, or a task that defines reference answers');
    }
    return {
      name: 'reference',
      reads: 'task',
      judge: (prompt, xs, { task: t, rng }) =>
        xs.map(() => ({ score: 1, kept: true, replacement: t.reference!(prompt, rng) })),
    };
  },
};
