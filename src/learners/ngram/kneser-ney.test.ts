import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../core/rng.js';
import { estimateDiscounts, KneserNeyModel } from './kneser-ney.js';
import { NgramTrie } from './trie.js';

interface Sequence {
  ids: number[];
  start: number;
  weight: number;
}

/** Random sequences over {0..vocab−1}; the first `start` tokens are context only. */
function randomSequences(rng: Rng, count: number, vocab: number, fractional: boolean): Sequence[] {
  return Array.from({ length: count }, () => {
    const length = 2 + rng.int(7);
    // a skewed alphabet so that counts of 2, 3, 4+ occur and all three discounts are estimated
    const ids = Array.from({ length }, () => (rng.next() < 0.5 ? 0 : rng.int(vocab)));
    return { ids, start: 1 + rng.int(Math.min(2, length - 1)), weight: fractional ? [0.25, 1, 1.5, 2][rng.int(4)] : 1 };
  });
}

function build(sequences: Sequence[], order: number, vocab: number, dense: boolean): KneserNeyModel {
  // tiny capacity exercises growth; a declared vocabulary of 4 puts depths 1–2 in direct arrays, 65536 in the hash table
  const trie = new NgramTrie(order, 16, dense ? vocab : 65_536);
  for (const s of sequences) trie.addSequence(s.ids, s.start, s.weight);
  return new KneserNeyModel(trie, vocab, -1);
}

/**
 * Slow, obvious interpolated modified Kneser–Ney written from the definitions with string keys,
 * independent of the trie: the oracle for the fast model.
 */
function oracle(sequences: Sequence[], order: number, vocab: number): (history: number[], w: number) => number {
  const key = (gram: number[]): string => gram.join(',');
  const observed = new Set<string>();
  const raw = new Map<string, number>();
  for (const { ids, start, weight } of sequences) {
    for (let i = start; i < ids.length; i++) {
      const deepest = Math.min(order, i + 1);
      for (let k = 1; k <= deepest; k++) observed.add(key(ids.slice(i - k + 1, i + 1)));
      const longest = key(ids.slice(i - deepest + 1, i + 1));
      raw.set(longest, (raw.get(longest) ?? 0) + weight);
    }
  }
  const grams = [...observed].map((k) => k.split(',').map(Number));
  const adjusted = new Map<string, number>();
  for (const gram of grams) {
    let leftExtensions = 0;
    if (gram.length < order) for (let v = 0; v < vocab; v++) if (observed.has(key([v, ...gram]))) leftExtensions++;
    adjusted.set(key(gram), (raw.get(key(gram)) ?? 0) + leftExtensions);
  }
  const discounts: number[][] = [[]];
  for (let k = 1; k <= order; k++) {
    const n = [0, 0, 0, 0, 0];
    for (const gram of grams) {
      const r = Math.max(1, Math.round(adjusted.get(key(gram))!));
      if (gram.length === k && r <= 4) n[r]++;
    }
    discounts.push(estimateDiscounts(n));
  }
  const discount = (k: number, a: number): number => (a < 1.5 ? discounts[k][0] : a < 2.5 ? discounts[k][1] : discounts[k][2]);
  const probability = (context: number[], w: number): number => {
    if (context.length === 0 && order === 0) return 1 / vocab;
    const lower = context.length === 0 ? 1 / vocab : probability(context.slice(1), w);
    let total = 0;
    let gamma = 0;
    for (let v = 0; v < vocab; v++) {
      const a = adjusted.get(key([...context, v])) ?? 0;
      total += a;
      if (a > 0) gamma += Math.min(discount(context.length + 1, a), a);
    }
    if (total === 0) return lower;
    const a = adjusted.get(key([...context, w])) ?? 0;
    return (Math.max(a - (a > 0 ? discount(context.length + 1, a) : 0), 0) + gamma * lower) / total;
  };
  return (history, w) => probability(history.slice(Math.max(0, history.length - (order - 1))), w);
}

/** Every history of length 0..maxLength over the alphabet. */
function allHistories(vocab: number, maxLength: number): number[][] {
  const out: number[][] = [[]];
  for (let length = 1; length <= maxLength; length++) {
    for (const h of out.filter((x) => x.length === length - 1)) for (let v = 0; v < vocab; v++) out.push([...h, v]);
  }
  return out;
}

describe('interpolated modified Kneser–Ney', () => {
  it.each([[1, true], [2, false], [3, true], [3, false], [4, true]])('order %i (direct arrays: %s): sums to 1 for every context and matches the slow oracle', (order, dense) => {
    const vocab = 4;
    const sequences = randomSequences(createRng(order), 60, vocab, true);
    const model = build(sequences, order, vocab, dense);
    const slow = oracle(sequences, order, vocab);
    const out = new Float64Array(vocab);
    // histories longer than order−1 check that only the last order−1 tokens matter
    for (const history of allHistories(vocab, order)) {
      model.distribution(history, out);
      const tokens = [...Array(vocab).keys()].reverse(); // any order, one walk
      const together = model.probabilities(history, tokens);
      let sum = 0;
      for (let w = 0; w < vocab; w++) {
        const p = model.probability(history, w);
        expect(p).toBeGreaterThan(0);
        expect(together[vocab - 1 - w]).toBe(p);
        expect(out[w]).toBeCloseTo(p, 14);
        expect(p).toBeCloseTo(slow(history, w), 12);
        sum += p;
      }
      expect(sum).toBeCloseTo(1, 12);
    }
  });

  it('order 1 on "a a b EOS" matches the hand computation', () => {
    // counts a:2, b:1, EOS(=3):1 → n1=2, n2=1 → Y=1/2, D1=1−2·(1/2)·1/2=0.5; n3=0 so D2 falls back to 1;
    // A=4, γ=min(D2,2)+min(D1,1)+min(D1,1)=2, base=1/9
    const trie = new NgramTrie(1);
    trie.addSequence([9, 0, 0, 1, 3], 1, 1); // token 9 is the context-only separator, excluded from predictions
    const model = new KneserNeyModel(trie, 10, 9);
    expect(model.discounts[1].slice(0, 2)).toEqual([0.5, 1]);
    const base = 1 / 9;
    expect(model.probability([], 0)).toBeCloseTo((1 + 2 * base) / 4, 15);
    expect(model.probability([], 1)).toBeCloseTo((0.5 + 2 * base) / 4, 15);
    expect(model.probability([], 2)).toBeCloseTo((2 * base) / 4, 15);
    expect(model.probability([], 9)).toBe(0);
  });

  it('an empty model is uniform over the predictable tokens', () => {
    const model = new KneserNeyModel(new NgramTrie(3), 258);
    expect(model.probability([1, 2], 5)).toBeCloseTo(1 / 257, 15);
    expect(model.probability([1, 2], 257)).toBe(0);
  });

  it('estimates discounts from count-of-counts and clamps degenerate ones', () => {
    // n = (10, 4, 2, 1): Y = 10/18; D1 = 1 − 2Y·4/10, D2 = 2 − 3Y·2/4, D3 = 3 − 4Y·1/2
    const y = 10 / 18;
    const [d1, d2, d3] = estimateDiscounts([0, 10, 4, 2, 1]);
    expect(d1).toBeCloseTo(1 - (2 * y * 4) / 10, 15);
    expect(d2).toBeCloseTo(2 - (3 * y * 2) / 4, 15);
    expect(d3).toBeCloseTo(3 - (4 * y * 1) / 2, 15);
    expect(estimateDiscounts([0, 0, 0, 0, 0])).toEqual([0.5, 1, 1.5]);
    expect(estimateDiscounts([0, 5, 0, 3, 1])).toEqual([0.5, 1, 3 - 4 / 3]); // n2 = 0: D1 would be 1, D2 undefined; Y = 1
    expect(estimateDiscounts([0, 1, 1, 100, 1])[1]).toBe(0.05); // 2 − 3·(1/3)·100 < 0 is clamped
  });
});
