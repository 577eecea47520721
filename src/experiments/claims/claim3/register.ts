/** Puts claim 3's task and learner in the registries on import, so run configs can name them. */
import { learnerRegistry } from '../../../learners/registry.js';
import { taskRegistry } from '../../../tasks/registry.js';
import { approachDetailEntry } from './approach-learner.js';
import { metaAnswersEntry } from './answers-task.js';

// Guarded: a module graph may be loaded twice (tests, workers) against the same registry.
if (!taskRegistry.has(metaAnswersEntry.name)) taskRegistry.register(metaAnswersEntry);
if (!learnerRegistry.has(approachDetailEntry.name)) learnerRegistry.register(approachDetailEntry);
