/** Puts claim 4's task, learner and signal in the registries on import, so run configs can name them. */
import { learnerRegistry } from '../../../learners/registry.js';
import { signalRegistry } from '../../../signals/registry.js';
import { taskRegistry } from '../../../tasks/registry.js';
import { proxyRubricEntry } from './rubric-signal.js';
import { shortcutTaskEntry } from './shortcut-task.js';
import { twoSkillEntry } from './skills-learner.js';

// Guarded: a module graph may be loaded twice (tests, workers) against the same registry.
if (!taskRegistry.has(shortcutTaskEntry.name)) taskRegistry.register(shortcutTaskEntry);
if (!learnerRegistry.has(twoSkillEntry.name)) learnerRegistry.register(twoSkillEntry);
if (!signalRegistry.has(proxyRubricEntry.name)) signalRegistry.register(proxyRubricEntry);
