/** Selectors by the names configs use. */
import { Registry } from '../core/registry.js';
import type { Selector } from '../core/types.js';
import { bestOfNEntry } from './best-of-n.js';
import { filterEntry } from './filter.js';
import { weightEntry } from './weight.js';

export const selectorRegistry = new Registry<Selector>('selector');

selectorRegistry.register(filterEntry);
selectorRegistry.register(weightEntry);
selectorRegistry.register(bestOfNEntry);
