import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import type { Prompt } from '../core/types.js';
import { ApproachDetailLearner } from './approach-detail.js';
import { MetaAnswersTask } from '../tasks/meta-answers.js';

const make = () => new ApproachDetailLearner({ approaches: 5, details: 3, prior: 1, detail_prior: 1 });
const prompt: Prompt = { id: 'f0/s0/a', text: 'instance a' };
const other: Prompt = { id: 'f1/s2/b', text: 'instance b' };

// The learner contract runs over every registered learner in test/contracts/registered.test.ts.

describe('approach-detail learner', () => {
  it('shares approaches across prompts and memorises details per prompt (hand-computed posterior means)', () => {
    const learner = make();
    // y = 4 is approach 1, detail 1; weight 2 on prompt a.
    learner.fit([{ prompt, x: 4, weight: 2 }], createRng(1));
    // π(1) = (1 + 2) / (5 + 2); q_a(1) = (1 + 2) / (3 + 2); an unseen prompt keeps q = 1/3.
    expect(learner.logProb(prompt, 4)).toBeCloseTo(Math.log2(3 / 7) + Math.log2(3 / 5), 12);
    expect(learner.logProb(other, 4)).toBeCloseTo(Math.log2(3 / 7) + Math.log2(1 / 3), 12);
    const probs = (learner.distribution(other) as { probs: Float64Array }).probs;
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(learner.logProb(prompt, 99)).toBe(-Infinity);
  });

  it('samples approaches at their model frequencies (within 4 SE)', () => {
    const learner = make();
    learner.fit([{ prompt, x: 0, weight: 5 }], createRng(1)); // π(0) = 6/10
    const n = 4000;
    const share = learner.sample(other, n, createRng(2)).filter((y) => Math.floor(y / 3) === 0).length / n;
    expect(Math.abs(share - 0.6)).toBeLessThan(4 * Math.sqrt(0.6 * 0.4 / n));
  });
});

describe('meta-answers task', () => {
  const task = new MetaAnswersTask({ approaches: 5, valid: 2, details: 3, families: 2, forms: 2, heldout_families: 1, heldout_forms: 1 });

  it('accepts exactly the valid approaches with any detail', () => {
    const accepted = Array.from({ length: 15 }, (_, y) => task.verify(prompt, y));
    expect(accepted).toEqual([true, true, true, true, true, true, false, false, false, false, false, false, false, false, false]);
    expect(task.verify(prompt, 15)).toBe(false);
  });

  it('keeps held-out families and forms out of the training split, and references are correct', () => {
    const rng = createRng(3);
    for (let i = 0; i < 200; i++) {
      const train = task.prompt(rng, { split: 'train' });
      expect(['f0', 'f1']).toContain(train.family);
      expect(['s0', 's1']).toContain(train.form);
      expect(task.verify(train, task.reference(train))).toBe(true);
      const family = task.prompt(rng, { split: 'heldout', form: 'heldout-family' });
      expect(family.family).toBe('f2');
      const form = task.prompt(rng, { split: 'heldout', form: 'heldout-form' });
      expect(form.form).toBe('s2');
    }
  });

  it('evaluates an untrained learner at the prior accuracy m/S everywhere', () => {
    const evaluation = task.evaluate(make(), createRng(4));
    expect(evaluation.accuracy).toBeCloseTo(2 / 5, 12);
    expect(evaluation.heldout_accuracy).toBeCloseTo(2 / 5, 12);
    // KL(U_correct ‖ uniform over 15) = log2(15 / 6).
    expect(evaluation.gap_bits).toBeCloseTo(Math.log2(15 / 6), 12);
  });
});
