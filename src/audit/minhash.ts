/**
 * Near-duplicate detection: MinHash signatures of word 3-gram shingles and locality-sensitive
 * hashing by banding (Broder 1997; Indyk & Motwani 1998; Leskovec et al., Mining of Massive
 * Datasets ch. 3). With b bands of r rows, two texts of Jaccard similarity J become candidates
 * with probability 1 − (1 − J^r)^b; a candidate pair is kept when the signatures agree on at least
 * `threshold` of their positions (the MinHash estimate of J, standard error ≈ √(J(1−J)/positions)).
 * Kept pairs are joined into clusters with union–find.
 *
 * The signature is one-permutation hashing (Li, Owen & Zhang 2012): one seeded hash per shingle
 * picks a bin and a value, each bin keeps its smallest value, and an empty bin takes the value of
 * the next non-empty bin to its right plus an offset for the distance (rotation densification,
 * Shrivastava & Li 2014), which keeps P(bin agrees) = J. One hash per shingle instead of one per
 * position makes a signature about a hundred times cheaper than k independent permutations.
 */
import type { Rng } from '../core/rng.js';
import { combine53, finalize } from './hash.js';
import type { GramHashes } from './words.js';

export const SHINGLE_WORDS = 3;
const EMPTY = 0xffffffff;

export interface MinHashOptions {
  /** Bins of the signature (its length). */
  permutations: number;
  bands: number;
  /** Estimated Jaccard similarity at or above which a candidate pair is a near duplicate. */
  threshold: number;
}

export const DEFAULT_MINHASH: MinHashOptions = { permutations: 128, bands: 16, threshold: 0.8 };

export class MinHasher {
  private readonly seed: number;
  private readonly filled: Uint8Array;

  constructor(readonly options: MinHashOptions, rng: Rng) {
    if (options.permutations % options.bands !== 0) throw new Error(`permutations (${options.permutations}) must be a multiple of bands (${options.bands})`);
    this.seed = rng.uint32();
    this.filled = new Uint8Array(options.permutations);
  }

  /**
   * Signature of a text given its hashes (words.ts), written into `out`; false when the text has no
   * words. The shingles are its word 3-grams, or its whole word sequence when it is shorter.
   */
  signature(hashes: GramHashes, out: Uint32Array): boolean {
    out.fill(EMPTY);
    const count = hashes.count;
    if (count === 0) return false;
    const bins = out.length;
    const width = 2 ** 32 / bins; // values of one bin lie in [0, width)
    const short = count < SHINGLE_WORDS;
    const shingles = short ? 1 : count - SHINGLE_WORDS + 1;
    const trigrams = hashes.grams[SHINGLE_WORDS - 1];
    for (let s = 0; s < shingles; s++) {
      const h = finalize(((short ? combine53(hashes.grams[0], 0, count) : trigrams[s]) >>> 0) ^ this.seed);
      const bin = h % bins;
      const value = Math.floor(h / bins);
      if (value < out[bin]) out[bin] = value;
    }
    const filled = this.filled;
    for (let j = 0; j < bins; j++) filled[j] = out[j] === EMPTY ? 0 : 1;
    for (let j = 0; j < bins; j++) {
      if (filled[j]) continue;
      let distance = 1;
      while (!filled[(j + distance) % bins]) distance++;
      out[j] = out[(j + distance) % bins] + distance * width;
    }
    return true;
  }
}

/** Fraction of positions where two signatures agree: the MinHash estimate of their Jaccard similarity. */
export function estimatedJaccard(signatures: Uint32Array, permutations: number, a: number, b: number): number {
  let same = 0;
  const offsetA = a * permutations;
  const offsetB = b * permutations;
  for (let i = 0; i < permutations; i++) if (signatures[offsetA + i] === signatures[offsetB + i]) same++;
  return same / permutations;
}

/** P(candidate | Jaccard J) = 1 − (1 − J^r)^b. */
export function candidateProbability(jaccard: number, bands: number, rowsPerBand: number): number {
  return 1 - (1 - jaccard ** rowsPerBand) ** bands;
}

export interface NearDuplicatePair {
  a: number;
  b: number;
  jaccard: number;
}

export interface Clustering {
  /** Cluster id per item (−1: in no cluster); ids are 0, 1, … in order of each cluster's first item. */
  clusterOf: Int32Array;
  sizes: number[];
  /** Pairs kept (up to `maxPairs`), in the order found. */
  pairs: NearDuplicatePair[];
  candidatePairs: number;
}

class UnionFind {
  readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
  }
  find(i: number): number {
    while (this.parent[i] !== i) {
      this.parent[i] = this.parent[this.parent[i]];
      i = this.parent[i];
    }
    return i;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

/**
 * Clusters of near duplicates among `count` signatures (item i at signatures[i·p, (i+1)·p)); items
 * with `valid[i] = 0` (no words) are left out. Within a band bucket each item is compared with the
 * bucket's representatives (items that matched none before it), so a large bucket of copies costs
 * one comparison per item.
 */
export function clusterSignatures(signatures: Uint32Array, count: number, valid: Uint8Array, options: MinHashOptions, maxPairs = 20): Clustering {
  const permutations = options.permutations;
  const rowsPerBand = permutations / options.bands;
  const sets = new UnionFind(count);
  const pairs: NearDuplicatePair[] = [];
  let candidatePairs = 0;
  const keys = new Float64Array(rowsPerBand);
  for (let band = 0; band < options.bands; band++) {
    const buckets = new Map<number, number[]>();
    for (let item = 0; item < count; item++) {
      if (!valid[item]) continue;
      const offset = item * permutations + band * rowsPerBand;
      for (let r = 0; r < rowsPerBand; r++) keys[r] = signatures[offset + r];
      const key = combine53(keys, 0, rowsPerBand);
      const representatives = buckets.get(key);
      if (!representatives) {
        buckets.set(key, [item]);
        continue;
      }
      let matched = false;
      for (const other of representatives) {
        candidatePairs++;
        const jaccard = estimatedJaccard(signatures, permutations, other, item);
        if (jaccard >= options.threshold) {
          if (sets.find(other) !== sets.find(item) && pairs.length < maxPairs) pairs.push({ a: other, b: item, jaccard });
          sets.union(other, item);
          matched = true;
          break;
        }
      }
      if (!matched) representatives.push(item);
    }
  }
  const clusterOf = new Int32Array(count).fill(-1);
  const rootSize = new Map<number, number>();
  for (let item = 0; item < count; item++) if (valid[item]) rootSize.set(sets.find(item), (rootSize.get(sets.find(item)) ?? 0) + 1);
  const idOfRoot = new Map<number, number>();
  const sizes: number[] = [];
  for (let item = 0; item < count; item++) {
    if (!valid[item]) continue;
    const root = sets.find(item);
    const size = rootSize.get(root)!;
    if (size < 2) continue;
    let id = idOfRoot.get(root);
    if (id === undefined) {
      id = sizes.length;
      idOfRoot.set(root, id);
      sizes.push(size);
    }
    clusterOf[item] = id;
  }
  return { clusterOf, sizes, pairs, candidatePairs };
}
