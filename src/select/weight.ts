/** Importance weighting: every candidate trains with weight = its score (scores must be ≥ 0). */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Selector } from '../core/types.js';
import { trainingExample } from './filter.js';

const params = z.object({}).strict();

function checkedWeight(w: number): number {
  if (!(Number.isFinite(w) && w >= 0)) {
    throw new InfoloopError('E_RUN', `select "weight" got score ${w}; weights must be finite and >= 0`, 'use a signal with scores in [0,1] (e.g. weighting, rubric)', 1);
  }
  return w;
}

export const weightSelector: Selector = {
  name: 'weight',
  mode: 'weight',
  select: (judged) => judged.map((j) => trainingExample(j, checkedWeight(j.judgement.score))).filter((example) => example.weight > 0),
  selectColumns: ({ score }, _rng, scratch) => {
    let count = 0;
    for (let i = 0; i < score.length; i++) if (checkedWeight(score[i]) > 0) count++;
    const index = scratch ? scratch.index.subarray(0, count) : new Int32Array(count);
    const weight = scratch ? scratch.weight.subarray(0, count) : new Float64Array(count);
    for (let i = 0, k = 0; i < score.length; i++) {
      if (score[i] > 0) {
        index[k] = i;
        weight[k++] = score[i];
      }
    }
    return { index, weight };
  },
};

export const weightEntry: Entry<Selector, z.infer<typeof params>> = {
  name: 'weight',
  description: 'train on every candidate weighted by its score',
  params,
  create: () => weightSelector,
};
