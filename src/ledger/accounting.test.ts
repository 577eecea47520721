import { describe, expect, it } from 'vitest';
import type { Judged, Learner, Prompt } from '../core/types.js';
import { accountGeneration, filterShiftBits, signalEntropyBits, weightShiftBits } from './accounting.js';

const prompt: Prompt = { id: 'p', text: '' };
const judgedFrom = (scores: number[], kept?: boolean[]): Judged<number>[] =>
  scores.map((score, i) => ({ prompt, x: i, group: 0, judgement: { score, kept: kept ? kept[i] : score > 0 } }));
const learner = { name: 'fixed', logProb: (_p: Prompt, x: number) => (x === 7 ? -3 : -1) } as unknown as Learner<number>;

describe('ledger accounting', () => {
  it('counts n_kept·(−log2 â) for a hard filter', () => {
    expect(filterShiftBits(25, 100)).toBe(25 * 2);
    expect(filterShiftBits(0, 100)).toBe(0);
    expect(filterShiftBits(100, 100)).toBe(0);
  });

  it('counts n_judged·H2(â) of signal entropy and injected bits only when the signal reads the task', () => {
    const judged = judgedFrom([1, 0, 0, 0]);
    const selected = [{ prompt, x: 0, weight: 1 }];
    const open = accountGeneration(judged, selected, 'filter', 'task', learner);
    const h2 = -(0.25 * Math.log2(0.25) + 0.75 * Math.log2(0.75));
    expect(open.signal_entropy_bits).toBeCloseTo(4 * h2, 12);
    expect(open.injected_bits).toBe(2);
    expect(open.shift_bits).toBe(2);
    const closed = accountGeneration(judged, selected, 'filter', 'model', learner);
    expect(closed.injected_bits).toBe(0);
    expect(closed.shift_bits).toBe(2);
  });

  it('counts KL(Q‖P)·ESS for weights, by hand on two samples', () => {
    // w = (1, 3): E_Q[log2 w] = (0 + 3 log2 3)/4, log2 E_P[w] = 1, ESS = 16/10
    const expected = ((3 * Math.log2(3)) / 4 - 1) * 1.6;
    expect(weightShiftBits([1, 3])).toBeCloseTo(expected, 12);
    expect(weightShiftBits([2, 2, 2])).toBe(0);
    expect(weightShiftBits([0, 0])).toBe(0);
  });

  it('counts the reference surprisal for imitation', () => {
    const judged: Judged<number>[] = [0, 1].map((i) => ({ prompt, x: i, group: 0, judgement: { score: 1, kept: true, replacement: 7 } }));
    const bits = accountGeneration(judged, [], 'filter', 'task', learner);
    expect(bits.accounting).toBe('imitation');
    expect(bits.injected_bits).toBe(6);
  });

  it('uses the plug-in entropy of graded scores', () => {
    expect(signalEntropyBits([0.5, 0.5, 1, 0.2])).toBeCloseTo(4 * 1.5, 12);
  });
});
