/** Signals for the task gym, registered by the signal registry: rubric, environment, spurious, majority. */
import type { Entry } from '../core/registry.js';
import type { Signal } from '../core/types.js';
import { environmentEntry } from './environment.js';
import { majorityEntry } from './majority.js';
import { rubricEntry } from './rubric.js';
import { spuriousEntry } from './spurious.js';

export const gymSignalEntries: Entry<Signal<unknown>, any>[] = [rubricEntry, environmentEntry, spuriousEntry, majorityEntry];
