import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import type { Distribution, Judged, Learner, Prompt, Task, Weighted } from '../core/types.js';
import { bestOfKBits, bestOfKBitsDiscrete } from '../info/best-of-k.js';
import { gaussianKl, klDivergence } from '../info/divergence.js';
import { binaryEntropy } from '../info/entropy.js';
import { accountGeneration, addInjected, filterShiftBits, signalEntropyBits, weightShiftBits, type AccountingContext } from './accounting.js';

const prompt: Prompt = { id: 'p', text: '' };
/** x = index; ground truth: x is correct iff truth[x]. */
const taskWith = (truth: boolean[], extra: Partial<Task<number>> = {}): Task<number> => ({ name: 't', prompt: () => prompt, verify: (_p, x) => truth[x], evaluate: () => ({}), ...extra });
const judgedFrom = (scores: number[], kept?: boolean[]): Judged<number>[] =>
  scores.map((score, i) => ({ prompt, x: i, group: 0, judgement: { score, kept: kept ? kept[i] : score > 0 } }));
const keptOf = (judged: Judged<number>[]): Weighted<number>[] => judged.filter((j) => j.judgement.kept).map((j) => ({ prompt, x: j.x, weight: 1 }));
const learner = { name: 'fixed', logProb: (_p: Prompt, x: number) => (x === 7 ? -3 : -1) } as unknown as Learner<number>;
const context = (task: Task<number>, extra: Partial<AccountingContext<number>> = {}): AccountingContext<number> => ({ mode: 'filter', reads: 'task', learner, task, rng: createRng(1), ...extra });

describe('ledger accounting: shift', () => {
  it('counts n_kept·(−log2 â) for a hard filter', () => {
    expect(filterShiftBits(25, 100)).toBe(25 * 2);
    expect(filterShiftBits(0, 100)).toBe(0);
    expect(filterShiftBits(100, 100)).toBe(0);
  });

  it('counts KL(Q‖P)·ESS for weights, by hand on two samples', () => {
    // w = (1, 3): E_Q[log2 w] = (0 + 3 log2 3)/4, log2 E_P[w] = 1, ESS = 16/10
    const expected = ((3 * Math.log2(3)) / 4 - 1) * 1.6;
    expect(weightShiftBits([1, 3])).toBeCloseTo(expected, 12);
    expect(weightShiftBits([2, 2, 2])).toBe(0);
    expect(weightShiftBits([0, 0])).toBe(0);
  });

  it('counts the reference surprisal for imitation, all of it task bits', () => {
    const judged: Judged<number>[] = [0, 1].map((i) => ({ prompt, x: i, group: 0, judgement: { score: 1, kept: true, replacement: 7 } }));
    const bits = accountGeneration(judged, [], context(taskWith([false, false])));
    expect(bits.accounting).toBe('imitation');
    expect(bits.shift_bits).toBe(6);
    expect(bits.injected_bits).toBe(6);
    expect(bits.task_information.source).toBe('imitation');
  });

  it('counts best-of-n with the best-of-k bound: closed form for distinct scores, exact pmf with ties', () => {
    const groups = (scores: number[][]): Judged<number>[] =>
      scores.flatMap((list, group) => list.map((score, i) => ({ prompt, x: group * 10 + i, group, judgement: { score } })));
    const continuous = groups([[0.1, 0.7, 0.3, 0.55], [0.2, 0.9, 0.35, 0.4], [0.05, 0.8]]);
    const bits = accountGeneration(continuous, [], context(taskWith([]), { mode: 'best-of-n', reads: 'model' }));
    expect(bits.accounting).toBe('best-of-n');
    expect(bits.shift_bits).toBeCloseTo(2 * bestOfKBits(4) + bestOfKBits(2), 12);
    // binary scores pooled: 3 ones of 8; the last group has only zeros but still selects one
    const binary = groups([[1, 0, 0, 1], [0, 1, 0, 0]]);
    const tied = accountGeneration(binary, [], context(taskWith([]), { mode: 'best-of-n', reads: 'model' }));
    expect(tied.shift_bits).toBeCloseTo(2 * bestOfKBitsDiscrete([5 / 8, 3 / 8], 4), 12);
    // a rejected candidate ranks lowest; a group with all rejected selects nothing
    const rejected: Judged<number>[] = [
      { prompt, x: 0, group: 0, judgement: { score: 0.9, kept: false } },
      { prompt, x: 1, group: 0, judgement: { score: 0.2, kept: true } },
      { prompt, x: 2, group: 1, judgement: { score: 0.5, kept: false } },
      { prompt, x: 3, group: 1, judgement: { score: 0.6, kept: false } },
    ];
    const pmf = [3 / 4, 1 / 4]; // ranks −∞ (three) and 0.2
    expect(accountGeneration(rejected, [], context(taskWith([]), { mode: 'best-of-n', reads: 'model' })).shift_bits).toBeCloseTo(bestOfKBitsDiscrete(pmf, 2), 12);
  });
});

describe('ledger accounting: signal entropy', () => {
  it('counts n_judged·H2(â) for a binary signal', () => {
    const judged = judgedFrom([1, 0, 0, 0]);
    const bits = accountGeneration(judged, keptOf(judged), context(taskWith([true, false, false, false])));
    expect(bits.signal_entropy_bits).toBeCloseTo(4 * binaryEntropy(0.25), 12);
  });

  it('counts rubric levels exactly and bins a continuous score (not log2 n)', () => {
    expect(signalEntropyBits([0.5, 0.5, 1, 0.5, 0.5, 1, 1, 0.5, 0.5])).toBeCloseTo(9 * binaryEntropy(3 / 9), 12);
    const rng = createRng(4);
    const continuous = Array.from({ length: 400 }, () => rng.next());
    expect(signalEntropyBits(continuous) / 400).toBeLessThanOrEqual(Math.log2(20));
    expect(signalEntropyBits(continuous) / 400).toBeLessThan(Math.log2(400) - 3);
  });
});

describe('ledger accounting: injected bits are measured', () => {
  it('gives a clean filter exactly its shift: n·H2(â) ≥ n_kept·(−log2 â) on every (n, n_kept)', () => {
    for (let n = 1; n <= 60; n++) {
      for (let kept = 0; kept <= n; kept++) {
        const a = kept / n;
        expect(n * binaryEntropy(a)).toBeGreaterThanOrEqual(filterShiftBits(kept, n));
      }
    }
    const truth = Array.from({ length: 40 }, (_, i) => i % 5 === 0);
    const judged = judgedFrom(truth.map((t) => (t ? 1 : 0)));
    const bits = accountGeneration(judged, keptOf(judged), context(taskWith(truth)));
    expect(bits.task_information.mi_bits).toBeCloseTo(binaryEntropy(0.2) + 1 / (2 * 40 * Math.LN2), 12); // Miller–Madow term ≥ 0 when S = C
    expect(bits.task_information.bound).toBe('point');
    expect(bits.task_information.audit_n).toBe(40);
    expect(bits.injected_bits).toBe(bits.shift_bits);
    expect(bits.shift_bits).toBe(filterShiftBits(8, 40));
  });

  it('caps a noisy verifier at n·Î(S;C) = n·(H2(P(S=1)) − H2(ε) − 1/(2n ln 2)) on an exact flip channel', () => {
    // 400 correct of 1000; a quarter of each class flipped: P(S=1) = 0.45
    const truth = Array.from({ length: 1000 }, (_, i) => i < 400);
    const kept = truth.map((t, i) => ((t ? i : i - 400) < (t ? 100 : 150) ? !t : t));
    const judged = judgedFrom(kept.map((k) => (k ? 1 : 0)), kept);
    const bits = accountGeneration(judged, keptOf(judged), context(taskWith(truth)));
    const information = binaryEntropy(0.45) - binaryEntropy(0.25) - 1 / (2000 * Math.LN2);
    expect(bits.shift_bits).toBeCloseTo(450 * Math.log2(1000 / 450), 9);
    expect(bits.injected_bits).toBeCloseTo(1000 * information, 9);
    const [low, high] = bits.task_information.mi_interval!;
    expect(low).toBeGreaterThanOrEqual(0);
    expect(low).toBeLessThan(information);
    expect(high).toBeGreaterThan(information);
  });

  it('injects 0 from a closed signal, whatever the shift', () => {
    const judged = judgedFrom([1, 0, 0, 0]);
    const bits = accountGeneration(judged, keptOf(judged), context(taskWith([true, false, false, false]), { reads: 'model' }));
    expect(bits.shift_bits).toBe(2);
    expect(bits.injected_bits).toBe(0);
    expect(bits.injected_bits_upper).toBe(0);
    expect(bits.task_information.source).toBe('not-read');
  });

  it('reports unmeasured (null) with the declared bound when the task has no ground truth, and uses the upper end on an audit', () => {
    const noTruth = taskWith([], { groundTruth: false });
    const judged = judgedFrom([1, 0, 0, 0]);
    const bits = accountGeneration(judged, keptOf(judged), context(noTruth));
    expect(bits.injected_bits).toBeNull();
    expect(bits.injected_bits_upper).toBe(2);
    expect(bits.task_information.source).toBe('unmeasured');
    const audited = judgedFrom([1, 1, 0, 0, 1, 0, 0, 0]);
    for (const [i, label] of [[0, true], [1, false], [2, false], [3, false]] as const) audited[i].judgement.audit = label;
    const withAudit = accountGeneration(audited, keptOf(audited), context(noTruth));
    expect(withAudit.task_information.source).toBe('audit');
    expect(withAudit.task_information.bound).toBe('upper');
    expect(withAudit.task_information.audit_n).toBe(4);
    const upper = withAudit.task_information.mi_interval![1];
    expect(withAudit.injected_bits).toBe(Math.min(withAudit.shift_bits, 8 * upper));
  });

  it('keeps an unmeasured total unmeasured', () => {
    expect(addInjected(3, 4)).toBe(7);
    expect(addInjected(3, null)).toBeNull();
    expect(addInjected(null, 4)).toBeNull();
  });
});

describe('ledger accounting: real data (mix)', () => {
  const real = (xs: number[], p: Prompt = prompt): Weighted<number>[] => xs.map((x) => ({ prompt: p, x, weight: 1 }));

  it('counts n_real·KL(P*‖P_t) for a categorical target', () => {
    const target: Distribution = { kind: 'categorical', probs: Float64Array.of(0.5, 0.5, 0, 0) };
    const model: Distribution = { kind: 'categorical', probs: Float64Array.of(0.1, 0.2, 0.3, 0.4) };
    const task = taskWith([], { target: () => target });
    const withModel = { ...learner, distribution: () => model } as Learner<number>;
    const bits = accountGeneration(judgedFrom([1]), [], context(task, { reads: 'nothing', learner: withModel, real: real([0, 1, 1]) }));
    expect(bits.policy_injected_bits).toBeCloseTo(3 * klDivergence(target.probs, model.probs), 12);
    expect(bits.policy_bits_method).toBe('kl');
    expect(bits.injected_bits).toBe(bits.policy_injected_bits);
    expect(bits.injected_bits_upper).toBe(bits.policy_injected_bits);
  });

  it('counts n_real·KL for densities (Gaussian closed form, ≥ 0 where the cross-entropy of a density can be negative)', () => {
    const task = taskWith([], { target: () => ({ kind: 'gaussian', mean: 0, variance: 1 }) });
    const narrow = { ...learner, distribution: () => ({ kind: 'gaussian', mean: 0.5, variance: 0.01 }) } as Learner<number>;
    const bits = accountGeneration(judgedFrom([1]), [], context(task, { reads: 'nothing', learner: narrow, real: real([0.1, -0.3]) }));
    expect(bits.policy_injected_bits).toBeCloseTo(2 * gaussianKl(0, 1, 0.5, 0.01), 12);
    expect(bits.policy_injected_bits).toBeGreaterThan(0);
  });

  it('falls back to the cross-entropy under P_t, labelled as an upper bound, without a target', () => {
    const bits = accountGeneration(judgedFrom([1]), [], context(taskWith([]), { reads: 'nothing', real: real([7, 1, 2]) }));
    expect(bits.policy_injected_bits).toBe(3 + 1 + 1);
    expect(bits.policy_bits_method).toBe('cross-entropy-upper');
  });
});
