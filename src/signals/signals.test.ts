import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { CategoricalLearner } from '../learners/categorical.js';
import { CategoricalTarget } from '../tasks/categorical-target.js';
import { GaussianTarget } from '../tasks/gaussian-target.js';
import { signalContract } from '../../test/contracts/signal.js';
import { median, selfJudgeSignal } from './self-judge.js';
import { signalRegistry } from './registry.js';

const task = new CategoricalTarget({ K: 10, target: 'uniform', s: 1.1, correct: 3 });
const learner = new CategoricalLearner({ K: 10, alpha: 1, smoothing: 0, init: 'zipf', s: 1 });
const prompt = task.prompt();
const candidates = [0, 1, 2, 3, 4, 5, 9, 9];

// The signal contract runs over every registered signal in test/contracts/registered.test.ts.
signalContract({ spec: { name: 'verifier', flip: 0.4 }, badParams: [{ flip: 0.5 }], task, learner, prompt, candidates: [...candidates, ...candidates, ...candidates] });

describe('majority at a large n', () => {
  it('votes among 300,000 distinct answers without overflowing the call stack', () => {
    const xs = Array.from({ length: 300_000 }, (_, i) => i);
    const judgements = signalRegistry.create({ name: 'majority' }, { seed: 1, task }).judge(prompt, xs, { task, learner, rng: createRng(2) });
    expect(judgements.filter((j) => j.kept)).toHaveLength(1);
  });
});

const ctx = { task, learner, rng: createRng(1) };

describe('built-in signals', () => {
  it('declare what they read', () => {
    const reads = Object.fromEntries(['none', 'verifier', 'reference', 'self-judge', 'weighting'].map((n) => [n, signalRegistry.create({ name: n }, { seed: 1, task }).reads]));
    expect(reads).toEqual({ none: 'nothing', verifier: 'task', reference: 'task', 'self-judge': 'model', weighting: 'task' });
  });

  it('verifier keeps exactly the correct answers', () => {
    const judged = signalRegistry.create({ name: 'verifier' }, { seed: 1, task }).judge(prompt, candidates, ctx);
    expect(judged.map((j) => j.kept)).toEqual([true, true, true, false, false, false, false, false]);
  });

  // Each verdict is wrong with probability 0.2, independently: over N verdicts the error count is
  // Binomial(N, 0.2), so 4 standard errors of the rate is 4·√(0.16/N).
  it('a verifier with flip 0.2 gives a wrong verdict on about a fifth of the candidates, score matching kept', () => {
    const noisy = signalRegistry.create({ name: 'verifier', flip: 0.2 }, { seed: 1, task });
    const rng = createRng(9);
    const N = 4000;
    const many = Array.from({ length: N }, (_, i) => i % 10);
    const judged = noisy.judge(prompt, many, { task, learner, rng });
    const wrong = judged.filter((j, i) => j.kept !== task.verify(prompt, many[i])).length;
    expect(Math.abs(wrong / N - 0.2)).toBeLessThan(4 * Math.sqrt(0.16 / N));
    expect(judged.every((j) => j.score === (j.kept ? 1 : 0))).toBe(true);
    expect(noisy.reads).toBe('task');
    expect(signalRegistry.create({ name: 'verifier', flip: 0 }, { seed: 1, task }).judge(prompt, candidates, ctx).map((j) => j.kept)).toEqual([true, true, true, false, false, false, false, false]);
    expect(() => signalRegistry.create({ name: 'verifier', flip: 0.5 }, { seed: 1, task })).toThrow(/flip/);
  });

  it('reference replaces every candidate by a correct reference answer', () => {
    const judged = signalRegistry.create({ name: 'reference' }, { seed: 1, task }).judge(prompt, candidates, ctx);
    for (const j of judged) expect(task.verify(prompt, j.replacement as number)).toBe(true);
  });

  it('self-judge keeps candidates at or above the median log-probability', () => {
    // Zipf(1) over 10: log-probabilities fall with the index, so the low half is kept
    const judged = selfJudgeSignal.judge(prompt, [0, 1, 5, 9], ctx);
    expect(judged.map((j) => j.kept)).toEqual([true, true, false, false]);
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('builds imitation for any task with reference answers', () => {
    expect(() => signalRegistry.create({ name: 'reference' }, { seed: 1, task: new GaussianTarget({ mean: 0, variance: 1 }) })).not.toThrow();
  });
});
