/**
 * Number of distinct items in a stream of 53-bit hashes. Exact (a set of the hashes) up to
 * `exactLimit` distinct items; past that it becomes a k-minimum-values sketch (Bar-Yossef et al.
 * 2002; Beyer et al. 2007) with k = `sketchSize` (≤ exactLimit): keep the k smallest hashes seen,
 * scaled to [0, 1), and estimate (k − 1) / u_(k), which is unbiased with relative standard error
 * ≈ 1/√(k − 2). A smaller k than the exact limit keeps the sketch's table small and fast.
 */
import { HashSet53 } from './hash-set.js';
import { unitInterval } from './hash.js';

/** Once a sketch, the counter holds up to BUFFER·k hashes below the threshold before it keeps the k smallest again. */
const BUFFER = 2;

export interface DistinctEstimate {
  distinct: number;
  /** Whether `distinct` is an exact count (false: a KMV estimate). */
  exact: boolean;
  /** Relative standard error of `distinct` (0 when exact). */
  relative_standard_error: number;
}

export class DistinctCounter {
  private values = new HashSet53();
  /** Only hashes below this are kept once the counter is a sketch (Infinity while exact). */
  private threshold = Infinity;

  readonly sketchSize: number;

  constructor(readonly exactLimit = 1 << 20, sketchSize = exactLimit) {
    this.sketchSize = Math.min(sketchSize, exactLimit);
  }

  add(hash: number): void {
    if (hash >= this.threshold) return;
    this.values.add(hash);
    if (this.threshold === Infinity ? this.values.size > this.exactLimit : this.values.size >= BUFFER * this.sketchSize) this.shrink();
  }

  /** `add` each of the first `count` hashes (the threshold held in a local: most hashes fail it once a sketch). */
  addAll(hashes: Float64Array, count: number): void {
    let threshold = this.threshold;
    for (let i = 0; i < count; i++) {
      const hash = hashes[i];
      if (hash < threshold) {
        this.add(hash);
        threshold = this.threshold;
      }
    }
  }

  /** Keep the sketchSize smallest hashes; the largest of them becomes the threshold. */
  private shrink(): void {
    const kept = this.values.values().sort().subarray(0, this.sketchSize);
    this.values = new HashSet53(BUFFER * this.sketchSize); // room for the candidates kept until the next shrink, without growing
    for (const hash of kept) this.values.add(hash);
    this.threshold = kept[kept.length - 1]; // a new hash above the k-th smallest can never become one of the k smallest
  }

  get exact(): boolean {
    return this.threshold === Infinity;
  }

  estimate(): DistinctEstimate {
    if (this.exact) return { distinct: this.values.size, exact: true, relative_standard_error: 0 };
    const sorted = this.values.values().sort();
    const k = Math.min(this.sketchSize, sorted.length);
    const kth = unitInterval(sorted[k - 1]);
    return { distinct: (k - 1) / kth, exact: false, relative_standard_error: 1 / Math.sqrt(Math.max(1, k - 2)) };
  }
}
