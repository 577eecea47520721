// Public surface of the signals layer.
export { signalRegistry } from './registry.js';
export { rubricSignal } from './rubric.js';
export { spuriousSignal } from './spurious.js';
export { environmentSignal } from './environment.js';
export { majoritySignal } from './majority.js';
export { gymSignalEntries } from './gym-signals.js';
