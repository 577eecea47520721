import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { oracle, tinyProblem } from './oracle.js';
import { Decoder, drawToken, generate } from './sample.js';

describe('KV-cache decoder', () => {
  it.each([true, false])('gives the oracle log-probabilities at every position (tied head: %s)', (tied) => {
    const { shape, params, batch } = tinyProblem(tied, createRng(31));
    const expected = oracle(shape, params, batch).logProbs;
    const decoder = new Decoder(shape, params);
    for (let row = 0; row < batch.rows; row++) {
      const cache = decoder.newCache();
      for (let t = 0; t < shape.context; t++) {
        const logits = decoder.step(cache, batch.tokens[row * shape.context + t]);
        const max = Math.max(...logits);
        const logTotal = max + Math.log(logits.reduce((total, v) => total + Math.exp(v - max), 0));
        // only k/v are stored as float32: relative rounding ≈ 1e-7
        expect(logits[batch.targets[row * shape.context + t]] - logTotal).toBeCloseTo(expected[row * shape.context + t], 5);
      }
    }
  });

  it('rebuilds its cache when an answer outgrows the context instead of failing', () => {
    const { shape, params } = tinyProblem(true, createRng(2));
    const decoder = new Decoder(shape, params);
    const [answer] = generate(decoder, { context: [1, 2], maxTokens: 3 * shape.context, maxChars: Infinity, eos: -1, charsOf: () => 1 }, [createRng(1)], { temperature: 1, topK: 0 });
    expect(answer).toHaveLength(3 * shape.context);
  });
});

describe('drawToken', () => {
  const logits = Float64Array.from([Math.log(0.5), Math.log(0.3), Math.log(0.2)]);

  it('draws with the softmax probabilities at temperature 1', () => {
    const rng = createRng(1);
    const n = 20000;
    const counts = [0, 0, 0];
    for (let i = 0; i < n; i++) counts[drawToken(logits, { temperature: 1, topK: 0 }, rng)]++;
    // 4.5 binomial standard errors per cell
    [0.5, 0.3, 0.2].forEach((p, v) => expect(Math.abs(counts[v] / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n)));
  });

  it('renormalises over the top k and sharpens with temperature', () => {
    const rng = createRng(2);
    const n = 20000;
    let first = 0;
    for (let i = 0; i < n; i++) {
      const token = drawToken(logits, { temperature: 1, topK: 2 }, rng);
      expect(token).not.toBe(2);
      if (token === 0) first++;
    }
    const p = 0.5 / 0.8;
    expect(Math.abs(first / n - p)).toBeLessThan(4.5 * Math.sqrt((p * (1 - p)) / n));
    // temperature 0.5 squares the probabilities before renormalising: 0.25 / (0.25 + 0.09 + 0.04)
    let sharp = 0;
    for (let i = 0; i < n; i++) if (drawToken(logits, { temperature: 0.5, topK: 0 }, rng) === 0) sharp++;
    const q = 0.25 / 0.38;
    expect(Math.abs(sharp / n - q)).toBeLessThan(4.5 * Math.sqrt((q * (1 - q)) / n));
    expect(drawToken(logits, { temperature: 1, topK: 1 }, rng)).toBe(0);
    for (let i = 0; i < 50; i++) expect(drawToken(logits, { temperature: 1, topK: 0, vocabulary: 1 }, rng)).toBe(0);
  });
});
