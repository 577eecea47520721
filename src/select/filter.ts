/** Hard filter: train on the kept candidates (or their replacements), weight 1 each. */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Judged, Selector, Weighted } from '../core/types.js';

const params = z.object({}).strict();

/** The example a judged candidate trains on: its replacement (imitation) or itself. */
export function trainingExample<X>(j: Judged<X>, weight: number): Weighted<X> {
  const x = j.judgement.replacement !== undefined ? (j.judgement.replacement as X) : j.x;
  return { prompt: j.prompt, x, weight };
}

export const filterSelector: Selector = {
  name: 'filter',
  mode: 'filter',
  select: (judged) => judged.filter((j) => j.judgement.kept !== false).map((j) => trainingExample(j, 1)),
  selectColumns: ({ kept }, _rng, scratch) => {
    let count = 0;
    for (let i = 0; i < kept.length; i++) count += kept[i];
    const index = scratch ? scratch.index.subarray(0, count) : new Int32Array(count);
    for (let i = 0, k = 0; i < kept.length; i++) if (kept[i]) index[k++] = i;
    const weight = scratch ? scratch.weight.subarray(0, count).fill(1) : new Float64Array(count).fill(1);
    return { index, weight };
  },
};

export const filterEntry: Entry<Selector, z.infer<typeof params>> = {
  name: 'filter',
  description: 'keep what the signal kept (weight 1)',
  params,
  create: () => filterSelector,
};
