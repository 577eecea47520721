import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { drawToken } from './decode.js';

describe('drawToken', () => {
  const probs = Float64Array.from([0.5, 0.3, 0.2]);
  const scratch = new Float64Array(3);

  it('temperature 0 is the argmax', () => {
    expect(drawToken(Float64Array.from([0.2, 0.5, 0.3]), 0, 1, createRng(1), scratch)).toBe(1);
  });

  it('top_p keeps the smallest head holding that mass, renormalised', () => {
    const rng = createRng(2);
    const N = 20_000;
    const counts = [0, 0, 0];
    for (let i = 0; i < N; i++) counts[drawToken(probs, 1, 0.6, rng, scratch)]++;
    expect(counts[2]).toBe(0);
    const p = 0.5 / 0.8;
    expect(Math.abs(counts[0] / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });

  it('temperature T draws from p^(1/T), normalised', () => {
    const rng = createRng(3);
    const N = 20_000;
    let zeros = 0;
    for (let i = 0; i < N; i++) if (drawToken(probs, 0.5, 1, rng, scratch) === 0) zeros++;
    const p = 0.25 / (0.25 + 0.09 + 0.04);
    expect(Math.abs(zeros / N - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / N));
  });
});

describe('transformer token stepper', () => {
  it("gives the answer's log-probability the learner scores (float64 decoder against the float32 engine)", async () => {
    const { TransformerLearner } = await import('../../learners/transformer/learner.js');
    const { transformerParams } = await import('../../learners/transformer/config.js');
    const learner = new TransformerLearner(transformerParams.parse({ preset: 'xs', workers: 1, max_tokens: 6 }), 4);
    const stepper = learner.tokenStepper();
    const prompt = { id: 'p', text: 'ab' };
    const answer = 'xyz';
    const cursor = stepper.start(prompt.text);
    const probs = new Float64Array(stepper.vocabSize);
    let nats = 0;
    for (const id of [...stepper.encode(answer), stepper.eos]) {
      cursor.probabilities(probs);
      nats += Math.log(probs[id]);
      cursor.push(id);
    }
    expect(nats / Math.LN2).toBeCloseTo(learner.logProb(prompt, answer), 3);
  });
});
