/** Bits a selection step injects: how far it moves a distribution P (theory.md §3). */
import { InfoloopError } from '../core/errors.js';
import { klDivergence } from './divergence.js';
import { checkSameLength, checkWeights } from './validate.js';

/** Hard filter keeping set A: KL(P|A ‖ P) = −log2 P(A). Infinity when P(A) = 0 (nothing can be kept). */
export function filterBitsRejection(p: ArrayLike<number>, acceptedMask: ArrayLike<boolean | number>): number {
  checkSameLength(p, acceptedMask, 'p and acceptedMask');
  const total = checkWeights(p, 'p');
  let accepted = 0;
  for (let i = 0; i < p.length; i++) if (acceptedMask[i]) accepted += p[i];
  if (accepted <= 0) return Infinity;
  return Math.max(0, -Math.log2(accepted / total));
}

/** Weighting by w ≥ 0: KL(Q‖P) with Q ∝ p·w. */
export function filterBitsWeighted(p: ArrayLike<number>, w: ArrayLike<number>): number {
  checkSameLength(p, w, 'p and w');
  checkWeights(p, 'p');
  checkWeights(w, 'w');
  const q = new Float64Array(p.length);
  for (let i = 0; i < p.length; i++) q[i] = p[i] * w[i];
  let mass = 0;
  for (let i = 0; i < q.length; i++) mass += q[i];
  if (!(mass > 0)) throw new InfoloopError('E_INPUT', 'the weights are zero wherever p is positive', 'at least one outcome with p > 0 needs a positive weight');
  return klDivergence(q, p);
}
