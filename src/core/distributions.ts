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

/** Draws many indices from one distribution by binary search on its cumulative sums. */
export class CumulativeSampler {
  private readonly cumulative: Float64Array;

  constructor(probs: ArrayLike<number>) {
    this.cumulative = new Float64Array(probs.length);
    let total = 0;
    for (let i = 0; i < probs.length; i++) this.cumulative[i] = total += probs[i];
    if (!(total > 0)) throw new InfoloopError('E_INPUT', 'cannot sample from a distribution with no mass', 'check the probabilities');
  }

  draw(rng: Rng): number {
    return this.index(rng.next());
  }

  /** out[from..to) = as many draw(rng) calls, in order, with the uniforms drawn in bulk. */
  drawInto(rng: Rng, out: Float64Array, from: number, to: number): void {
    rng.fillNext(out, from, to);
    for (let i = from; i < to; i++) out[i] = this.index(out[i]);
  }

  /** The index whose cumulative interval holds the uniform `uniform` scaled to the total mass. */
  private index(uniform: number): number {
    const c = this.cumulative;
    const u = uniform * c[c.length - 1];
    let lo = 0;
    let hi = c.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c[mid] > u) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}
