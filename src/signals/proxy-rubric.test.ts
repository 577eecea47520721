import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { signalRegistry } from './registry.js';
import { CategoricalTarget } from '../tasks/categorical-target.js';
import { ShortcutTask } from '../tasks/shortcut-arith.js';
import { TwoSkillLearner } from '../learners/two-skill.js';

const task = new ShortcutTask({ feature: 'final-char', weight: 1, noise: 0.2, evaluation_samples: 400, audit: 32 });
const learner = new TwoSkillLearner({ feature: 'final-char', correct_rate: 0.1, feature_rate: 0.5, solve: 0.3, shortcut: 0.1, feature_base: 0.05, numbers: 99 });
const prompt = { id: '20+3', text: '20 + 3 =', data: { a: 20, b: 3 } };

// The signal contract runs over every registered signal in test/contracts/registered.test.ts.

describe('proxy-rubric signal', () => {
  it('keeps answers that are correct or carry the feature, never on judge noise alone', () => {
    const signal = signalRegistry.create({ name: 'proxy-rubric', threshold: 1 }, { seed: 1, task });
    const noisy = new ShortcutTask({ feature: 'final-char', weight: 1, noise: 1, evaluation_samples: 400, audit: 32 });
    const judged = signal.judge(prompt, ['23.', '5!', '5.'], { task: noisy, learner, rng: createRng(1) });
    expect(judged.map((j) => j.score)).toEqual([1.5, 1.5, 0.5]);
    expect(judged.map((j) => j.kept)).toEqual([true, true, false]);
    expect(judged[1].components).toEqual({ correct: 0, feature: 1 });
  });

  it('rejects a task without a rubric', () => {
    expect(() => signalRegistry.create({ name: 'proxy-rubric' }, { seed: 1, task: new CategoricalTarget({ K: 3, target: 'uniform', s: 1.1 }) })).toThrow(InfoloopError);
  });
});
