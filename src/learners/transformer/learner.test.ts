import { describe, expect, it } from 'vitest';
import { learnerContract } from '../../../test/contracts/learner.js';
import { InfoloopError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import type { Prompt, Weighted } from '../../core/types.js';
import { transformerParams } from './config.js';
import { transformerEntry } from './index.js';
import { TransformerLearner } from './learner.js';
import { Decoder } from './sample.js';

const prompt: Prompt = { id: 'p', text: 'ab' };
const make = (overrides: Record<string, unknown> = {}, seed = 1): TransformerLearner =>
  new TransformerLearner(transformerParams.parse({ preset: 'xs', steps_per_generation: 3, batch_size: 4, max_tokens: 12, workers: 1, ...overrides }), seed);
const batch: Weighted<string>[] = [
  { prompt, x: 'cd', weight: 1 },
  { prompt, x: 'cde', weight: 2 },
  { prompt: { id: 'q', text: '' }, x: 'hello there, a longer answer than the context', weight: 0.5 },
];

// The learner contract runs over every registered learner in test/contracts/registered.test.ts.

learnerContract('transformer (xs, dropout 0.2)', {
  make: () => make({ dropout: 0.2 }),
  prompt,
  batch,
  badBatches: [[{ prompt, x: 3, weight: 1 }]],
  n: 6,
});

describe('transformer learner', () => {
  it('rejects unknown config keys and bad values through its schema', () => {
    expect(transformerEntry.params.safeParse({ preset: 's', layer: 2 }).success).toBe(false);
    expect(transformerEntry.params.safeParse({ preset: 'xl' }).success).toBe(false);
    expect(transformerEntry.params.safeParse({ preset: 'm', top_k: 5, tokenizer: { kind: 'bpe', vocab_size: 300 } }).success).toBe(true);
    expect(() => make({ width: 18, heads: 4 })).toThrow(InfoloopError);
  });

  it('spends initial_steps on the first fit only, steps_per_generation afterwards', () => {
    const learner = make({ initial_steps: 5, steps_per_generation: 2 });
    expect(learner.fit(batch, createRng(1)).steps).toBe(5);
    expect(learner.fit(batch, createRng(2)).steps).toBe(2);
    expect(make({ steps_per_generation: 2 }).fit(batch, createRng(1)).steps).toBe(2);
  });

  it('agrees with its own KV-cache decoder on log-probabilities (two independent forward passes)', () => {
    const learner = make({ steps_per_generation: 20 });
    learner.fit(batch, createRng(8));
    const decoder = new Decoder(learner.shape, learner.weights());
    const sep = 257;
    const eos = 256;
    for (const answer of ['', 'c', 'cde', 'hello there']) {
      const ids = [...Buffer.from(prompt.text), sep, ...Buffer.from(answer), eos];
      const cache = decoder.newCache();
      let nats = 0;
      for (let i = 0; i < ids.length - 1; i++) {
        const logits = decoder.step(cache, ids[i]);
        if (i + 1 < prompt.text.length + 1) continue;
        const max = Math.max(...logits);
        const logTotal = max + Math.log(logits.reduce((total, v) => total + Math.exp(v - max), 0));
        nats += logits[ids[i + 1]] - logTotal;
      }
      // float32 weights in both; the engine also rounds activations to float32 (≈1e-6 relative per token)
      expect(learner.logProb(prompt, answer)).toBeCloseTo(nats / Math.LN2, 3);
    }
  });

  it.each([0, 0.1])('learns a repeated answer: its log-probability rises far above the untrained value (dropout %s)', (dropout) => {
    const learner = make({ steps_per_generation: 60, learning_rate: 1e-2, warmup_steps: 5, dropout });
    const before = learner.logProb(prompt, 'cd');
    learner.fit([{ prompt, x: 'cd', weight: 1 }], createRng(4));
    const after = learner.logProb(prompt, 'cd');
    // untrained: 3 tokens at ≈ 8 bits each; a learned deterministic answer costs well under 1 bit per token
    expect(before).toBeLessThan(-20);
    expect(after).toBeGreaterThan(-3);
  });

  it('samples answers with the frequencies its logProb states', () => {
    const learner = make({ steps_per_generation: 15, learning_rate: 1e-2, warmup_steps: 2 });
    learner.fit([{ prompt, x: 'c', weight: 1 }, { prompt, x: 'd', weight: 1 }], createRng(5));
    const n = 600;
    const answers = learner.sample(prompt, n, createRng(6));
    for (const answer of ['c', 'd']) {
      const p = 2 ** learner.logProb(prompt, answer);
      const frequency = answers.filter((a) => a === answer).length / n;
      // binomial standard error √(p(1−p)/n); 4.5 SE makes a false failure a ~1e-5 event
      expect(Math.abs(frequency - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n) + 1e-9);
    }
  });

  it('ignores zero-weight examples and does nothing when every weight is zero', () => {
    const learner = make();
    const before = learner.snapshot();
    const stats = learner.fit([{ prompt, x: 'cd', weight: 0 }], createRng(1));
    expect(stats.steps).toBe(0);
    expect(learner.snapshot().json).toEqual(before.json);
  });

  it('depends only on relative weights, and a zero-weight example is the same as leaving it out', () => {
    const fitted = (examples: Weighted<string>[]): string => {
      const learner = make();
      learner.fit(examples, createRng(12));
      return Buffer.from(learner.snapshot().binary!).toString('base64');
    };
    const doubled = batch.map((example) => ({ ...example, weight: 2 * example.weight })); // powers of two scale exactly
    expect(fitted(doubled)).toBe(fitted(batch));
    expect(fitted([...batch, { prompt, x: 'zzz', weight: 0 }])).toBe(fitted(batch));
    expect(fitted([batch[0], { ...batch[1], weight: 5 }, batch[2]])).not.toBe(fitted(batch));
  });

  it('continues bit-identically after a snapshot round trip through bytes', () => {
    const original = make();
    original.fit(batch, createRng(1));
    const saved = original.snapshot();
    const copy = make({}, 99);
    copy.restore({ learner: saved.learner, json: JSON.parse(JSON.stringify(saved.json)), binary: new Uint8Array(saved.binary!) });
    original.fit(batch, createRng(2));
    copy.fit(batch, createRng(2));
    expect(Buffer.from(copy.snapshot().binary!).equals(Buffer.from(original.snapshot().binary!))).toBe(true);
  });

  it('draws dropout masks from the fit generator: the same seed repeats the fit, dropout changes it, scoring stays deterministic', () => {
    const fitted = (dropout: number, seed: number): TransformerLearner => {
      const learner = make({ dropout });
      learner.fit(batch, createRng(seed));
      return learner;
    };
    const bytes = (learner: TransformerLearner): string => Buffer.from(learner.snapshot().binary!).toString('base64');
    expect(bytes(fitted(0.2, 3))).toBe(bytes(fitted(0.2, 3)));
    expect(bytes(fitted(0.2, 3))).not.toBe(bytes(fitted(0, 3)));
    expect(bytes(fitted(0.2, 3))).not.toBe(bytes(fitted(0.2, 4)));
    const learner = fitted(0.5, 3);
    expect(learner.logProb(prompt, 'cde')).toBe(learner.logProb(prompt, 'cde'));
    expect(transformerEntry.params.safeParse({ dropout: 1 }).success).toBe(false);
    expect(transformerEntry.params.safeParse({ dropout: -0.1 }).success).toBe(false);
  });

  it('refuses a snapshot of another size or with damaged weights', () => {
    const saved = make().snapshot();
    expect(() => make({ width: 32 }).restore(saved)).toThrow(InfoloopError);
    const damaged = new Uint8Array(saved.binary!);
    damaged[10] ^= 1;
    expect(() => make().restore({ ...saved, binary: damaged })).toThrow(/checksum/);
  });

  it('scores running text in bits per character, with long texts cut into windows', () => {
    const learner = make();
    const text = 'the quick brown fox jumps over the lazy dog';
    const { bits, chars } = learner.textBits(text);
    expect(chars).toBe(text.length);
    // an untrained model is near-uniform over 258 ids: ≈ 8 bits per byte
    expect(bits / chars).toBeGreaterThan(7);
    expect(bits / chars).toBeLessThan(9);
  });

  it('stops answers at max_chars from the prompt data', () => {
    const learner = make({ max_tokens: 50 });
    const answers = learner.sample({ id: 'r', text: '', data: { max_chars: 3 } }, 4, createRng(3));
    for (const answer of answers) expect(Array.from(answer).length).toBeLessThanOrEqual(3);
  });

  it('learns BPE merges from its first batch and keeps them through a snapshot', () => {
    const learner = make({ tokenizer: { kind: 'bpe', vocab_size: 300 } });
    expect(learner.shape.vocabSize).toBe(300);
    const text = 'to be or not to be, that is the question; to be or not to be';
    learner.fit([{ prompt: { id: 't', text: '' }, x: text, weight: 1 }], createRng(1));
    const saved = learner.snapshot();
    expect((saved.json as { tokenizer: { merges: number[] } }).tokenizer.merges.length).toBeGreaterThan(0);
    const copy = make({ tokenizer: { kind: 'bpe', vocab_size: 300 } }, 5);
    copy.restore(saved);
    expect(copy.logProb(prompt, 'to be')).toBe(learner.logProb(prompt, 'to be'));
    // merged tokens make the text shorter than its bytes, and its bits are still finite and positive
    const { bits, chars } = copy.textBits(text);
    expect(chars).toBe(text.length);
    expect(bits).toBeGreaterThan(0);
    expect(Number.isFinite(bits)).toBe(true);
  });
});
