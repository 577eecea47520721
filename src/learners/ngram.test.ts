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
  [{ prompt: {} as Prompt, x: 'ok', weight: 1 }],
];

// The char n-gram runs the learner contract in test/contracts/registered.test.ts; the bpe one here.
learnerContract('ngram (bpe)', { make: () => new NgramLearner({ order: 2, tokenizer: 'bpe', vocab_size: 280, max_tokens: 20 }), prompt: empty, batch, badBatches });

const corpus = 'the quick brown fox jumps over the lazy dog. '.repeat(3) + 'a stitch in time saves nine; the early bird catches the worm.';

describe('ngram learner', () => {
  it('an untrained model is uniform: log2(257) bits per byte and per EOS; a running text goes on, so 8 bits per byte', () => {
    const learner = new NgramLearner({ order: 4 });
    expect(learner.logProb(empty, 'abc')).toBeCloseTo(-4 * Math.log2(257), 10);
    const { bits, chars } = learner.textBits('héllo');
    expect(chars).toBe(5);
    expect(bits).toBeCloseTo(6 * 8, 10); // é is two bytes; EOS's share is renormalised away
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
    // each greedy character is the most probable next byte (probabilities read off textBits differences)
    for (let i = 0; i < 10; i++) {
      const prefix = greedy[0].slice(0, i);
      const bitsOf = (c: string): number => learner.textBits(prefix + c).bits;
      const chosen = bitsOf(greedy[0][i]);
      for (let code = 32; code < 127; code++) expect(chosen).toBeLessThanOrEqual(bitsOf(String.fromCharCode(code)));
    }
    // a text whose every 4-character context has one continuation: no ties, so a cold sample is the greedy one
    const pangram = 'the quick brown fox jumps over a lazy dog. '.repeat(2);
    const [cold, hot] = [0.05, 1].map((temperature) => new NgramLearner({ order: 5, temperature }));
    const greedyPangram = new NgramLearner({ order: 5, top_k: 1 });
    for (const learner of [cold, hot, greedyPangram]) learner.fit([{ prompt: empty, x: pangram, weight: 4 }], createRng(1));
    const length = { id: 'g', text: '', data: { max_chars: 40 } };
    const expected = greedyPangram.sample(length, 1, createRng(1))[0];
    expect(expected).toBe(pangram.slice(0, 40));
    expect(cold.sample(length, 10, createRng(2))).toEqual(Array(10).fill(expected));
    expect(hot.sample(length, 10, createRng(2))).not.toEqual(Array(10).fill(expected));
  });

  it('gives a next-token distribution that sums to 1 (and 0 to the separator) after any context', () => {
    const learner = new NgramLearner({ order: 4 });
    learner.fit([{ prompt: empty, x: corpus, weight: 1 }, { prompt: question, x: 'hello', weight: 0.5 }], createRng(1));
    const out = new Float64Array(258);
    const rng = createRng(8);
    for (let trial = 0; trial < 200; trial++) {
      const history = [257, ...Array.from({ length: rng.int(6) }, () => (rng.next() < 0.8 ? corpus.charCodeAt(rng.int(corpus.length)) : rng.int(256)))];
      learner.model.distribution(history, out);
      expect(out.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(out[257]).toBe(0);
    }
  });

  it('continues the random stream across calls', () => {
    const learner = new NgramLearner({ order: 3 });
    learner.fit([{ prompt: empty, x: corpus, weight: 1 }], createRng(1));
    const rng = createRng(4);
    expect(learner.sample(empty, 3, rng)).not.toEqual(learner.sample(empty, 3, rng));
  });

  it('stops at max_chars, counting characters not bytes', () => {
    const learner = new NgramLearner({ order: 2 });
    learner.fit([{ prompt: empty, x: 'ééééééééé', weight: 1 }], createRng(1));
    for (const s of learner.sample({ id: 'c', text: '', data: { max_chars: 4 } }, 20, createRng(1))) {
      expect(Array.from(s).length).toBeLessThanOrEqual(4);
    }
  });

  it('textBits and logProb are the chain rule after a separator (logProb with EOS, textBits conditioned on going on)', () => {
    const learner = new NgramLearner({ order: 3 });
    learner.fit([{ prompt: empty, x: corpus, weight: 1 }], createRng(1));
    const [sep, eos, a, b] = [257, 256, 97, 98];
    const p = (history: number[], w: number): number => learner.model.probability(history, w);
    const goingOn = (history: number[], w: number): number => p(history, w) / (1 - p(history, eos) - p(history, sep));
    expect(p([sep, a], eos)).toBeGreaterThan(1e-4); // so the renormalisation is visible
    expect(learner.textBits('ab').bits).toBeCloseTo(-Math.log2(goingOn([sep], a) * goingOn([sep, a], b)), 12);
    expect(learner.logProb(empty, 'ab')).toBeCloseTo(Math.log2(p([sep], a) * p([sep, a], b) * p([sep, a, b], eos)), 12);
    expect(learner.textBits('the lazy fox').bits / 12).toBeLessThan(4);
  });

  it('masks EOS until min_chars', () => {
    const learner = new NgramLearner({ order: 2 });
    learner.fit(['a', 'b', 'ab'].map((x) => ({ prompt: empty, x, weight: 1 })), createRng(1));
    const samples = learner.sample({ id: 'm', text: '', data: { min_chars: 6, max_chars: 6 } }, 50, createRng(2));
    expect(samples.every((s) => s.length === 6)).toBe(true);
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

/** P(first answer token = letter | empty prompt). */
function firstTokenProbability(learner: NgramLearner, letter: string): number {
  return learner.model.probability([257], letter.charCodeAt(0));
}
