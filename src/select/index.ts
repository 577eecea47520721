// Public surface of the selection layer.
export { selectorRegistry } from './registry.js';
