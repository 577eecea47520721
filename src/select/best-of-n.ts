/**
 * Per prompt, keep the top-scoring candidate among those the signal did not reject (first on
 * ties). Generate several candidates per prompt with `samples_per_prompt`.
 */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Judged, Selector } from '../core/types.js';
import { trainingExample } from './filter.js';

const params = z.object({}).strict();

export const bestOfNSelector: Selector = {
  name: 'best-of-n',
  mode: 'best-of-n',
  select: <X>(judged: Judged<X>[]) => {
    const best = new Map<number, Judged<X>>();
    for (const j of judged) {
      if (j.judgement.kept === false) continue;
      const current = best.get(j.group);
      if (!current || j.judgement.score > current.judgement.score) best.set(j.group, j);
    }
    return [...best.keys()].sort((a, b) => a - b).map((group) => trainingExample(best.get(group)!, 1));
  },
};

export const bestOfNEntry: Entry<Selector, z.infer<typeof params>> = {
  name: 'best-of-n',
  description: 'per prompt keep the top-scoring candidate',
  params,
  create: () => bestOfNSelector,
};
