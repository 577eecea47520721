import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import type { Prompt } from '../core/types.js';
import { GaussianLearner } from './gaussian.js';

const prompt: Prompt = { id: 'gaussian', text: '' };
const batch = [1, 2, 4, 7].map((x) => ({ prompt, x, weight: 1 }));

// The learner contract runs over every registered learner in test/contracts/registered.test.ts.

describe('gaussian learner', () => {
  it('fits the MLE and the unbiased variance by hand-computed values', () => {
    const mle = new GaussianLearner({ mean: 0, variance: 1, estimator: 'mle' });
    mle.fit(batch, createRng(1));
    // mean 3.5; squared deviations 6.25 + 2.25 + 0.25 + 12.25 = 21
    expect(mle.mean).toBe(3.5);
    expect(mle.variance).toBeCloseTo(21 / 4, 12);
    const unbiased = new GaussianLearner({ mean: 0, variance: 1, estimator: 'unbiased' });
    unbiased.fit(batch, createRng(1));
    expect(unbiased.variance).toBeCloseTo(21 / 3, 12);
  });

  it('treats weight 2 like a duplicated example', () => {
    const weighted = new GaussianLearner({ mean: 0, variance: 1, estimator: 'mle' });
    weighted.fit([{ prompt, x: 1, weight: 2 }, { prompt, x: 4, weight: 1 }], createRng(1));
    const duplicated = new GaussianLearner({ mean: 0, variance: 1, estimator: 'mle' });
    duplicated.fit([1, 1, 4].map((x) => ({ prompt, x, weight: 1 })), createRng(1));
    expect(weighted.mean).toBeCloseTo(duplicated.mean, 12);
    expect(weighted.variance).toBeCloseTo(duplicated.variance, 12);
  });

  it('gives the log2 density of N(0,1) at 0', () => {
    const g = new GaussianLearner({ mean: 0, variance: 1, estimator: 'mle' });
    expect(g.logProb(prompt, 0)).toBeCloseTo(-0.5 * Math.log2(2 * Math.PI), 12);
  });
});
