// Public surface of the tasks layer.
export { taskRegistry } from './registry.js';
export { GaussianTarget, gaussianKl } from './gaussian-target.js';
export { CategoricalTarget } from './categorical-target.js';
export { GymTask, renderPrompt, spuriousRates, type GymOptions, type HeldoutAxis } from './gym-task.js';
export { FAMILIES, FAMILY_NAMES } from './families/index.js';
export { FORMS, DIFFICULTIES, normalise, accepts, type Family, type Environment, type AnswerKind } from './gym.js';
export { gymTaskEntries } from './gym-registry.js';
export { Gsm8kTask, extractAnswer, gsm8kEntry } from './gsm8k.js';
export { catalog, showInstances } from './gym-catalog.js';
export { TextTask, textTaskEntry, DEFAULT_TEXT_PATH, type TextTaskParams } from './text.js';
