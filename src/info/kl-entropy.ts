/**
 * Kozachenko–Leonenko differential entropy with the Euclidean norm:
 * H = ψ(N) − ψ(k) + log V_d + (d/N) Σ log ε_i, ε_i the distance to the k-th neighbour,
 * V_d = π^(d/2) / Γ(d/2 + 1) the unit-ball volume; returned in bits.
 */
import { InfoloopError } from '../core/errors.js';
import { KdTree } from './knn.js';
import { checkNeighbours, type Samples } from './ksg.js';
import { digamma, logGamma } from '../stats/special.js';
import { toPoints } from './validate.js';

/** ln V_d, the log volume of the d-dimensional Euclidean unit ball. */
export function logUnitBallVolume(dimension: number): number {
  return (dimension / 2) * Math.log(Math.PI) - logGamma(dimension / 2 + 1);
}

export function klEntropy(x: Samples, k = 3): number {
  const points = toPoints(x, 'x');
  const n = points.count;
  checkNeighbours(k, n);
  const radii = new KdTree(points.data, n, points.dimension).kthNeighbourDistances(k, 'euclidean');
  let sumLog = 0;
  for (let i = 0; i < n; i++) {
    if (!(radii[i] > 0)) {
      throw new InfoloopError('E_INPUT', `point ${i} has ${k} or more exact duplicates, so its k-th neighbour is at distance 0`, 'a differential entropy needs continuous data: remove duplicates, add tiny noise, or raise k');
    }
    sumLog += Math.log(radii[i]);
  }
  const nats = digamma(n) - digamma(k) + logUnitBallVolume(points.dimension) + (points.dimension * sumLog) / n;
  return nats / Math.LN2;
}
