/** Tasks by the names configs use. Add a task: write its file, add one line here. */
import { Registry } from '../core/registry.js';
import type { Task } from '../core/types.js';
import { categoricalTargetEntry } from './categorical-target.js';
import { gaussianTargetEntry } from './gaussian-target.js';

export const taskRegistry = new Registry<Task<any>>('task');

taskRegistry.register(gaussianTargetEntry);
taskRegistry.register(categoricalTargetEntry);
