/** Learners by the names configs use. Add a learner: write its file, add one line here. */
import { Registry } from '../core/registry.js';
import type { Learner } from '../core/types.js';
import { approachDetailEntry } from './approach-detail.js';
import { categoricalEntry } from './categorical.js';
import { endpointEntry } from './endpoint.js';
import { gaussianEntry } from './gaussian.js';
import { ngramEntry } from './ngram.js';
import { transformerEntry } from './transformer/index.js';
import { twoSkillEntry } from './two-skill.js';

export const learnerRegistry = new Registry<Learner<any>>('learner');

learnerRegistry.register(gaussianEntry);
learnerRegistry.register(categoricalEntry);
learnerRegistry.register(ngramEntry);
learnerRegistry.register(transformerEntry);
learnerRegistry.register(approachDetailEntry);
learnerRegistry.register(twoSkillEntry);
learnerRegistry.register(endpointEntry);
