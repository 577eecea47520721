/**
 * Entropy of a graded score. Counting distinct values of a continuous score gives log2 n (every
 * value distinct), which measures the sample size, not the judge. Scores with at most ⌈√n⌉
 * distinct values (rubric levels, 0/1) are counted as they are; more are binned into ⌈√n⌉
 * equal-width bins over [min, max] and the plug-in entropy of the bins is returned. For a density
 * f the binned entropy approaches h(f) − log2(width) as n grows.
 */
import { entropyPlugin } from './entropy.js';

/** Whether `values` has more distinct values than ⌈√n⌉, i.e. is treated as continuous. */
export function looksContinuous(values: ArrayLike<number>): boolean {
  const limit = Math.ceil(Math.sqrt(values.length));
  const distinct = new Set<number>();
  for (let i = 0; i < values.length; i++) {
    distinct.add(values[i]);
    if (distinct.size > limit) return true;
  }
  return false;
}

/** Discrete labels for a graded score: the values themselves, or their equal-width bin (⌈√n⌉ bins). */
export function scoreLabels(values: ArrayLike<number>): number[] {
  const out = Array.from(values);
  if (!looksContinuous(values)) return out;
  const bins = Math.ceil(Math.sqrt(values.length));
  let min = Infinity;
  let max = -Infinity;
  for (const v of out) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const width = (max - min) / bins;
  return out.map((v) => Math.min(bins - 1, Math.floor((v - min) / width)));
}

/** Entropy in bits per value of a graded score (exact counting or ⌈√n⌉ equal-width bins). */
export function scoreEntropy(values: ArrayLike<number>): number {
  if (values.length === 0) return 0;
  const counts = new Map<number, number>();
  for (const label of scoreLabels(values)) counts.set(label, (counts.get(label) ?? 0) + 1);
  return entropyPlugin([...counts.values()]);
}
