/** The `transformer` learner's registry entry: `learner: { name: transformer, preset: s, ... }`. */
import type { Entry } from '../../core/registry.js';
import type { Learner } from '../../core/types.js';
import { transformerParams, type TransformerParams } from './config.js';
import { TransformerLearner } from './learner.js';

export { presets, transformerParams, type ModelShape, type TransformerParams } from './config.js';
export { TransformerLearner } from './learner.js';
export { parameterCount } from './model.js';

export const transformerEntry: Entry<Learner<string>, TransformerParams> = {
  name: 'transformer',
  description: 'decoder-only GPT (presets xs, s, m) over bytes or BPE, trained with AdamW in-process',
  params: transformerParams as unknown as Entry<Learner<string>, TransformerParams>['params'],
  create: (params, context) => new TransformerLearner(params, context.seed),
};
