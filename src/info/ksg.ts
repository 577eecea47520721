/**
 * Kraskov–Stögbauer–Grassberger mutual information, estimator 1 (Kraskov et al. 2004, eq. 8):
 * ε_i = max-norm distance from point i to its k-th neighbour in the joint space; n_x(i), n_y(i)
 * count the other points whose marginal max-norm distance is strictly less than ε_i;
 * I = ψ(k) + ψ(N) − ⟨ψ(n_x+1) + ψ(n_y+1)⟩, returned in bits.
 */
import { InfoloopError } from '../core/errors.js';
import { countWithinSorted, KdTree } from './knn.js';
import { digamma } from '../stats/special.js';
import { checkPositiveInteger, toPoints } from './validate.js';

export type Samples = readonly number[] | readonly (readonly number[])[];

export function ksgMutualInformation(x: Samples, y: Samples, k = 3): number {
  const xs = toPoints(x, 'x');
  const ys = toPoints(y, 'y');
  if (xs.count !== ys.count) throw new InfoloopError('E_INPUT', `x has ${xs.count} points but y has ${ys.count}`, 'x[i] and y[i] must describe the same sample i');
  const n = xs.count;
  checkNeighbours(k, n);
  const joint = new Float64Array(n * (xs.dimension + ys.dimension));
  const width = xs.dimension + ys.dimension;
  for (let i = 0; i < n; i++) {
    for (let d = 0; d < xs.dimension; d++) joint[i * width + d] = xs.data[i * xs.dimension + d];
    for (let d = 0; d < ys.dimension; d++) joint[i * width + xs.dimension + d] = ys.data[i * ys.dimension + d];
  }
  const radii = new KdTree(joint, n, width).kthNeighbourDistances(k, 'max');
  // With k or more exact duplicates the neighbour ball is empty and ψ(n_x+1) collapses to ψ(1):
  // the estimate would be large and meaningless, so refuse as kl-entropy does.
  for (let i = 0; i < n; i++) {
    if (!(radii[i] > 0)) {
      throw new InfoloopError('E_INPUT', `point ${i} has ${k} or more exact duplicates in (x, y), so its k-th neighbour is at distance 0`, 'KSG needs continuous data: remove duplicates, add tiny noise, or raise k; for discrete data use `infoloop info mi`');
    }
  }
  const countsX = marginalCounts(xs.data, n, xs.dimension, radii);
  const countsY = marginalCounts(ys.data, n, ys.dimension, radii);
  // ψ at the integers 1…n, tabulated once.
  const psi = new Float64Array(n + 1);
  for (let m = 1; m <= n; m++) psi[m] = digamma(m);
  let average = 0;
  for (let i = 0; i < n; i++) average += psi[countsX[i] + 1] + psi[countsY[i] + 1];
  average /= n;
  return (digamma(k) + digamma(n) - average) / Math.LN2;
}

/** Neighbour counts in one marginal: sort + binary search in 1-D, a k-d tree otherwise. */
function marginalCounts(data: Float64Array, n: number, dimension: number, radii: Float64Array): Int32Array {
  if (dimension === 1) return countWithinSorted(data, radii);
  const tree = new KdTree(data, n, dimension);
  const counts = new Int32Array(n);
  for (let i = 0; i < n; i++) counts[i] = tree.countWithinMax(i, radii[i]);
  return counts;
}

export function checkNeighbours(k: number, n: number): void {
  checkPositiveInteger(k, 'k', 'k is the number of neighbours, typically 3');
  if (k >= n) throw new InfoloopError('E_INPUT', `k = ${k} needs more than ${k} points, got ${n}`, `pass at least ${k + 1} samples or a smaller k`);
}
