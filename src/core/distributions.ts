/** Discrete distributions shared by tasks and learners: uniform, Zipf, and fast repeated sampling. */
import { InfoloopError } from './errors.js';
import type { Rng } from './rng.js';

export function uniformProbs(K: number): Float64Array {
  return new Float64Array(K).fill(1 / K);
}

/** p_k ∝ (k+1)^(−s), k = 0..K−1. */
export function zipfProbs(K: number, s: number): Float64Array {
  const p = new Float64Array(K);
  let total = 0;
  for (let k = 0; k < K; k++) total += p[k] = Math.pow(k + 1, -s);
  for (let k = 0; k < K; k++) p[k] /= total;
  return p;
}

/**
 * Draws many indices from one distribution: the smallest index whose cumulative sum exceeds a
 * uniform scaled to the total mass. A guide table (Chen and Asau's index table: for each of K equal
 * slices of [0, 1), the first index the slice can land on) starts the search where the answer is,
 * so a draw takes O(1) expected steps instead of a binary search's log2 K mispredicted branches.
 * The answer is exactly the binary search's (tested against it), so streams do not change.
 */
export class CumulativeSampler {
  private readonly cumulative: Float64Array;
  private readonly guide: Int32Array;

  constructor(probs: ArrayLike<number>) {
    const K = probs.length;
    this.cumulative = new Float64Array(K);
    let total = 0;
    for (let i = 0; i < K; i++) this.cumulative[i] = total += probs[i];
    if (!(total > 0)) throw new InfoloopError('E_INPUT', 'cannot sample from a distribution with no mass', 'check the probabilities');
    this.guide = new Int32Array(K);
    for (let b = 0, i = 0; b < K; b++) {
      const threshold = (b / K) * total;
      while (i < K - 1 && this.cumulative[i] <= threshold) i++;
      this.guide[b] = i;
    }
  }

  draw(rng: Rng): number {
    return this.index(rng.next());
  }

  /** out[from..to) = as many draw(rng) calls, in order, with the uniforms drawn in bulk. */
  drawInto(rng: Rng, out: Float64Array, from: number, to: number): void {
    rng.fillNext(out, from, to);
    for (let i = from; i < to; i++) out[i] = this.index(out[i]);
  }

  /**
   * The smallest index whose cumulative sum exceeds `uniform` × total (the last index if none does):
   * from the guide entry, back while the previous sum still exceeds it (rounding at a slice edge),
   * then forward while this one does not.
   */
  index(uniform: number): number {
    const c = this.cumulative;
    const last = c.length - 1;
    const u = uniform * c[last];
    let i = this.guide[Math.min(last, Math.floor(uniform * c.length))];
    while (i > 0 && c[i - 1] > u) i--;
    while (i < last && c[i] <= u) i++;
    return i;
  }
}
