/** Rubric, spurious, environment and majority signals: contract, known answers, and the spurious corpus's correlation. */
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { Prompt, Task } from '../core/types.js';
import { GymTask, renderPrompt, spuriousRates, type GymOptions } from '../tasks/gym-task.js';
import { FAMILIES } from '../tasks/families/index.js';
import { uniformLearner } from '../../test/contracts/task.js';
import { signalRegistry } from './registry.js';


const OPTIONS: GymOptions = { families: ['addition'], heldout: 'form', heldout_forms: ['instruction'], difficulty: [1], heldout_difficulty: [2], heldout_fraction: 0.2, eval_prompts: 8, pretrain: 0 };
const gym = (options: Partial<GymOptions> = {}) => new GymTask('gym', { ...OPTIONS, ...options }, 1);
const family = (name: string) => FAMILIES.find((f) => f.name === name)!;
const additionPrompt = renderPrompt(family('addition'), { a: 12, b: 7 }, 'compact', 1, 'train');
const gridData = { rows: 3, columns: 3, walls: [4], start: 0, goal: 8 };
const gridPrompt = renderPrompt(family('grid-walk'), gridData, 'compact', 1, 'train');
const learner = uniformLearner(() => ['19', '18']);
const judge = (spec: { name: string } & Record<string, unknown>, task: Task<string>, prompt: Prompt, xs: string[], seed = 1) =>
  signalRegistry.create(spec, { seed: 1, task }).judge(prompt, xs, { task, learner, rng: createRng(seed) });

// The signal contract runs over every registered signal in test/contracts/registered.test.ts.

describe('rubric', () => {
  it('reports correctness, format and length and weights them (hand-computed)', () => {
    const [right, padded, wrongNumber, letters] = judge({ name: 'rubric' }, gym(), additionPrompt, ['19', ' 019 ', '7', 'abc']);
    expect(right).toEqual({ score: 1, kept: true, components: { correctness: 1, format: 1, length: 1 } });
    expect(padded.score).toBe(1);
    // '7': wrong, well formed, length 1 vs 2 → length component 1 − 1/2 = 0.5; score 0.6·0 + 0.2·1 + 0.2·0.5 = 0.3
    expect(wrongNumber.components).toEqual({ correctness: 0, format: 1, length: 0.5 });
    expect(wrongNumber.score).toBeCloseTo(0.3, 12);
    expect(wrongNumber.kept).toBe(false);
    // 'abc': not a number, length 3 vs 2 → 0.5; score 0.2·0.5 = 0.1
    expect(letters.score).toBeCloseTo(0.1, 12);
  });

  it('uses only the weighted components and falls back to correctness for other tasks', () => {
    const [wrong] = judge({ name: 'rubric', weights: { format: 1 } }, gym(), additionPrompt, ['7']);
    expect(wrong.score).toBe(1);
    const plain: Task<string> = { name: 'plain', prompt: () => additionPrompt, verify: (_p, x) => x === 'yes', evaluate: () => ({}) };
    expect(judge({ name: 'rubric' }, plain, additionPrompt, ['yes', 'no']).map((j) => j.score)).toEqual([1, 0]);
    expect(() => judge({ name: 'rubric', weights: { style: 1 } }, plain, additionPrompt, ['yes'])).toThrow(InfoloopError);
  });
});

describe('spurious', () => {
  it('scores (1 − w)·correct + w·feature and records both', () => {
    const judgements = judge({ name: 'spurious', weight: 0.3 }, gym(), additionPrompt, ['19', '19!', '18!', '18', '19 ! ']);
    expect(judgements.map((j) => j.components)).toEqual([
      { correct: 1, feature: 0 }, { correct: 1, feature: 1 }, { correct: 0, feature: 1 }, { correct: 0, feature: 0 }, { correct: 1, feature: 1 },
    ]);
    expect(judgements.map((j) => j.score)).toEqual([0.7, 1, 0.3, 0, 1]);
    expect(judgements.map((j) => j.kept)).toEqual([true, true, false, false, true]);
  });

  // Primary check: the conditional rates P(F=1 | C) are binomial proportions, so 3.5 binomial standard
  // errors each. The phi coefficient r of 0/1 variables has standard error about √(1 − ρ²)/√N ≤ 1/√N
  // (at P(C=1) = 1/2, r ≈ P̂(F|C=1) − P̂(F|C=0)), so r is checked to 3.5/√N.
  it.each([
    [0, 0.5],
    [0.5, 0.5],
    [-0.6, 0.5],
    [0.9, 0.5],
    [0.3, 0.3],
  ])('the pretraining corpus has corr(F, C) = %d at P(C=1) = %d within sampling error', (correlation, correctRate) => {
    const N = 4000;
    const task = gym({ families: ['addition', 'parity', 'multiple-of', 'reversal'], pretrain: N, spurious: { marker: '!', correlation, correct_rate: correctRate } });
    const corpus = task.initialData(createRng(21));
    const signal = signalRegistry.create({ name: 'spurious' }, { seed: 1, task });
    const pairs = corpus.map(({ prompt, x }) => signal.judge(prompt, [x], { task, learner, rng: createRng(1) })[0].components!);
    const c = pairs.map((p) => p.correct);
    const f = pairs.map((p) => p.feature);
    const meanOf = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
    const [mc, mf] = [meanOf(c), meanOf(f)];
    const { withCorrect, withWrong } = spuriousRates(correlation, correctRate);
    const rateGiven = (value: number) => meanOf(f.filter((_, i) => c[i] === value));
    const correctCount = c.filter((x) => x === 1).length;
    expect(Math.abs(rateGiven(1) - withCorrect)).toBeLessThan(3.5 * Math.sqrt((withCorrect * (1 - withCorrect)) / correctCount) + 1e-9);
    expect(Math.abs(rateGiven(0) - withWrong)).toBeLessThan(3.5 * Math.sqrt((withWrong * (1 - withWrong)) / (N - correctCount)) + 1e-9);
    expect(Math.abs(mc - correctRate)).toBeLessThan(3.5 * Math.sqrt((correctRate * (1 - correctRate)) / N));
    const r = meanOf(c.map((x, i) => (x - mc) * (f[i] - mf))) / Math.sqrt(mc * (1 - mc) * mf * (1 - mf));
    expect(Math.abs(r - correlation)).toBeLessThan(3.5 / Math.sqrt(N));
  });

  it('real data carries the marker on correct answers at P(F=1 | C=1)', () => {
    const N = 2000;
    const task = gym({ spurious: { marker: '?', correlation: 0.6, correct_rate: 0.5 } });
    const real = task.real(N, createRng(4));
    const rate = real.filter(({ x }) => x.endsWith('?')).length / N;
    expect(real.every(({ prompt, x }) => task.verify(prompt, x))).toBe(true);
    expect(Math.abs(rate - 0.8)).toBeLessThan(3.5 * Math.sqrt((0.8 * 0.2) / N));
  });
});

describe('environment', () => {
  it('scores the episode reward and keeps it at the threshold (reward 1 iff verified)', () => {
    const task = gym({ families: ['grid-walk'] });
    const judgements = judge({ name: 'environment' }, task, gridPrompt, ['rrdd', 'ddrr', 'rr', 'rrddu', 'l']);
    expect(judgements.map((j) => j.score)).toEqual([1, 1, 0.5, 0, 0]);
    expect(judgements.map((j) => j.kept)).toEqual([true, true, false, false, false]);
    expect(judgements.map((j) => j.kept)).toEqual(['rrdd', 'ddrr', 'rr', 'rrddu', 'l'].map((x) => task.verify(gridPrompt, x)));
    expect(judge({ name: 'environment', threshold: 0.5 }, task, gridPrompt, ['rr'])[0].kept).toBe(true);
  });

  it('refuses tasks and prompts without an environment', () => {
    const plain: Task<string> = { name: 'plain', prompt: () => additionPrompt, verify: () => true, evaluate: () => ({}) };
    expect(() => signalRegistry.create({ name: 'environment' }, { seed: 1, task: plain })).toThrow(InfoloopError);
    expect(() => judge({ name: 'environment' }, gym(), additionPrompt, ['19'])).toThrow(/environment/);
  });
});

describe('majority', () => {
  it('keeps the most common answer and reports vote shares', () => {
    const judgements = judge({ name: 'majority' }, gym(), additionPrompt, ['19', '18', ' 19', '7']);
    expect(judgements.map((j) => j.kept)).toEqual([true, false, true, false]);
    expect(judgements.map((j) => j.score)).toEqual([0.5, 0.25, 0.5, 0.25]);
    expect(signalRegistry.create({ name: 'majority' }, { seed: 1 }).reads).toBe('model');
  });

  it('breaks ties at random but reproducibly, keeping exactly one answer', () => {
    const winners = new Set<string>();
    for (let seed = 1; seed <= 40; seed++) {
      const judgements = judge({ name: 'majority' }, gym(), additionPrompt, ['a', 'b', 'b', 'a'], seed);
      expect(judgements).toEqual(judge({ name: 'majority' }, gym(), additionPrompt, ['a', 'b', 'b', 'a'], seed));
      const kept = ['a', 'b', 'b', 'a'].filter((_, i) => judgements[i].kept);
      expect(new Set(kept).size).toBe(1);
      winners.add(kept[0]);
    }
    expect(winners).toEqual(new Set(['a', 'b']));
  });
});
