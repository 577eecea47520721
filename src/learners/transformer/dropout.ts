/**
 * Dropout masks, drawn in plain JS from the learner's seeded generator and passed to the engine as
 * inputs, so a training step is a pure function of its inputs: the float64 oracle can be checked on
 * the very same masks, and a resumed or data-parallel run draws exactly the same ones.
 *
 * Sites, in order (GPT-2's residual dropout, without dropout on attention probabilities):
 * the embedding sum, then per layer the attention output and the MLP output, each just before it
 * is added to the residual stream. A mask is [rows, context, width] of 0 (dropped, probability
 * `rate`) or 1/(1 − rate) (kept), so activations keep their expected value and scoring, which
 * never drops, needs no rescaling.
 */
import type { Rng } from '../../core/rng.js';
import type { ModelShape } from './config.js';

export const dropoutSites = (shape: ModelShape): number => 1 + 2 * shape.layers;

/** One mask per site for a batch of `rows` sequences. One uniform draw per entry. */
export function dropoutMasks(shape: ModelShape, rows: number, rate: number, rng: Rng): Float32Array[] {
  const size = rows * shape.context * shape.width;
  const kept = 1 / (1 - rate);
  // a 32-bit draw below rate · 2³² drops: exact to one part in 4·10⁹, one draw per entry
  const threshold = rate * 2 ** 32;
  const draws = new Uint32Array(size);
  return Array.from({ length: dropoutSites(shape) }, () => {
    rng.fillUint32(draws);
    const mask = new Float32Array(size);
    for (let i = 0; i < size; i++) mask[i] = draws[i] < threshold ? 0 : kept;
    return mask;
  });
}
