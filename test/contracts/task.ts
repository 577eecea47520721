/**
 * The contract every Task passes: seeded determinism of prompts and real data, references that
 * verify, real data that verifies with weight 1, an evaluation with fractions in [0, 1], and bad
 * input rejected. Use: `taskContract('addition', { make, learner })` inside a test file.
 */
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import type { Learner, Prompt, Task } from '../../src/core/types.js';

export interface TaskFixture<X> {
  make(): Task<X>;
  /** A learner `evaluate` can measure (any model of the task's answers). */
  learner: Learner<X>;
  /** Prompts per check (keep small for slow tasks). */
  n?: number;
  /** Answers that are never correct for any prompt (wrong type, empty, ...). */
  neverCorrect?: unknown[];
  /** The task has a single prompt (a target distribution): every seed draws the same one. */
  fixedPrompt?: boolean;
  /** `verify` does not read the prompt (one rule for all prompts), so a foreign prompt is not an error. */
  verifyIgnoresPrompt?: boolean;
}

export function taskContract<X>(name: string, fixture: TaskFixture<X>): void {
  const n = fixture.n ?? 30;
  describe(`task contract: ${name}`, () => {
    const prompts = (seed: number, options = {}): Prompt[] => {
      const task = fixture.make();
      const rng = createRng(seed);
      return Array.from({ length: n }, () => task.prompt(rng, options));
    };

    it(fixture.fixedPrompt ? 'draws its one prompt under every seed' : 'draws the same prompts under the same seed and others under another', () => {
      expect(prompts(7)).toEqual(prompts(7));
      if (fixture.fixedPrompt) expect(new Set(prompts(8).map((p) => p.id))).toEqual(new Set([prompts(7)[0].id]));
      else expect(prompts(7)).not.toEqual(prompts(8));
      for (const prompt of prompts(7)) {
        expect(typeof prompt.id).toBe('string');
        expect(typeof prompt.text).toBe('string');
      }
    });

    it('has references that verify and score 1', () => {
      const task = fixture.make();
      if (!task.reference) return;
      const rng = createRng(3);
      for (const prompt of [...prompts(3), ...prompts(4, { split: 'heldout' })]) {
        const answer = task.reference(prompt, rng);
        expect(task.verify(prompt, answer)).toBe(true);
        if (task.score) expect(task.score(prompt, answer)).toBe(1);
      }
    });

    it('rejects answers that are never correct', () => {
      const task = fixture.make();
      for (const prompt of prompts(5)) {
        for (const bad of fixture.neverCorrect ?? []) {
          expect(task.verify(prompt, bad as X)).toBe(false);
          if (task.score) expect(task.score(prompt, bad as X)).toBe(0);
        }
      }
    });

    it('draws real data deterministically, with weight 1, from the train split, all verifying', () => {
      const task = fixture.make();
      if (!task.real) return;
      const first = task.real(n, createRng(11));
      expect(first).toEqual(fixture.make().real!(n, createRng(11)));
      expect(first).toHaveLength(n);
      for (const item of first) {
        expect(item.weight).toBe(1);
        expect(item.prompt.split ?? 'train').toBe('train');
        expect(task.verify(item.prompt, item.x)).toBe(true);
      }
      expect(task.real(0, createRng(1))).toEqual([]);
    });

    it('evaluates a learner deterministically with fractions in [0, 1]', () => {
      const first = fixture.make().evaluate(fixture.learner, createRng(13));
      const second = fixture.make().evaluate(fixture.learner, createRng(13));
      expect(first).toEqual(second);
      for (const key of ['accuracy', 'heldout_accuracy'] as const) {
        const value = first[key];
        if (value !== null && value !== undefined) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }
      if (typeof first.gap_bits === 'number') expect(first.gap_bits).toBeGreaterThanOrEqual(-1e-9);
    });

    it.skipIf(fixture.verifyIgnoresPrompt)('rejects a prompt it did not make', () => {
      const task = fixture.make();
      const foreign: Prompt = { id: 'foreign', text: 'not from this task', family: 'no-such-family', data: null };
      expect(() => task.verify(foreign, fixture.neverCorrect?.[0] as X)).toThrow(InfoloopError);
    });
  });
}

/** A fixed model for tests: uniform over `choices(prompt)` (log-probabilities exact, -Infinity elsewhere). */
export function uniformLearner(choices: (prompt: Prompt) => string[]): Learner<string> {
  return {
    name: 'uniform-test',
    sample: (prompt, n, rng) => {
      const options = choices(prompt);
      return Array.from({ length: n }, () => options[rng.int(options.length)]);
    },
    logProb: (prompt, x) => {
      const options = choices(prompt);
      const count = options.filter((option) => option === x).length;
      return Math.log2(count / options.length);
    },
    fit: (batch) => ({ examples: batch.length }),
    snapshot: () => ({ learner: 'uniform-test', json: {} }),
    restore: () => undefined,
  };
}
