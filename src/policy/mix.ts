/** Mix(λ): round(λ·n) fresh real examples plus up to n − round(λ·n) of this generation's kept set. */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Policy } from '../core/types.js';

const params = z.object({ lambda: z.number().min(0).max(1) }).strict();

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

export const mixEntry: Entry<Policy, z.infer<typeof params>> = {
  name: 'mix',
  description: 'a fraction λ of each training set is fresh real data',
  params,
  create: (p) => mixPolicy(p.lambda),
};
