/**
 * Nearest-neighbour search for the k-NN estimators: a k-d tree with bounding boxes
 * (k-th neighbour distances under the max or Euclidean norm, and strict-radius counts
 * under the max norm), plus a sort-based count for 1-D marginals.
 */
export type Norm = 'max' | 'euclidean';

const LEAF_SIZE = 12;

export class KdTree {
  readonly count: number;
  readonly dimension: number;
  /** Points reordered so that every node's points are contiguous. */
  private readonly points: Float64Array;
  /** original index → position in `points`. */
  private readonly position: Int32Array;
  /** position in `points` → original index. */
  private readonly original: Int32Array;
  private start: Int32Array;
  private end: Int32Array;
  private left: Int32Array;
  private right: Int32Array;
  private readonly building = { start: [] as number[], end: [] as number[], left: [] as number[], right: [] as number[] };
  private boxes: number[] = []; // per node: lo[0..d), hi[0..d)
  private readonly box: Float64Array;

  /** `data` holds `count` points of `dimension` coordinates each, row after row. */
  constructor(data: Float64Array, count: number, dimension: number) {
    this.count = count;
    this.dimension = dimension;
    const order = new Int32Array(count);
    for (let i = 0; i < count; i++) order[i] = i;
    this.build(data, order, 0, count);
    this.start = Int32Array.from(this.building.start);
    this.end = Int32Array.from(this.building.end);
    this.left = Int32Array.from(this.building.left);
    this.right = Int32Array.from(this.building.right);
    this.original = order;
    this.box = Float64Array.from(this.boxes);
    this.boxes = [];
    this.points = new Float64Array(count * dimension);
    this.position = new Int32Array(count);
    for (let p = 0; p < count; p++) {
      const original = order[p];
      this.position[original] = p;
      for (let d = 0; d < dimension; d++) this.points[p * dimension + d] = data[original * dimension + d];
    }
  }

  private build(data: Float64Array, order: Int32Array, from: number, to: number): number {
    const dimension = this.dimension;
    const { start, end, left, right } = this.building;
    const node = start.length;
    start.push(from);
    end.push(to);
    left.push(-1);
    right.push(-1);
    const lo = new Array<number>(dimension).fill(Infinity);
    const hi = new Array<number>(dimension).fill(-Infinity);
    for (let p = from; p < to; p++) {
      const base = order[p] * dimension;
      for (let d = 0; d < dimension; d++) {
        const v = data[base + d];
        if (v < lo[d]) lo[d] = v;
        if (v > hi[d]) hi[d] = v;
      }
    }
    this.boxes.push(...lo, ...hi);
    if (to - from <= LEAF_SIZE) return node;
    let split = 0;
    for (let d = 1; d < dimension; d++) if (hi[d] - lo[d] > hi[split] - lo[split]) split = d;
    if (hi[split] === lo[split]) return node; // all points identical: keep as one leaf
    const middle = (from + to) >> 1;
    quickselect(data, order, from, to - 1, middle, split, dimension);
    left[node] = this.build(data, order, from, middle);
    right[node] = this.build(data, order, middle, to);
    return node;
  }

  /** Lower bound on the distance from query (at `points[q…]`) to node's box; squared for Euclidean. */
  private boxDistance(node: number, query: Float64Array, queryBase: number, norm: Norm): number {
    const dimension = this.dimension;
    const base = node * 2 * dimension;
    let result = 0;
    for (let d = 0; d < dimension; d++) {
      const v = query[queryBase + d];
      const below = this.box[base + d] - v;
      const above = v - this.box[base + dimension + d];
      const gap = below > 0 ? below : above > 0 ? above : 0;
      if (norm === 'max') {
        if (gap > result) result = gap;
      } else {
        result += gap * gap;
      }
    }
    return result;
  }

  /**
   * Distance from every point (original order) to its k-th nearest other point.
   * Ties are kept: duplicates count as neighbours at distance 0.
   */
  kthNeighbourDistances(k: number, norm: Norm): Float64Array {
    const result = new Float64Array(this.count);
    const best = new Float64Array(k);
    const stack = new Int32Array(128);
    const stackGap = new Float64Array(128); // each pushed node's box distance, so it is not recomputed on pop
    const { points, dimension, left, right, start, end } = this;
    const euclidean = norm === 'euclidean';
    // Queries run in tree order, so consecutive queries touch the same nodes (cache locality).
    for (let self = 0; self < this.count; self++) {
      const queryBase = self * dimension;
      best.fill(Infinity);
      let depth = 0;
      stack[0] = 0;
      stackGap[0] = 0;
      depth = 1;
      while (depth > 0) {
        depth--;
        const node = stack[depth];
        if (stackGap[depth] >= best[k - 1]) continue;
        const leftChild = left[node];
        if (leftChild < 0) {
          for (let p = start[node]; p < end[node]; p++) {
            if (p === self) continue;
            const base = p * dimension;
            let distance = 0;
            for (let d = 0; d < dimension; d++) {
              const difference = Math.abs(points[base + d] - points[queryBase + d]);
              if (euclidean) distance += difference * difference;
              else if (difference > distance) distance = difference;
            }
            if (distance < best[k - 1]) {
              // Insertion into the sorted list of the k best.
              let slot = k - 1;
              while (slot > 0 && best[slot - 1] > distance) {
                best[slot] = best[slot - 1];
                slot--;
              }
              best[slot] = distance;
            }
          }
          continue;
        }
        const rightChild = right[node];
        const leftGap = this.boxDistance(leftChild, points, queryBase, norm);
        const rightGap = this.boxDistance(rightChild, points, queryBase, norm);
        // Push the farther child first so the nearer one is searched first and tightens the bound.
        if (leftGap <= rightGap) {
          stack[depth] = rightChild;
          stackGap[depth++] = rightGap;
          stack[depth] = leftChild;
          stackGap[depth++] = leftGap;
        } else {
          stack[depth] = leftChild;
          stackGap[depth++] = leftGap;
          stack[depth] = rightChild;
          stackGap[depth++] = rightGap;
        }
      }
      result[this.original[self]] = euclidean ? Math.sqrt(best[k - 1]) : best[k - 1];
    }
    return result;
  }

  /** Number of other points j with max_d |x_jd − x_id| < radius (strictly), for point i in original order. */
  countWithinMax(original: number, radius: number): number {
    if (!(radius > 0)) return 0;
    const { points, dimension } = this;
    const queryBase = this.position[original] * dimension;
    const stack = new Int32Array(128);
    let depth = 0;
    let total = 0;
    stack[depth++] = 0;
    while (depth > 0) {
      const node = stack[--depth];
      const base = node * 2 * dimension;
      let inside = true;
      let outside = false;
      for (let d = 0; d < dimension; d++) {
        const v = points[queryBase + d];
        const lo = this.box[base + d];
        const hi = this.box[base + dimension + d];
        if (lo - v >= radius || v - hi >= radius) {
          outside = true;
          break;
        }
        if (!(Math.abs(v - lo) < radius && Math.abs(hi - v) < radius)) inside = false;
      }
      if (outside) continue;
      if (inside) {
        total += this.end[node] - this.start[node];
        continue;
      }
      if (this.left[node] < 0) {
        for (let p = this.start[node]; p < this.end[node]; p++) {
          const pointBase = p * dimension;
          let within = true;
          for (let d = 0; d < dimension; d++) {
            if (!(Math.abs(points[pointBase + d] - points[queryBase + d]) < radius)) {
              within = false;
              break;
            }
          }
          if (within) total++;
        }
        continue;
      }
      stack[depth++] = this.left[node];
      stack[depth++] = this.right[node];
    }
    return total - 1; // the point itself is always inside a positive radius
  }
}

/** Reorders order[from..to] so that position `target` holds the median along `axis` (Hoare partition). */
function quickselect(data: Float64Array, order: Int32Array, from: number, to: number, target: number, axis: number, dimension: number): void {
  let low = from;
  let high = to;
  while (low < high) {
    const pivot = data[order[(low + high) >> 1] * dimension + axis];
    let i = low;
    let j = high;
    while (i <= j) {
      while (data[order[i] * dimension + axis] < pivot) i++;
      while (data[order[j] * dimension + axis] > pivot) j--;
      if (i <= j) {
        const swap = order[i];
        order[i] = order[j];
        order[j] = swap;
        i++;
        j--;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else return;
  }
}

/**
 * For each i, the number of j ≠ i with |values[j] − values[i]| < radii[i] (strictly), by sorting and
 * binary search. The differences are compared exactly as computed (|a − b| < ε), which is monotone
 * along the sorted order, so the counted set is one contiguous run.
 */
export function countWithinSorted(values: Float64Array, radii: Float64Array): Int32Array {
  const n = values.length;
  const sorted = Float64Array.from(values).sort();
  const counts = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const v = values[i];
    const radius = radii[i];
    if (!(radius > 0)) continue;
    // First index with v − sorted[m] < radius.
    let low = 0;
    let high = n;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (v - sorted[middle] < radius) high = middle;
      else low = middle + 1;
    }
    const first = low;
    // First index with sorted[m] − v ≥ radius.
    high = n;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (sorted[middle] - v >= radius) high = middle;
      else low = middle + 1;
    }
    counts[i] = low - first - 1;
  }
  return counts;
}
