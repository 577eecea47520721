/** Divergences between two distributions over the same outcomes, in bits. */
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
