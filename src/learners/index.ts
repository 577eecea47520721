// Public surface of the learners layer.
export { learnerRegistry } from './registry.js';
export { GaussianLearner } from './gaussian.js';
export { CategoricalLearner } from './categorical.js';
