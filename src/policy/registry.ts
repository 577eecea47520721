/** Data policies (what each generation trains on) by the names configs use. Add one: write its file, add one line here. */
import { Registry } from '../core/registry.js';
import type { Policy } from '../core/types.js';
import { accumulateEntry } from './accumulate.js';
import { mixEntry } from './mix.js';
import { replaceEntry } from './replace.js';

export const policyRegistry = new Registry<Policy>('policy');

policyRegistry.register(replaceEntry);
policyRegistry.register(accumulateEntry);
policyRegistry.register(mixEntry);
