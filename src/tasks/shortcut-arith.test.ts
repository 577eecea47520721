import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { hasFeature, leadingInteger, ShortcutTask } from './shortcut-arith.js';
import { TwoSkillLearner } from '../learners/two-skill.js';

const task = (weight: number, noise: number, feature: 'final-char' | 'repeat' = 'final-char') =>
  new ShortcutTask({ feature, weight, noise, evaluation_samples: 400, audit: 32 });

describe('shortcut-arith task', () => {
  const prompt = { id: '20+3', text: '20 + 3 =', data: { a: 20, b: 3 } };

  it('verifies the leading integer and recognises the features', () => {
    expect(leadingInteger('23 23')).toBe(23);
    expect(leadingInteger('x')).toBeNull();
    const t = task(1, 0);
    expect(['23.', '23!', '23 23', '24.', ''].map((x) => t.verify(prompt, x))).toEqual([true, true, true, false, false]);
    expect(hasFeature('final-char', '7!')).toBe(true);
    expect(hasFeature('final-char', '7.')).toBe(false);
    expect(hasFeature('repeat', '7 7')).toBe(true);
    expect(hasFeature('repeat', '7 8')).toBe(false);
  });

  it('scores the rubric S = C + weight·F', () => {
    const t = task(0.7, 0);
    const rng = createRng(1);
    expect(t.rubric(prompt, '23!', rng)).toEqual({ score: 1.7, correct: 1, feature: 1 });
    expect(t.rubric(prompt, '5!', rng)).toEqual({ score: 0.7, correct: 0, feature: 1 });
    expect(t.rubric(prompt, '23.', rng)).toEqual({ score: 1, correct: 1, feature: 0 });
  });

  it('measures I(S;C) = H(C) and I(S;F|C) = 0 when the rubric is correctness alone', () => {
    const extras = task(0, 0).evaluate(new TwoSkillLearner({ feature: 'final-char', correct_rate: 0.1, feature_rate: 0.5, solve: 0.3, shortcut: 0.1, feature_base: 0.05, numbers: 99 }), createRng(2));
    const accuracy = extras.accuracy!;
    const h = -accuracy * Math.log2(accuracy) - (1 - accuracy) * Math.log2(1 - accuracy);
    expect(extras.extras!.mi_score_correct).toBeCloseTo(h, 12);
    expect(extras.extras!.mi_score_feature_given_correct).toBe(0);
    expect((extras.extras!.hacking_evidence as { audit: unknown[] }).audit).toHaveLength(32);
  });

  it('measures I(S;F|C) = H(F|C) when S = C + F without noise', () => {
    const extras = task(1, 0).evaluate(new TwoSkillLearner({ feature: 'final-char', correct_rate: 0.1, feature_rate: 0.5, solve: 0.3, shortcut: 0.3, feature_base: 0.05, numbers: 99 }), createRng(2)).extras!;
    // S determines F given C, so I(S;F|C) = H(F|C) > 0; the rate of F is about 0.3 + 0.7·0.05.
    expect(extras.mi_score_feature_given_correct).toBeGreaterThan(0.5);
    expect(extras.feature_rate).toBeGreaterThan(0.25);
  });
});
