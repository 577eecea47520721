// Public surface of the signals layer.
export { signalRegistry } from './registry.js';
