/** Replace: each generation trains on its own kept set only. */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Policy } from '../core/types.js';

const params = z.object({}).strict();

export const replacePolicy: Policy = {
  name: 'replace',
  keepsHistory: false,
  reads: 'nothing',
  trainingSet: (kept) => ({ examples: kept, real: [] }),
  trainingColumns: (kept) => kept,
};

export const replaceEntry: Entry<Policy, z.infer<typeof params>> = {
  name: 'replace',
  description: 'train on this generation only',
  params,
  create: () => replacePolicy,
};
