/** Accumulate: each generation trains on every kept set so far. */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Policy } from '../core/types.js';

const params = z.object({}).strict();

export const accumulatePolicy: Policy = {
  name: 'accumulate',
  keepsHistory: true,
  reads: 'nothing',
  trainingSet: (kept, history) => ({ examples: [...history.flat(), ...kept], real: [] }),
};

export const accumulateEntry: Entry<Policy, z.infer<typeof params>> = {
  name: 'accumulate',
  description: 'train on everything kept so far',
  params,
  create: () => accumulatePolicy,
};
