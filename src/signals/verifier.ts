/** Keeps a candidate iff the task's ground truth accepts it. Reads the task: the loop is open. */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Signal } from '../core/types.js';

const params = z.object({}).strict();

export const verifierSignal: Signal<unknown> = {
  name: 'verifier',
  reads: 'task',
  judge: (prompt, xs, { task }) =>
    xs.map((x) => {
      const ok = task.verify(prompt, x);
      return { score: ok ? 1 : 0, kept: ok };
    }),
};

export const verifierEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'verifier',
  description: 'keeps candidates the task verifies as correct (reads the task)',
  params,
  create: () => verifierSignal,
};
