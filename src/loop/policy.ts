/**
 * Data policies: what each generation trains on.
 * - replace: this generation's kept set only;
 * - accumulate: every kept set so far;
 * - mix(λ): round(λ·n) fresh real examples plus up to n − round(λ·n) of this generation's kept set.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import { Registry, type Entry } from '../core/registry.js';
import type { Policy } from '../core/types.js';

const empty = z.object({}).strict();
const mixParams = z.object({ lambda: z.number().min(0).max(1) }).strict();

export const replacePolicy: Policy = {
  name: 'replace',
  keepsHistory: false,
  reads: 'nothing',
  trainingSet: (kept) => ({ examples: kept, real: [] }),
};

export const accumulatePolicy: Policy = {
  name: 'accumulate',
  keepsHistory: true,
  reads: 'nothing',
  trainingSet: (kept, history) => ({ examples: [...history.flat(), ...kept], real: [] }),
};

export function mixPolicy(lambda: number): Policy {
  return {
    name: 'mix',
    keepsHistory: false,
    reads: lambda > 0 ? 'task' : 'nothing',
    trainingSet: (kept, _history, { task, n, rng }) => {
      const fresh = Math.round(lambda * n);
      if (fresh > 0 && !task.real) {
        throw new InfoloopError('E_CONFIG', `policy "mix" needs real data, and task "${task.name}" has none`, 'use policy: replace or accumulate with this task', 2);
      }
      const real = fresh > 0 ? task.real!(fresh, rng.fork('real')) : [];
      return { examples: [...kept.slice(0, Math.max(0, n - fresh)), ...real], real };
    },
  };
}

export const policyRegistry = new Registry<Policy>('policy');

policyRegistry.register({ name: 'replace', description: 'train on this generation only', params: empty, create: () => replacePolicy } as Entry<Policy>);
policyRegistry.register({ name: 'accumulate', description: 'train on everything kept so far', params: empty, create: () => accumulatePolicy } as Entry<Policy>);
policyRegistry.register({
  name: 'mix',
  description: 'a fraction λ of each training set is fresh real data',
  params: mixParams,
  create: (p: z.infer<typeof mixParams>) => mixPolicy(p.lambda),
} as Entry<Policy>);
