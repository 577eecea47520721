/**
 * The distribution of response lengths, exact, in memory that grows with the number of distinct
 * lengths rather than with rows: a count per length (a typed array below 4096 characters, a Map
 * above), from which the mean, spread, quantiles and histogram are read off in length order.
 */
export interface LengthSummary {
  mean: number;
  sd: number;
  min: number;
  p10: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  /** Histogram of lengths: counts per bin [edges[i], edges[i+1]). */
  histogram: { edges: number[]; counts: number[] };
}

const DENSE = 4096;
const BINS = 20;

export class LengthCounts {
  rows = 0;
  private readonly dense = new Float64Array(DENSE);
  private readonly sparse = new Map<number, number>();

  add(length: number): void {
    this.rows++;
    if (length < DENSE) this.dense[length]++;
    else this.sparse.set(length, (this.sparse.get(length) ?? 0) + 1);
  }

  /** (length, count) pairs in increasing length, counts > 0. */
  private *pairs(): Generator<[number, number]> {
    for (let length = 0; length < DENSE; length++) if (this.dense[length] > 0) yield [length, this.dense[length]];
    for (const length of [...this.sparse.keys()].sort((a, b) => a - b)) yield [length, this.sparse.get(length) as number];
  }

  summary(): LengthSummary | null {
    const n = this.rows;
    if (n === 0) return null;
    const pairs = [...this.pairs()];
    let sum = 0;
    for (const [length, count] of pairs) sum += length * count;
    const mean = sum / n;
    let squares = 0;
    for (const [length, count] of pairs) squares += count * (length - mean) ** 2;
    const min = pairs[0][0];
    const max = pairs[pairs.length - 1][0];
    const width = Math.max(1, Math.ceil((max - min + 1) / BINS));
    const edges = Array.from({ length: BINS + 1 }, (_, i) => min + i * width);
    const counts = new Array<number>(BINS).fill(0);
    for (const [length, count] of pairs) counts[Math.min(BINS - 1, Math.floor((length - min) / width))] += count;
    const ends = new Float64Array(pairs.length); // ends[j]: one past the last sorted index holding pairs[j]'s length
    let at = 0;
    pairs.forEach(([, count], j) => (ends[j] = at += count));
    const quantile = (q: number): number => quantileOfCounts(pairs, ends, n, q);
    return {
      mean,
      sd: n > 1 ? Math.sqrt(squares / (n - 1)) : 0,
      min,
      p10: quantile(0.1),
      p50: quantile(0.5),
      p90: quantile(0.9),
      p99: quantile(0.99),
      max,
      histogram: { edges, counts },
    };
  }
}

/** The q-quantile of the sorted lengths, interpolated as `quantileSorted` does, read off the counts. */
function quantileOfCounts(pairs: [number, number][], ends: Float64Array, n: number, q: number): number {
  const at = (index: number): number => {
    let lo = 0;
    let hi = pairs.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ends[mid] > index) hi = mid;
      else lo = mid + 1;
    }
    return pairs[lo][0];
  };
  const position = (n - 1) * q;
  const below = Math.floor(position);
  const low = at(below);
  const high = at(Math.min(n - 1, below + 1));
  const fraction = position - below;
  return fraction === 0 || low === high ? low : low + fraction * (high - low);
}
