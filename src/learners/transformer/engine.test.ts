import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { dropoutMasks } from './dropout.js';
import { Engine } from './engine.js';
import { parameterSpecs } from './model.js';
import { oracle, tinyProblem } from './oracle.js';

/** ‖a − b‖₂ / ‖b‖₂ over a whole tensor (per-element ratios are meaningless for entries near 0). */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0;
  let norm = 0;
  for (let i = 0; i < b.length; i++) {
    difference += (a[i] - b[i]) ** 2;
    norm += b[i] ** 2;
  }
  return Math.sqrt(difference / norm);
}

describe('tensor engine against the float64 oracle', () => {
  it.each([
    [true, 0],
    [false, 0],
    [true, 0.3],
    [false, 0.3],
  ])('matches the loss and every parameter gradient to 1e-4 (tied head: %s, dropout: %s)', (tied, rate) => {
    const { shape, params, batch } = tinyProblem(tied, createRng(21));
    if (rate > 0) batch.dropout = dropoutMasks(shape, batch.rows, rate, createRng(22));
    const engine = new Engine(shape);
    engine.setWeights(params);
    const fast = engine.lossAndGradients(batch);
    const slow = oracle(shape, params, batch);
    // float32 arithmetic over a few hundred terms: rounding ≈ 1e-6 relative, so 1e-4 is the bound with margin.
    expect(Math.abs(fast.loss - slow.loss) / Math.abs(slow.loss)).toBeLessThan(1e-4);
    const names = parameterSpecs(shape).map((s) => s.name);
    expect(fast.gradients).toHaveLength(slow.gradients.length);
    for (let p = 0; p < names.length; p++) {
      expect(relativeError(fast.gradients[p], slow.gradients[p]), names[p]).toBeLessThan(1e-4);
    }
    // scoring never drops: it matches the oracle without masks
    const logProbs = engine.tokenLogProbs(batch.rows, batch.tokens, batch.targets);
    expect(relativeError(logProbs, oracle(shape, params, { ...batch, dropout: undefined }).logProbs)).toBeLessThan(1e-5);
    engine.dispose();
  });

  it('scores with ids excluded as the distribution renormalised over the other ids', () => {
    const { shape, params, batch } = tinyProblem(false, createRng(24));
    const excluded = [5, 6];
    const targets = batch.targets.map((t) => t % 5); // only ids that stay in the distribution
    const engine = new Engine(shape);
    engine.setWeights(params);
    const fast = engine.tokenLogProbs(batch.rows, batch.tokens, targets, excluded);
    // float64: ln p(t) − ln(1 − p(5) − p(6)), each p read off the oracle with that id as every target
    const lnP = (t: Int32Array): Float64Array => oracle(shape, params, { ...batch, targets: t }).logProbs;
    const plain = lnP(targets);
    const ends = excluded.map((id) => lnP(new Int32Array(targets.length).fill(id)));
    const expected = plain.map((v, i) => v - Math.log(1 - Math.exp(ends[0][i]) - Math.exp(ends[1][i])));
    expect(relativeError(fast, expected)).toBeLessThan(1e-5);
    // and it is a different number from the plain score (the excluded ids hold real mass here)
    expect(relativeError(engine.tokenLogProbs(batch.rows, batch.tokens, targets), expected)).toBeGreaterThan(1e-2);
    engine.dispose();
  });

  it('trains on different gradients with dropout masks than without, and on the same ones with masks of all ones', () => {
    const { shape, params, batch } = tinyProblem(true, createRng(23));
    const engine = new Engine(shape);
    engine.setWeights(params);
    const plain = engine.lossAndGradients(batch);
    const ones = engine.lossAndGradients({ ...batch, dropout: dropoutMasks(shape, batch.rows, 0, createRng(1)) });
    const dropped = engine.lossAndGradients({ ...batch, dropout: dropoutMasks(shape, batch.rows, 0.5, createRng(1)) });
    expect(ones.loss).toBe(plain.loss);
    ones.gradients.forEach((g, p) => expect(relativeError(g, plain.gradients[p])).toBeLessThan(1e-6));
    expect(Math.abs(dropped.loss - plain.loss)).toBeGreaterThan(1e-3 * plain.loss);
    engine.dispose();
  });
});
