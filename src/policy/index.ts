// Public surface of the policy layer.
export { policyRegistry } from './registry.js';
export { replacePolicy } from './replace.js';
export { accumulatePolicy } from './accumulate.js';
export { mixPolicy } from './mix.js';
