// Public surface of the tasks layer.
export { taskRegistry } from './registry.js';
export { GaussianTarget, gaussianKl } from './gaussian-target.js';
export { CategoricalTarget } from './categorical-target.js';
