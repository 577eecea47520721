/** Divergences between two distributions over the same outcomes, in bits. */
import type { Distribution } from '../core/types.js';
import { checkSameLength, checkWeights } from './validate.js';

/**
 * KL(p‖q) = Σ p log2(p/q) over p > 0; Infinity where p > 0 and q = 0.
 * Both vectors are normalised by their sums, so counts work as well as probabilities.
 */
export function klDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkSameLength(p, q, 'p and q');
  const pTotal = checkWeights(p, 'p');
  const qTotal = checkWeights(q, 'q');
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    if (p[i] <= 0) continue;
    if (q[i] <= 0) return Infinity;
    const pi = p[i] / pTotal;
    sum += pi * Math.log2(pi / (q[i] / qTotal));
  }
  return Math.max(0, sum); // rounding can leave −1e-17 for p = q
}

/** Jensen–Shannon divergence ½KL(p‖m) + ½KL(q‖m), m = (p+q)/2; the divergence, not its square root; in [0, 1]. */
export function jsDivergence(p: ArrayLike<number>, q: ArrayLike<number>): number {
  checkSameLength(p, q, 'p and q');
  const pTotal = checkWeights(p, 'p');
  const qTotal = checkWeights(q, 'q');
  let sum = 0;
  for (let i = 0; i < p.length; i++) {
    const pi = p[i] / pTotal;
    const qi = q[i] / qTotal;
    const mi = (pi + qi) / 2;
    if (pi > 0) sum += pi * Math.log2(pi / mi);
    if (qi > 0) sum += qi * Math.log2(qi / mi);
  }
  return Math.min(1, Math.max(0, sum / 2));
}

/** KL(N(m0, v0) ‖ N(m1, v1)) in bits, closed form; ≥ 0, Infinity when v1 = 0 (and v0 > 0 or m0 ≠ m1). */
export function gaussianKl(m0: number, v0: number, m1: number, v1: number): number {
  if (v1 === 0) return v0 === 0 && m0 === m1 ? 0 : Infinity;
  if (v0 === 0) return Infinity; // a point mass has no density against N(m1, v1)
  return Math.max(0, (0.5 * Math.log(v1 / v0) + (v0 + (m0 - m1) ** 2) / (2 * v1) - 0.5) / Math.LN2);
}

/** KL(p‖q) of two closed-form distributions of the same kind (categorical or Gaussian), in bits; null when the kinds differ. */
export function distributionKl(p: Distribution, q: Distribution): number | null {
  if (p.kind === 'categorical' && q.kind === 'categorical') return p.probs.length === q.probs.length ? klDivergence(p.probs, q.probs) : null;
  if (p.kind === 'gaussian' && q.kind === 'gaussian') return gaussianKl(p.mean, p.variance, q.mean, q.variance);
  return null;
}
