import { describe, expect, it } from 'vitest';
import { learnerContract } from '../../test/contracts/learner.js';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { Prompt, Weighted } from '../core/types.js';
import { NgramLearner, ngramEntry } from './ngram.js';

const empty: Prompt = { id: 'text', text: '' };
const question: Prompt = { id: 'q', text: 'say hello: ' };
const lines = ['hello there', 'hello world', 'help me', 'hold the door', 'the world is wide', 'hello hello'];
const batch: Weighted<string>[] = lines.map((x, i) => ({ prompt: i % 2 ? question : empty, x, weight: 1 + (i % 3) * 0.5 }));
const badBatches = [
  [{ prompt: empty, x: 42, weight: 1 }],
  [{ prompt: empty, x: 'ok', weight: -1 }],
  [{ prompt: empty, x: 'ok', weight: NaN }],
  [{ prompt: {}, x: 'ok', weight: 1 }],
];

learnerContract('ngram (char)', { make: () => new NgramLearner({ order: 3, max_tokens: 20 }), prompt: question, batch, badBatches });
learnerContract('ngram (bpe)', { make: () => new NgramLearner({ order: 2, tokenizer: 'bpe', vocab_size: 280, max_tokens: 20 }), prompt: empty, batch, badBatches });

const corpus = 'the quick brown fox jumps over the lazy dog. '.repeat(3) + 'a stitch in time saves nine; the early bird catches the worm.';

describe('ngram learner', () => {
  it('an untrained model is uniform: log2(257) bits per byte and per EOS', () => {
    const learner = new NgramLearner({ order: 4 });
    expect(learner.logProb(empty, 'abc')).toBeCloseTo(-4 * Math.log2(257), 10);
    const { bits, chars } = learner.textBits('héllo');
    expect(chars).toBe(5);
    expect(bits).toBeCloseTo(6 * Math.log2(257), 10); // é is two bytes
  });

  it('weight 2 equals the example twice, and weights split in halves equal weight 1', () => {
    const make = (items: Array<[string, number]>): NgramLearner => {
      const learner = new NgramLearner({ order: 4 });
      learner.fit(items.map(([x, weight]) => ({ prompt: empty, x, weight })), createRng(1));
      return learner;
    };
    const doubled = make([['abcab', 2], ['bca', 1]]);
    const duplicated = make([['abcab', 1], ['bca', 1], ['abcab', 1]]);
    const halves = make([['abcab', 0.5], ['abcab', 0.5], ['bca', 1]]);
    const single = make([['abcab', 1], ['bca', 1]]);
    for (const x of ['abc', 'cab', 'bcab', 'zz', '']) {
      expect(doubled.logProb(empty, x)).toBe(duplicated.logProb(empty, x));
      expect(halves.logProb(empty, x)).toBe(single.logProb(empty, x));
    }
    expect(doubled.logProb(empty, 'abcab')).not.toBe(single.logProb(empty, 'abcab'));
  });

  it('conditions on the prompt: trained pairs become likely after their prompt', () => {
    const learner = new NgramLearner({ order: 6 });
    learner.fit([{ prompt: { id: 'a', text: 'Q1?' }, x: 'yes', weight: 1 }, { prompt: { id: 'b', text: 'Q2?' }, x: 'no', weight: 1 }], createRng(1));
    const first = { id: 'a', text: 'Q1?' };
    expect(learner.logProb(first, 'yes')).toBeGreaterThan(learner.logProb(first, 'no'));
    expect(learner.sample(first, 5, createRng(3))).toContain('yes');
  });

  it('fit replaces the counts; an empty batch leaves the model unchanged', () => {
    const learner = new NgramLearner({ order: 3 });
    learner.fit([{ prompt: empty, x: 'aaaa', weight: 1 }], createRng(1));
    const before = learner.logProb(empty, 'aaaa');
    expect(learner.fit([], createRng(1)).examples).toBe(0);
    expect(learner.fit([{ prompt: empty, x: 'zzz', weight: 0 }], createRng(1)).examples).toBe(0);
    expect(learner.logProb(empty, 'aaaa')).toBe(before);
    learner.fit([{ prompt: empty, x: 'bbbb', weight: 1 }], createRng(1));
    const fresh = new NgramLearner({ order: 3 });
    fresh.fit([{ prompt: empty, x: 'bbbb', weight: 1 }], createRng(1));
    expect(learner.logProb(empty, 'aaaa')).toBe(fresh.logProb(empty, 'aaaa'));
  });

  it('samples the first token with the model probabilities (4 standard errors)', () => {
    const learner = new NgramLearner({ order: 2 });
    learner.fit(['ab', 'ab', 'ac', 'b', 'cab'].map((x) => ({ prompt: empty, x, weight: 1 })), createRng(1));
    const oneToken: Prompt = { id: 'one', text: '', data: { max_tokens: 1 } };
    const n = 4000;
    const samples = learner.sample(oneToken, n, createRng(5));
    for (const letter of ['a', 'b', 'c']) {
      const p = firstTokenProbability(learner, letter);
      const frequency = samples.filter((s) => s === letter).length / n;
      expect(Math.abs(frequency - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    }
  });

  it('top_k = 1 is greedy and temperature sharpens', () => {
    const learner = new NgramLearner({ order: 5, top_k: 1 });
    learner.fit([{ prompt: empty, x: corpus, weight: 1 }], createRng(1));
    const greedy = learner.sample({ id: 'g', text: '', data: { max_chars: 30 } }, 3, createRng(1));
    expect(new Set(greedy).size).toBe(1);
    expect(greedy[0]).toHaveLength(30);
    expect(corpus.startsWith(greedy[0].slice(0, 10))).toBe(true);
    const cold = new NgramLearner({ order: 5, temperature: 0.05 });
    cold.fit([{ prompt: empty, x: corpus, weight: 1 }], createRng(1));
    expect(cold.sample({ id: 'g', text: '', data: { max_chars: 30 } }, 1, createRng(2))[0]).toBe(greedy[0]);
  });

  it('stops at max_chars, counting characters not bytes', () => {
    const learner = new NgramLearner({ order: 2 });
    learner.fit([{ prompt: empty, x: 'ééééééééé', weight: 1 }], createRng(1));
    for (const s of learner.sample({ id: 'c', text: '', data: { max_chars: 4 } }, 20, createRng(1))) {
      expect(Array.from(s).length).toBeLessThanOrEqual(4);
    }
  });

  it('textBits sums the per-token surprisals after a separator', () => {
    const learner = new NgramLearner({ order: 3 });
    learner.fit([{ prompt: empty, x: corpus, weight: 1 }], createRng(1));
    const text = 'the lazy fox';
    // logProb(x) adds the EOS surprisal to textBits(x)
    const eosBits = -learner.logProb(empty, text) - learner.textBits(text).bits;
    expect(eosBits).toBeGreaterThan(0);
    expect(learner.textBits(text).bits / learner.textBits(text).chars).toBeLessThan(Math.log2(257) / 2);
  });

  it('keeps its snapshot compact: 15 bytes per trie node', () => {
    const learner = new NgramLearner({ order: 5 });
    learner.fit([{ prompt: empty, x: corpus.repeat(4), weight: 1 }], createRng(1));
    const snapshot = learner.snapshot();
    const nodes = (snapshot.json as { nodes: number }).nodes;
    expect(snapshot.binary!.length).toBe(8 + 15 * nodes);
    const copy = new NgramLearner({ order: 4 });
    expect(() => copy.restore(snapshot)).toThrow(InfoloopError);
    const corrupt = { ...snapshot, binary: snapshot.binary!.subarray(0, 100) };
    expect(() => new NgramLearner({ order: 5 }).restore(corrupt)).toThrow(InfoloopError);
  });

  it('validates its config through the registry entry', () => {
    expect(ngramEntry.params.safeParse({ order: 9 }).success).toBe(false);
    expect(ngramEntry.params.safeParse({ order: 5, tokenizer: 'words' }).success).toBe(false);
    expect(ngramEntry.params.safeParse({ ordr: 5 }).success).toBe(false);
    const learner = ngramEntry.create(ngramEntry.params.parse({ order: 2 }), { seed: 1 });
    expect(learner.params).toMatchObject({ order: 2, tokenizer: 'char', temperature: 1, top_k: 0 });
  });
});

/** P(first answer token = letter | empty prompt), read off logProb of a one-letter answer minus its EOS. */
function firstTokenProbability(learner: NgramLearner, letter: string): number {
  const withEos = learner.logProb(empty, letter);
  const { bits } = learner.textBits(letter);
  expect(withEos).toBeLessThan(-bits + 1e-9);
  return 2 ** -bits;
}
