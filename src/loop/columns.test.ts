import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import type { Rng } from '../core/rng.js';
import type { Prompt, Task, Weighted } from '../core/types.js';
import { resolveConfig } from '../config/load.js';
import type { ConfigInput } from '../config/schema.js';
import { buildParts } from './engine.js';
import { columnPathApplies, runColumnGeneration } from './columns.js';
import { runObjectGeneration, type LoopParts } from './generation.js';
import { promptBatches } from './batches.js';
import { generationRng } from './row.js';

const gaussian = { task: { name: 'gaussian-target', mean: 1, variance: 2 }, learner: { name: 'gaussian', variance: 3 } };
const categorical = { task: { name: 'categorical-target', K: 20, correct: 4 }, learner: { name: 'categorical', K: 20, alpha: 0.6, smoothing: 0.05 } };

/** A task whose prompts vary (three ids drawn from the prompt stream), so candidates are judged in several batches. */
function varyingPrompts(task: Task<unknown>): Task<unknown> {
  const prompts: Prompt[] = ['a', 'b', 'c'].map((id) => ({ id, text: id }));
  return Object.assign(Object.create(task), { prompt: (rng: Rng) => ({ ...prompts[rng.int(3)] }) });
}

/** Runs `generations` generations on both paths from fresh parts and returns what each produced. */
function bothPaths(input: Partial<ConfigInput>, generations: number, vary = false) {
  const config = resolveConfig({ seed: 7, n: 37, signal: { name: 'none' }, ...input } as ConfigInput);
  const results = [runColumnGeneration, runObjectGeneration].map((run) => {
    const parts: LoopParts = buildParts(config);
    if (vary) parts.task = varyingPrompts(parts.task);
    expect(columnPathApplies(parts)).toBe(true);
    const history: Weighted<unknown>[][] = [];
    const outcomes = [];
    for (let t = 1; t <= generations; t++) {
      const outcome = run(parts, history, config.n, config.samples_per_prompt, generationRng(config.seed, t), t);
      if (parts.policy.keepsHistory) history.push(outcome.kept);
      const { bits, n_generated, training_examples, evaluation, fit, kept, judged } = outcome;
      outcomes.push({ bits, n_generated, training_examples, evaluation, fit, kept, judged, candidates: Array.from(outcome.candidates) });
    }
    return { outcomes, snapshot: parts.learner.snapshot() };
  });
  return { columns: results[0], objects: results[1] };
}

describe('the column path of a generation', () => {
  const cases: [string, Partial<ConfigInput>][] = [
    ['gaussian none replace', { ...gaussian }],
    ['gaussian verifier accumulate (unbiased)', { ...gaussian, learner: { name: 'gaussian', estimator: 'unbiased' }, signal: { name: 'verifier' }, policy: { name: 'accumulate' } }],
    ['gaussian none mix', { ...gaussian, policy: { name: 'mix', lambda: 0.4 } }],
    ['categorical none replace', { ...categorical }],
    ['categorical verifier replace', { ...categorical, signal: { name: 'verifier' } }],
    ['categorical noisy verifier, 3 per prompt', { ...categorical, signal: { name: 'verifier', flip: 0.3 }, samples_per_prompt: 3 }],
    ['categorical noisy verifier, weights, accumulate', { ...categorical, signal: { name: 'verifier', flip: 0.2 }, select: { name: 'weight' }, policy: { name: 'accumulate' } }],
  ];

  it.each(cases)('equals the object path on small n: %s', (_name, input) => {
    const { columns, objects } = bothPaths(input, 6);
    expect(columns).toEqual(objects);
    // the loop did something: candidates differ between generations and the model moved
    expect(columns.outcomes[0].candidates).not.toEqual(columns.outcomes[1].candidates);
  });

  it('equals the object path when prompts vary, judged in one batch per prompt id', () => {
    const { columns, objects } = bothPaths({ ...categorical, signal: { name: 'verifier', flip: 0.25 }, samples_per_prompt: 2 }, 4, true);
    expect(columns).toEqual(objects);
    expect(new Set(columns.outcomes[0].judged.map((j) => j.prompt.id)).size).toBe(3);
  });

  it('measures the same injected bits on both paths: Î(S;C) from ground truth, real data as the policy\'s bits', () => {
    const noisy = bothPaths({ ...categorical, signal: { name: 'verifier', flip: 0.2 }, samples_per_prompt: 3 }, 3);
    expect(noisy.columns).toEqual(noisy.objects);
    for (const { bits } of noisy.columns.outcomes) {
      expect(bits.task_information.source).toBe('ground-truth');
      expect(bits.task_information.audit_n).toBe(37);
      expect(bits.task_information.mi_bits).toBeGreaterThan(0);
      expect(bits.injected_bits).toBeCloseTo(Math.min(bits.shift_bits, 37 * bits.task_information.mi_bits!), 12);
    }
    const mixed = bothPaths({ ...gaussian, signal: { name: 'verifier' }, policy: { name: 'mix', lambda: 0.4 } }, 3);
    expect(mixed.columns).toEqual(mixed.objects);
    for (const { bits } of mixed.columns.outcomes) {
      expect(bits.policy_bits_method).toBe('kl');
      expect(bits.policy_injected_bits).toBeGreaterThan(0);
      expect(bits.injected_bits_upper).toBeCloseTo(bits.shift_bits + bits.policy_injected_bits, 9);
    }
  });

  it('refuses to read an outcome after the next generation reused its columns', () => {
    const config = resolveConfig({ seed: 1, n: 10, ...gaussian } as ConfigInput);
    const parts = buildParts(config);
    const first = runColumnGeneration(parts, [], 10, 1, generationRng(1, 1));
    const values = Array.from(first.candidates);
    expect(first.judged.map((j) => j.x)).toEqual(values);
    runColumnGeneration(parts, [], 10, 1, generationRng(1, 2));
    expect(() => first.kept).toThrow(/after the next generation/);
    expect(() => first.candidates).toThrow(/after the next generation/);
  });

  it('is not taken when a part has no column method', () => {
    const config = resolveConfig({ seed: 1, n: 10, ...categorical, signal: { name: 'self-judge' } } as ConfigInput);
    expect(columnPathApplies(buildParts(config))).toBe(false);
  });
});

describe('promptBatches', () => {
  it('groups candidates by prompt id in order of first appearance, keeping the first prompt object', () => {
    const a1 = { id: 'a', text: '1' };
    const a2 = { id: 'a', text: '2' };
    const b = { id: 'b', text: '' };
    const order = [a1, a1, b, a2, b, a1];
    const batches = promptBatches(order.length, (i) => order[i]);
    expect(batches).toEqual([
      { prompt: a1, indexes: [0, 1, 3, 5] },
      { prompt: b, indexes: [2, 4] },
    ]);
    expect(batches[0].prompt).toBe(a1);
  });

  it('matches a slow obvious grouping on random prompt sequences', () => {
    const rng = createRng(3);
    const prompts = Array.from({ length: 5 }, (_, k) => ({ id: `p${k % 4}`, text: String(k) }));
    const order = Array.from({ length: 200 }, () => prompts[rng.int(prompts.length)]);
    const slow = new Map<string, number[]>();
    order.forEach((p, i) => slow.set(p.id, [...(slow.get(p.id) ?? []), i]));
    const fast = promptBatches(order.length, (i) => order[i]);
    expect(fast.map((batch) => [batch.prompt.id, batch.indexes])).toEqual([...slow.entries()]);
  });
});
