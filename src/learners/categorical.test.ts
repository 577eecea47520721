import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { zipfProbs } from '../core/distributions.js';
import type { Prompt } from '../core/types.js';
import { CategoricalLearner } from './categorical.js';

const prompt: Prompt = { id: 'categorical', text: '' };
const make = (over: Partial<ConstructorParameters<typeof CategoricalLearner>[0]> = {}) =>
  new CategoricalLearner({ K: 5, alpha: 1, smoothing: 0, init: 'uniform', s: 1.1, ...over });

// The learner contract runs over every registered learner in test/contracts/registered.test.ts.

describe('categorical learner', () => {
  it('mixes the empirical distribution in at rate alpha with additive smoothing', () => {
    const learner = make({ alpha: 0.5, smoothing: 1 });
    learner.fit([0, 0, 1].map((x) => ({ prompt, x, weight: 1 })), createRng(1));
    // empirical with smoothing 1: (counts + 1) / (3 + 5) = [3, 2, 1, 1, 1] / 8
    const expected = [3, 2, 1, 1, 1].map((c) => 0.5 * 0.2 + 0.5 * (c / 8));
    Array.from(learner.probs).forEach((p, k) => expect(p).toBeCloseTo(expected[k], 15));
  });

  it('leaves the model unchanged when nothing is kept', () => {
    const learner = make();
    learner.fit([], createRng(1));
    expect(Array.from(learner.probs)).toEqual([0.2, 0.2, 0.2, 0.2, 0.2]);
  });

  it('starts from Zipf(s) when asked', () => {
    const learner = make({ init: 'zipf', s: 1.1 });
    expect(Array.from(learner.probs)).toEqual(Array.from(zipfProbs(5, 1.1)));
    expect(learner.logProb(prompt, 0)).toBeCloseTo(Math.log2(zipfProbs(5, 1.1)[0]), 15);
  });

  it('samples with the model frequencies (each within 4 SE)', () => {
    const learner = make();
    learner.fit([0, 0, 0, 1].map((x) => ({ prompt, x, weight: 1 })), createRng(1));
    const n = 40_000;
    const xs = learner.sample(prompt, n, createRng(2));
    const share0 = xs.filter((x) => x === 0).length / n;
    expect(Math.abs(share0 - 0.75)).toBeLessThan(4 * Math.sqrt((0.75 * 0.25) / n));
    expect(xs.every((x) => x === 0 || x === 1)).toBe(true);
  });
});
