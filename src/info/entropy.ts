/** Discrete entropy estimators from counts, in bits. */
import { InfoloopError } from '../core/errors.js';
import { checkCounts, checkPositiveInteger } from './validate.js';

/** H2(a) = −a log2 a − (1−a) log2(1−a); 0 at a ∈ {0, 1}. */
export function binaryEntropy(a: number): number {
  if (!(a >= 0 && a <= 1)) throw new InfoloopError('E_INPUT', `binaryEntropy needs a probability in [0,1], got ${a}`, 'pass an acceptance rate between 0 and 1');
  if (a === 0 || a === 1) return 0;
  return -a * Math.log2(a) - (1 - a) * Math.log2(1 - a);
}

/** Entropy of a probability vector (zero entries ignored). */
export function entropyOfProbs(p: ArrayLike<number>): number {
  let h = 0;
  for (let i = 0; i < p.length; i++) if (p[i] > 0) h -= p[i] * Math.log2(p[i]);
  return h;
}

/** −Σ p log2 p with p = counts/n, zero counts ignored; equals log2 n − (1/n) Σ c log2 c. */
export function entropyPlugin(counts: ArrayLike<number>): number {
  const n = checkCounts(counts);
  return pluginUnchecked(counts, n);
}

/** The plug-in sum without validation, for callers that already checked (and the counting fast path). */
export function pluginUnchecked(counts: ArrayLike<number>, n: number): number {
  let sum = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (c > 0) sum += c * Math.log2(c);
  }
  return Math.max(0, Math.log2(n) - sum / n);
}

/** Plug-in + (m−1)/(2n ln 2), m the number of nonzero bins (Miller 1955; Madow 1948). */
export function entropyMillerMadow(counts: ArrayLike<number>): number {
  const n = checkCounts(counts);
  let nonzero = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) nonzero++;
  return pluginUnchecked(counts, n) + (nonzero - 1) / (2 * n * Math.LN2);
}

/**
 * Chao & Shen (2003): Good–Turing coverage C = 1 − f1/n shrinks the observed frequencies,
 * and Horvitz–Thompson weights 1/(1 − (1 − pa)^n) account for the species not seen.
 */
export function entropyChaoShen(counts: ArrayLike<number>): number {
  const n = checkCounts(counts, 'counts', true);
  let singletons = 0;
  for (let i = 0; i < counts.length; i++) if (counts[i] === 1) singletons++;
  if (singletons === n) singletons = n - 1; // all singletons would make the coverage 0
  const coverage = 1 - singletons / n;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    if (counts[i] <= 0) continue;
    const pa = (coverage * counts[i]) / n;
    // 1 − (1 − pa)^n via expm1/log1p keeps its digits when pa is tiny and n large.
    const inclusion = -Math.expm1(n * Math.log1p(-pa));
    h -= (pa * Math.log2(pa)) / inclusion;
  }
  return h;
}

/** The shrinkage intensity λ* of Hausser & Strimmer (2009) toward the uniform target 1/K. */
export function jamesSteinLambda(counts: ArrayLike<number>): number {
  const n = checkCounts(counts);
  const target = 1 / counts.length;
  let sumSquares = 0;
  let distance = 0;
  for (let i = 0; i < counts.length; i++) {
    const p = counts[i] / n;
    sumSquares += p * p;
    distance += (target - p) * (target - p);
  }
  const denominator = (n - 1) * distance;
  if (denominator === 0) return 1;
  return Math.min(1, Math.max(0, (1 - sumSquares) / denominator));
}

/** Entropy of the James–Stein shrunk distribution λ/K + (1−λ) p; K = counts.length including zero bins. */
export function entropyJamesStein(counts: ArrayLike<number>): number {
  const lambda = jamesSteinLambda(counts);
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i];
  const target = 1 / counts.length;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const p = lambda * target + (1 - lambda) * (counts[i] / n);
    if (p > 0) h -= p * Math.log2(p);
  }
  return h;
}

/**
 * Counts of non-negative integer samples, one bin per value 0…max (or 0…size−1).
 * This is the hot path of "entropy of many samples": Int32Array input is counted in one pass.
 */
export function countIntegers(samples: ArrayLike<number>, size?: number): Float64Array {
  const length = samples.length;
  if (length === 0) throw new InfoloopError('E_INPUT', 'no samples to count', 'pass at least one sample');
  if (size !== undefined) checkPositiveInteger(size, 'size', 'size is the number of categories');
  if (samples instanceof Int32Array) {
    // Optimistic single pass with a guessed table; only on a miss do we scan for the maximum.
    const counts = countInto(samples, size ?? 1024);
    if (counts) return trimCounts(counts, size);
  }
  let max = -1;
  for (let i = 0; i < length; i++) {
    const v = samples[i];
    if (!(v >= 0) || (v | 0) !== v) throw new InfoloopError('E_INPUT', `sample ${i} = ${v} is not a non-negative integer`, 'map categories to 0, 1, 2, … first');
    if (v > max) max = v;
  }
  if (size !== undefined && max >= size) throw new InfoloopError('E_INPUT', `sample value ${max} is outside 0…${size - 1}`, 'raise size or check the samples');
  const values = samples instanceof Int32Array ? samples : Int32Array.from(samples);
  return trimCounts(countInto(values, size ?? max + 1)!, size);
}

/**
 * Counts values in [0, capacity) into two interleaved tables, so that runs of equal values do not
 * serialise on one counter; null when a value falls outside the table.
 */
function countInto(samples: Int32Array, capacity: number): Int32Array | null {
  const even = new Int32Array(capacity);
  const odd = new Int32Array(capacity);
  const length = samples.length;
  let i = 0;
  for (; i + 1 < length; i += 2) {
    const a = samples[i];
    const b = samples[i + 1];
    if (a < 0 || a >= capacity || b < 0 || b >= capacity) return null;
    even[a]++;
    odd[b]++;
  }
  if (i < length) {
    const a = samples[i];
    if (a < 0 || a >= capacity) return null;
    even[a]++;
  }
  for (let j = 0; j < capacity; j++) even[j] += odd[j];
  return even;
}

/** Bins 0…max (or exactly `size` bins) as doubles. */
function trimCounts(counts: Int32Array, size: number | undefined): Float64Array {
  let bins = size ?? counts.length;
  if (size === undefined) while (bins > 1 && counts[bins - 1] === 0) bins--;
  return Float64Array.from(counts.subarray(0, bins));
}

/** Plug-in entropy of integer samples (counting + entropy in one call). */
export function entropyOfSamples(samples: ArrayLike<number>, size?: number): number {
  const counts = countIntegers(samples, size);
  return pluginUnchecked(counts, samples.length);
}
