import { describe, expect, it } from 'vitest';
import { createRng } from '../../../core/rng.js';
import type { Prompt } from '../../../core/types.js';
import { ApproachDetailLearner } from '../../../learners/approach-detail.js';
import { MetaAnswersTask } from '../../../tasks/meta-answers.js';
import {
  accuracyAfter, binomialPmf, filterBits, imitationPrediction, matchedImitationCount, verifierPrediction, type ModelSizes,
} from './prediction.js';

const sizes: ModelSizes = { approaches: 20, valid: 4, details: 16, prior: 1 };

function makeParts() {
  const task = new MetaAnswersTask({ approaches: 20, valid: 4, details: 16, families: 4, forms: 3, heldout_families: 2, heldout_forms: 1 });
  const learner = new ApproachDetailLearner({ approaches: 20, details: 16, prior: 1, detail_prior: 1 });
  return { task, learner };
}

/** The loop by hand (what the engine does with verifier or reference + filter): returns held-out accuracy and cumulative bits per generation. */
function simulate(method: 'verifier' | 'imitation', perGeneration: number, generations: number, seed: number) {
  const { task, learner } = makeParts();
  const rng = createRng(seed);
  const heldout: Prompt = task.prompt(rng.fork('heldout'), { split: 'heldout' });
  const accuracy = [0];
  const bits = [0];
  const correctMass = () => {
    const probs = (learner.distribution(heldout) as { probs: Float64Array }).probs;
    let mass = 0;
    for (let y = 0; y < probs.length; y++) if (task.verify(heldout, y)) mass += probs[y];
    return mass;
  };
  accuracy[0] = correctMass();
  for (let t = 1; t <= generations; t++) {
    const prompts = Array.from({ length: perGeneration }, () => task.prompt(rng, { split: 'train' }));
    let generationBits = 0;
    const batch = [];
    if (method === 'verifier') {
      for (const prompt of prompts) {
        const [x] = learner.sample(prompt, 1, rng);
        if (task.verify(prompt, x)) batch.push({ prompt, x, weight: 1 });
      }
      generationBits = filterBits(batch.length, perGeneration);
    } else {
      for (const prompt of prompts) {
        const x = task.reference(prompt);
        generationBits -= learner.logProb(prompt, x);
        batch.push({ prompt, x, weight: 1 });
      }
    }
    learner.fit(batch, rng);
    accuracy.push(correctMass());
    bits.push(bits[t - 1] + generationBits);
  }
  return { accuracy, bits };
}

function meanAndSe(values: number[]): { mean: number; se: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (values.length - 1);
  return { mean, se: Math.sqrt(variance / values.length) };
}

describe('claim 3 exact prediction', () => {
  it('binomial probabilities match hand-computed values and sum to 1', () => {
    const pmf = binomialPmf(3, 0.25);
    expect(pmf[0]).toBeCloseTo(27 / 64, 12);
    expect(pmf[1]).toBeCloseTo(27 / 64, 12);
    expect(pmf[2]).toBeCloseTo(9 / 64, 12);
    expect(pmf[3]).toBeCloseTo(1 / 64, 12);
    expect(binomialPmf(500, 0.3).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
  });

  it('gives the hand-computed first generation', () => {
    // Before training: π(V) = 4/20; one generation of 1 imitation example costs log2(20/1) + log2 16 bits.
    const imitation = imitationPrediction(sizes, 1, 1);
    expect(imitation.accuracy).toEqual([0.2, 5 / 21]);
    expect(imitation.cumulativeBits[1]).toBeCloseTo(Math.log2(20) + 4, 12);
    // Verifier with n = 1: keeps 1 with probability 0.2 and pays 1·log2(1/1) = 0 bits.
    const verifier = verifierPrediction(sizes, 1, 1);
    expect(verifier.accuracy[1]).toBeCloseTo(0.8 * 0.2 + 0.2 * accuracyAfter(sizes, 1), 12);
    expect(verifier.cumulativeBits[1]).toBe(0);
  });

  it('matches the simulated verifier loop within 4 standard errors', () => {
    const seeds = 150;
    const runs = Array.from({ length: seeds }, (_, i) => simulate('verifier', 30, 3, 100 + i));
    const predicted = verifierPrediction(sizes, 30, 3);
    for (const t of [1, 2, 3]) {
      // SE from the spread over independent seeds; the prediction is an exact expectation.
      const accuracy = meanAndSe(runs.map((r) => r.accuracy[t]));
      const bits = meanAndSe(runs.map((r) => r.bits[t]));
      expect(Math.abs(accuracy.mean - predicted.accuracy[t])).toBeLessThan(4 * accuracy.se);
      expect(Math.abs(bits.mean - predicted.cumulativeBits[t])).toBeLessThan(4 * bits.se + 1e-9); // t = 1 is deterministic: SE 0
    }
  });

  it('matches the simulated imitation loop: accuracy exactly, bits within 4 standard errors', () => {
    const seeds = 150;
    const runs = Array.from({ length: seeds }, (_, i) => simulate('imitation', 5, 3, 500 + i));
    const predicted = imitationPrediction(sizes, 5, 3);
    for (const t of [1, 2, 3]) {
      for (const run of runs) expect(run.accuracy[t]).toBeCloseTo(predicted.accuracy[t], 12);
      const bits = meanAndSe(runs.map((r) => r.bits[t]));
      expect(Math.abs(bits.mean - predicted.cumulativeBits[t])).toBeLessThan(4 * bits.se + 1e-9); // t = 1 is deterministic: SE 0
    }
  });

  it('chooses the imitation budget closest to the target bits', () => {
    const T = 4;
    const target = imitationPrediction(sizes, 7, T).cumulativeBits[T] + 1;
    expect(matchedImitationCount(sizes, target, T, 50)).toBe(7);
  });

  it('predicts more held-out accuracy per bit for the verifier when many answers are acceptable, and parity with one', () => {
    const T = 5;
    const efficiency = (s: ModelSizes, n: number) => {
      const v = verifierPrediction(s, n, T);
      const J = matchedImitationCount(s, v.cumulativeBits[T], T, n);
      const i = imitationPrediction(s, J, T);
      const a0 = s.valid / s.approaches;
      return { verifier: (v.accuracy[T] - a0) / v.cumulativeBits[T], imitation: (i.accuracy[T] - a0) / i.cumulativeBits[T] };
    };
    const many = efficiency(sizes, 100);
    expect(many.verifier).toBeGreaterThan(1.5 * many.imitation);
    const single = efficiency({ approaches: 20, valid: 1, details: 1, prior: 1 }, 100);
    expect(Math.abs(single.verifier - single.imitation) / single.verifier).toBeLessThan(0.15);
  });
});
