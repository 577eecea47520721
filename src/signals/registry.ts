/** Signals by the names configs use. Add a signal: write its file, add one line here. */
import { Registry } from '../core/registry.js';
import type { Signal } from '../core/types.js';
import { gymSignalEntries } from './gym-signals.js';
import { llmJudgeEntry } from './llm-judge.js';
import { noneEntry } from './none.js';
import { proxyRubricEntry } from './proxy-rubric.js';
import { referenceEntry } from './reference.js';
import { selfJudgeEntry } from './self-judge.js';
import { verifierEntry } from './verifier.js';
import { weightingEntry } from './weighting.js';

export const signalRegistry = new Registry<Signal<any>>('signal');

signalRegistry.register(noneEntry);
signalRegistry.register(verifierEntry);
signalRegistry.register(referenceEntry);
signalRegistry.register(selfJudgeEntry);
signalRegistry.register(weightingEntry);
signalRegistry.register(llmJudgeEntry);
for (const entry of gymSignalEntries) signalRegistry.register(entry);
signalRegistry.register(proxyRubricEntry);
