/**
 * One contract fixture per registered name, for every registry (tasks, learners, signals,
 * selectors, policies). test/contracts/registered.test.ts runs the contract suites over the
 * registries and fails when a registered name has no fixture here.
 */
import type { Learner, Prompt, Weighted } from '../../src/core/types.js';
import { ApproachDetailLearner } from '../../src/learners/approach-detail.js';
import { CategoricalLearner } from '../../src/learners/categorical.js';
import { GaussianLearner } from '../../src/learners/gaussian.js';
import { NgramLearner } from '../../src/learners/ngram.js';
import { transformerParams } from '../../src/learners/transformer/config.js';
import { TransformerLearner } from '../../src/learners/transformer/learner.js';
import { TwoSkillLearner } from '../../src/learners/two-skill.js';
import { CategoricalTarget } from '../../src/tasks/categorical-target.js';
import { FAMILIES } from '../../src/tasks/families/index.js';
import { gymTaskEntries } from '../../src/tasks/gym-registry.js';
import { GymTask, familyByName, renderPrompt, type GymOptions } from '../../src/tasks/gym-task.js';
import { taskRegistry } from '../../src/tasks/registry.js';
import { ShortcutTask } from '../../src/tasks/shortcut-arith.js';
import type { LearnerFixture } from './learner.js';
import type { PolicyFixture } from './policy.js';
import type { SelectorFixture } from './selector.js';
import type { SignalFixture } from './signal.js';
import { uniformLearner, type TaskFixture } from './task.js';

// ---- tasks
const answersOf = (prompt: Prompt) => familyByName(prompt.family!)!.answers(prompt.data);
const halfWrong = uniformLearner((prompt) => [...answersOf(prompt), 'wrong-answer']);
const registered = (spec: { name: string } & Record<string, unknown>) => () => taskRegistry.create(spec, { seed: 1 });
const gsm8k = registered({ name: 'gsm8k', eval_prompts: 10 })();

export const taskFixtures: Record<string, TaskFixture<any>> = {
  gym: { make: registered({ name: 'gym', eval_prompts: 16 }), learner: halfWrong, neverCorrect: ['', 'wrong-answer', 7] },
  ...Object.fromEntries(
    gymTaskEntries.filter((entry) => entry.name !== 'gym').map((entry) => [entry.name, { make: registered({ name: entry.name, eval_prompts: 8 }), learner: halfWrong, n: 15, neverCorrect: ['', 'wrong-answer'] }]),
  ),
  gsm8k: { make: () => gsm8k, learner: uniformLearner((prompt) => [gsm8k.reference!(prompt, undefined as never) as string, 'I do not know']), neverCorrect: ['', 'no idea', '#### 0.123'] },
  'categorical-target': {
    make: registered({ name: 'categorical-target', K: 10, correct: 3 }),
    learner: new CategoricalLearner({ K: 10, alpha: 1, smoothing: 0, init: 'zipf', s: 1 }),
    neverCorrect: [-1, 1.5, 10, 'a'],
    fixedPrompt: true,
    verifyIgnoresPrompt: true,
  },
  'gaussian-target': {
    make: registered({ name: 'gaussian-target' }),
    learner: new GaussianLearner({ mean: 0.5, variance: 2, estimator: 'mle' }),
    neverCorrect: [NaN, Infinity],
    fixedPrompt: true,
    verifyIgnoresPrompt: true,
  },
  text: {
    make: registered({ name: 'text', sample_chars: 64, eval_chars: 2000, eval_samples: 2 }),
    learner: new NgramLearner({ order: 2, max_tokens: 64 }),
    n: 5,
    fixedPrompt: true,
    verifyIgnoresPrompt: true,
  },
  'meta-answers': {
    make: registered({ name: 'meta-answers', approaches: 5, valid: 2, details: 3 }),
    learner: new ApproachDetailLearner({ approaches: 5, details: 3, prior: 1, detail_prior: 1 }),
    neverCorrect: [-1, 1.5, 15, 14],
    verifyIgnoresPrompt: true,
  },
  'shortcut-arith': {
    make: registered({ name: 'shortcut-arith', evaluation_samples: 50 }),
    learner: new TwoSkillLearner({ feature: 'final-char', correct_rate: 0.5, feature_rate: 0.5, solve: 0.3, shortcut: 0.1, feature_base: 0.05, numbers: 99 }),
    neverCorrect: ['', 'x', -1],
  },
};

// ---- learners
const empty: Prompt = { id: 'p', text: '' };
const question: Prompt = { id: 'q', text: 'say hello: ' };
const lines = ['hello there', 'hello world', 'help me', 'hold the door', 'the world is wide', 'hello hello'];
const textBatch: Weighted<string>[] = lines.map((x, i) => ({ prompt: i % 2 ? question : empty, x, weight: 1 + (i % 3) * 0.5 }));
const arithmetic: Prompt = { id: '20+3', text: '20 + 3 =' };
const instance: Prompt = { id: 'f0/s0/a', text: 'instance a' };

export const learnerFixtures: Record<string, LearnerFixture<any>> = {
  gaussian: {
    make: () => new GaussianLearner({ mean: 0, variance: 1, estimator: 'mle' }),
    prompt: empty,
    batch: [1, 2, 4, 7].map((x) => ({ prompt: empty, x, weight: 1 })),
    badBatches: [[{ prompt: empty, x: 'a', weight: 1 }], [{ prompt: empty, x: 1, weight: -1 }], [{ prompt: empty, x: NaN, weight: 1 }]],
  },
  categorical: {
    make: () => new CategoricalLearner({ K: 5, alpha: 0.5, smoothing: 0, init: 'uniform', s: 1.1 }),
    prompt: empty,
    batch: [0, 0, 1, 3].map((x) => ({ prompt: empty, x, weight: 1 })),
    badBatches: [[{ prompt: empty, x: 5, weight: 1 }], [{ prompt: empty, x: 1.5, weight: 1 }], [{ prompt: empty, x: 0, weight: Infinity }]],
  },
  ngram: {
    make: () => new NgramLearner({ order: 3, max_tokens: 20 }),
    prompt: question,
    batch: textBatch,
    badBatches: [[{ prompt: empty, x: 42, weight: 1 }], [{ prompt: empty, x: 'ok', weight: -1 }], [{ prompt: empty, x: 'ok', weight: NaN }], [{ prompt: {} as Prompt, x: 'ok', weight: 1 }]],
  },
  transformer: {
    make: () => new TransformerLearner(transformerParams.parse({ preset: 'xs', steps_per_generation: 3, batch_size: 4, max_tokens: 12, workers: 1 }), 1),
    prompt: { id: 'p', text: 'ab' },
    batch: [
      { prompt: { id: 'p', text: 'ab' }, x: 'cd', weight: 1 },
      { prompt: { id: 'p', text: 'ab' }, x: 'cde', weight: 2 },
      { prompt: { id: 'q', text: '' }, x: 'hello there, a longer answer than the context', weight: 0.5 },
    ],
    badBatches: [[{ prompt: empty, x: 3, weight: 1 }], [{ prompt: empty, x: 'a', weight: -1 }], [{ prompt: empty, x: 'a', weight: NaN }]],
    n: 6,
  },
  'approach-detail': {
    make: () => new ApproachDetailLearner({ approaches: 5, details: 3, prior: 1, detail_prior: 1 }),
    prompt: instance,
    batch: [{ prompt: instance, x: 4, weight: 1 }, { prompt: { id: 'f1/s2/b', text: 'instance b' }, x: 7, weight: 2 }],
    badBatches: [[{ prompt: instance, x: 15, weight: 1 }], [{ prompt: instance, x: 1.5, weight: 1 }], [{ prompt: instance, x: 0, weight: -1 }]],
  },
  'two-skill': {
    make: () => new TwoSkillLearner({ feature: 'final-char', correct_rate: 0.5, feature_rate: 0.5, solve: 0.3, shortcut: 0.1, feature_base: 0.05, numbers: 99 }),
    prompt: arithmetic,
    batch: [{ prompt: arithmetic, x: '23.', weight: 1 }, { prompt: arithmetic, x: '7!', weight: 1 }],
    badBatches: [[{ prompt: arithmetic, x: 5, weight: 1 }], [{ prompt: arithmetic, x: '23.', weight: -1 }]],
  },
};

// ---- signals
const categoricalTask = new CategoricalTarget({ K: 10, target: 'uniform', s: 1.1, correct: 3 });
const categoricalLearner: Learner<number> = new CategoricalLearner({ K: 10, alpha: 1, smoothing: 0, init: 'zipf', s: 1 });
const onCategorical = (name: string): SignalFixture<number> => ({
  spec: { name }, badParams: [{ unexpected: 1 }], task: categoricalTask, learner: categoricalLearner, prompt: categoricalTask.prompt(), candidates: [0, 1, 2, 3, 4, 5, 9, 9],
});
const GYM: GymOptions = { families: ['addition'], heldout: 'form', heldout_forms: ['instruction'], difficulty: [1], heldout_difficulty: [2], heldout_fraction: 0.2, eval_prompts: 8, pretrain: 0 };
const gym = (options: Partial<GymOptions> = {}) => new GymTask('gym', { ...GYM, ...options }, 1);
const family = (name: string) => FAMILIES.find((f) => f.name === name)!;
const additionPrompt = renderPrompt(family('addition'), { a: 12, b: 7 }, 'compact', 1, 'train');
const gridPrompt = renderPrompt(family('grid-walk'), { rows: 3, columns: 3, walls: [4], start: 0, goal: 8 }, 'compact', 1, 'train');
const gymLearner = uniformLearner(() => ['19', '18']);
const shortcut = new ShortcutTask({ feature: 'final-char', weight: 1, noise: 0.2, evaluation_samples: 400, audit: 32 });

export const signalFixtures: Record<string, SignalFixture<any>> = {
  ...Object.fromEntries(['none', 'verifier', 'reference', 'self-judge', 'weighting'].map((name) => [name, onCategorical(name)])),
  rubric: { spec: { name: 'rubric' }, badParams: [{ threshold: 2 }, { weights: { correctness: -1 } }, { weights: {} }, { extra: 1 }], task: gym(), learner: gymLearner, prompt: additionPrompt, candidates: ['19', '018', 'x', ' 19!'] },
  spurious: { spec: { name: 'spurious', weight: 0.3 }, badParams: [{ weight: 1.5 }, { marker: 'z' }, { extra: 1 }], task: gym(), learner: gymLearner, prompt: additionPrompt, candidates: ['19', '19!', '18!', '18'] },
  environment: { spec: { name: 'environment' }, badParams: [{ threshold: 'high' }, { extra: 1 }], task: gym({ families: ['grid-walk'] }), learner: gymLearner, prompt: gridPrompt, candidates: ['rrdd', 'rr', 'x', 'rrddu'] },
  majority: { spec: { name: 'majority' }, badParams: [{ extra: 1 }], task: gym(), learner: gymLearner, prompt: additionPrompt, candidates: ['19', '18', '19', '7'] },
  'proxy-rubric': {
    spec: { name: 'proxy-rubric', threshold: 1 },
    badParams: [{ threshold: 'high' }, { weight: 2 }],
    task: shortcut,
    learner: new TwoSkillLearner({ feature: 'final-char', correct_rate: 0.1, feature_rate: 0.5, solve: 0.3, shortcut: 0.1, feature_base: 0.05, numbers: 99 }),
    prompt: { id: '20+3', text: '20 + 3 =', data: { a: 20, b: 3 } },
    candidates: ['23.', '23!', '5!', '5.'],
  },
};

// ---- selectors and policies
export const selectorFixtures: Record<string, SelectorFixture> = {
  filter: { spec: { name: 'filter' }, badParams: [{ extra: 1 }] },
  weight: { spec: { name: 'weight' }, badParams: [{ extra: 1 }] },
  'best-of-n': { spec: { name: 'best-of-n' }, badParams: [{ extra: 1 }] },
};

export const policyFixtures: Record<string, PolicyFixture> = {
  replace: { spec: { name: 'replace' }, badParams: [{ lambda: 0.5 }] },
  accumulate: { spec: { name: 'accumulate' }, badParams: [{ extra: 1 }] },
  mix: { spec: { name: 'mix', lambda: 0.5 }, badParams: [{ lambda: 2 }, { lambda: -0.1 }, {}] },
};

/** Parts that need an OpenAI-compatible server, with the test file that runs them over loopback HTTP. */
export const HTTP_TESTED: Record<string, string> = {
  endpoint: 'test/endpoint-faults.test.ts',
  'llm-judge': 'test/llm-judge.test.ts',
};
