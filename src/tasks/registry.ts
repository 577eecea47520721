/** Tasks by the names configs use. Add a task: write its file, add one line here. */
import { Registry } from '../core/registry.js';
import type { Task } from '../core/types.js';
import { categoricalTargetEntry } from './categorical-target.js';
import { gaussianTargetEntry } from './gaussian-target.js';
import { gsm8kEntry } from './gsm8k.js';
import { gymTaskEntries } from './gym-registry.js';
import { metaAnswersEntry } from './meta-answers.js';
import { shortcutTaskEntry } from './shortcut-arith.js';
import { textTaskEntry } from './text.js';

export const taskRegistry = new Registry<Task<any>>('task');

taskRegistry.register(gaussianTargetEntry);
taskRegistry.register(categoricalTargetEntry);
for (const entry of gymTaskEntries) taskRegistry.register(entry);
taskRegistry.register(gsm8kEntry);
taskRegistry.register(textTaskEntry);
taskRegistry.register(metaAnswersEntry);
taskRegistry.register(shortcutTaskEntry);
