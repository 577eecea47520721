import { describe, expect, it } from 'vitest';
import { createRng } from '../core/rng.js';
import { countWithinSorted, KdTree, type Norm } from './knn.js';

/** The obvious O(N²) search, the oracle for the tree. */
function bruteKth(data: Float64Array, n: number, dimension: number, k: number, norm: Norm): Float64Array {
  const result = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const distances: number[] = [];
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      let distance = 0;
      for (let d = 0; d < dimension; d++) {
        const difference = Math.abs(data[j * dimension + d] - data[i * dimension + d]);
        distance = norm === 'max' ? Math.max(distance, difference) : distance + difference * difference;
      }
      distances.push(norm === 'max' ? distance : Math.sqrt(distance));
    }
    distances.sort((a, b) => a - b);
    result[i] = distances[k - 1];
  }
  return result;
}

function bruteCount(data: Float64Array, n: number, dimension: number, i: number, radius: number): number {
  let count = 0;
  for (let j = 0; j < n; j++) {
    if (j === i) continue;
    let within = true;
    for (let d = 0; d < dimension; d++) if (!(Math.abs(data[j * dimension + d] - data[i * dimension + d]) < radius)) within = false;
    if (within) count++;
  }
  return count;
}

function randomPoints(seed: number, n: number, dimension: number, grid?: number): Float64Array {
  const rng = createRng(seed);
  // A coarse grid makes many ties and exact duplicates, the hard case for strict counting.
  return Float64Array.from({ length: n * dimension }, () => (grid ? rng.int(grid) / grid : rng.normal()));
}

describe('k-d tree', () => {
  it.each([
    [1, 'max', undefined],
    [2, 'max', undefined],
    [2, 'max', 5],
    [3, 'euclidean', undefined],
    [3, 'euclidean', 4],
    [5, 'max', 3],
  ] as const)('k-th neighbour distances match brute force (d=%s, %s norm, grid %s)', (dimension, norm, grid) => {
    const n = 300;
    const data = randomPoints(dimension * 10 + (grid ?? 0), n, dimension, grid);
    const tree = new KdTree(data, n, dimension);
    for (const k of [1, 3, 7]) {
      const fast = tree.kthNeighbourDistances(k, norm);
      const slow = bruteKth(data, n, dimension, k, norm);
      expect([...fast]).toEqual([...slow]);
    }
  });

  it.each([[2, undefined], [2, 6], [3, 3]] as const)('strict max-norm counts match brute force (d=%s, grid %s)', (dimension, grid) => {
    const n = 250;
    const data = randomPoints(99 + dimension, n, dimension, grid);
    const tree = new KdTree(data, n, dimension);
    const radii = bruteKth(data, n, dimension, 3, 'max');
    for (let i = 0; i < n; i++) expect(tree.countWithinMax(i, radii[i])).toBe(bruteCount(data, n, dimension, i, radii[i]));
    expect(tree.countWithinMax(0, 0)).toBe(0);
  });
});

describe('sorted 1-D counts', () => {
  it('match brute force with ties and non-representable sums', () => {
    // 0.1 + 0.2 ≠ 0.3 in floating point: interval bounds x ± ε would miscount here.
    const values = Float64Array.from([0.1, 0.2, 0.3, 0.3, 0.4, 0.7, 0.1, 1e-17, 0]);
    const radii = Float64Array.from(values, (_, i) => [0.1, 0.1, 0.1, 0, 0.3, 0.3, 0.2, 0.1, 1e-17][i]);
    const counts = countWithinSorted(values, radii);
    for (let i = 0; i < values.length; i++) expect(counts[i]).toBe(bruteCount(values, values.length, 1, i, radii[i]));
  });

  it('match brute force on random data with ties', () => {
    const n = 500;
    const values = randomPoints(7, n, 1, 20);
    const radii = bruteKth(values, n, 1, 3, 'max');
    const counts = countWithinSorted(values, radii);
    for (let i = 0; i < n; i++) expect(counts[i]).toBe(bruteCount(values, n, 1, i, radii[i]));
  });
});
