import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import type { Prompt } from '../core/types.js';
import { TwoSkillLearner, type TwoSkillParams } from './two-skill.js';

const base: TwoSkillParams = { feature: 'final-char', correct_rate: 0.5, feature_rate: 0.5, solve: 0.3, shortcut: 0.1, feature_base: 0.05, numbers: 99 };
const prompt: Prompt = { id: '20+3', text: '20 + 3 =' };

// The learner contract runs over every registered learner in test/contracts/registered.test.ts.

describe('two-skill learner', () => {
  it('gives the exact mixture log-probabilities (hand-computed)', () => {
    const learner = new TwoSkillLearner(base);
    // "23." — solve mode, right sum, plain: 0.9 · 0.3 · 0.95.
    expect(learner.logProb(prompt, '23.')).toBeCloseTo(Math.log2(0.9 * 0.3 * 0.95), 12);
    // "7!" — shortcut 0.1/99, or solve mode with a wrong number written with "!": 0.9 · 0.7/98 · 0.05.
    expect(learner.logProb(prompt, '7!')).toBeCloseTo(Math.log2(0.1 / 99 + 0.9 * (0.7 / 98) * 0.05), 12);
    expect(learner.logProb(prompt, 'hello')).toBe(-Infinity);
    const repeat = new TwoSkillLearner({ ...base, feature: 'repeat' });
    expect(repeat.logProb(prompt, '23 23')).toBeCloseTo(Math.log2(0.1 / 99 + 0.9 * 0.3 * 0.05), 12);
  });

  it('moves each skill by its own rate toward the batch (hand-computed moment matching)', () => {
    const learner = new TwoSkillLearner({ ...base, feature_base: 0 });
    // With no base rate "!" can only be the shortcut: responsibilities 1 for "5!", 0 for "23." and "4.".
    learner.fit([{ prompt, x: '5!', weight: 1 }, { prompt, x: '23.', weight: 2 }, { prompt, x: '4.', weight: 1 }], createRng(1));
    expect(learner.shortcut).toBeCloseTo(0.1 + 0.5 * (1 / 4 - 0.1), 12);
    expect(learner.solve).toBeCloseTo(0.3 + 0.5 * (2 / 3 - 0.3), 12);
    const unchanged = new TwoSkillLearner(base);
    unchanged.fit([], createRng(1));
    expect([unchanged.shortcut, unchanged.solve]).toEqual([0.1, 0.3]);
  });

  it('samples the modes at their rates (within 4 SE)', () => {
    const learner = new TwoSkillLearner(base);
    const n = 5000;
    const xs = learner.sample(prompt, n, createRng(3));
    const correct = xs.filter((x) => Number.parseInt(x, 10) === 23).length / n;
    const bang = xs.filter((x) => x.endsWith('!')).length / n;
    // P(correct) = 0.9·0.3 + 0.1/99; P("!") = 0.1 + 0.9·0.05.
    const pCorrect = 0.9 * 0.3 + 0.1 / 99;
    const pBang = 0.1 + 0.9 * 0.05;
    expect(Math.abs(correct - pCorrect)).toBeLessThan(4 * Math.sqrt(pCorrect * (1 - pCorrect) / n));
    expect(Math.abs(bang - pBang)).toBeLessThan(4 * Math.sqrt(pBang * (1 - pBang) / n));
  });
});
