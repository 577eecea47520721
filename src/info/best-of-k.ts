/**
 * KL(Q‖P) of best-of-k selection, Q the law of the best of k independent draws from P
 * (theory.md §3). For a continuous score the ratio q/p at score quantile u is k·u^(k−1), so
 *   KL = ∫₀¹ k u^(k−1) log2(k u^(k−1)) du = log2 k − (k−1)/(k ln 2) bits,
 * whatever P is. With ties (a discrete score with pmf p_v over ordered values v) the best draw has
 * score v with probability q_v = F(v)^k − F(v⁻)^k and is otherwise distributed like P given v, so
 *   KL = Σ_v q_v log2(q_v / p_v), which is smaller: ties hide part of the choice.
 */
import { InfoloopError } from '../core/errors.js';

/** log2 k − (k−1)/(k ln 2): bits per selected sample for a continuous score. */
export function bestOfKBits(k: number): number {
  if (!(Number.isInteger(k) && k >= 1)) throw new InfoloopError('E_INPUT', `best-of-k needs an integer k ≥ 1, got ${k}`, 'pass the number of candidates per prompt');
  return Math.log2(k) - (k - 1) / (k * Math.LN2);
}

/** Exact KL for a discrete score: `pmf` lists the score values' probabilities in increasing score order. */
export function bestOfKBitsDiscrete(pmf: ArrayLike<number>, k: number): number {
  bestOfKBits(k); // validates k
  let total = 0;
  for (let i = 0; i < pmf.length; i++) total += pmf[i];
  if (!(total > 0)) throw new InfoloopError('E_INPUT', 'best-of-k needs a score distribution with positive mass', 'pass the score probabilities');
  let below = 0;
  let kl = 0;
  for (let i = 0; i < pmf.length; i++) {
    const p = pmf[i] / total;
    if (p <= 0) continue;
    const above = Math.min(1, below + p);
    const q = above ** k - below ** k;
    if (q > 0) kl += q * Math.log2(q / p);
    below = above;
  }
  return Math.max(0, kl);
}
