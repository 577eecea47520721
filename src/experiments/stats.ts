/**
 * Numbers with their uncertainty: mean, standard error and 95% intervals over seeds — Student t by
 * default, a percentile bootstrap when the sample is strongly skewed, and Welch's interval for the
 * difference of two means (what verdicts compare).
 */
import { InfoloopError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { studentTQuantile } from './student-t.js';

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new InfoloopError('E_INPUT', 'mean of an empty list', 'pass at least one value');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Sample variance with the n − 1 divisor (0 for a single value). */
export function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const center = mean(values);
  let sum = 0;
  for (const v of values) sum += (v - center) ** 2;
  return sum / (values.length - 1);
}

export function standardError(values: readonly number[]): number {
  return Math.sqrt(sampleVariance(values) / values.length);
}

/** Sample skewness g1 (0 when the spread is 0). */
export function skewness(values: readonly number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  const center = mean(values);
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    m2 += (v - center) ** 2;
    m3 += (v - center) ** 3;
  }
  m2 /= n;
  m3 /= n;
  return m2 === 0 ? 0 : m3 / m2 ** 1.5;
}

export interface Interval {
  mean: number;
  se: number;
  low: number;
  high: number;
  n: number;
  method: 't' | 'bootstrap' | 'none';
}

/** mean ± t_{(1+level)/2, n−1}·se; a single value has an unbounded interval. */
export function tInterval(values: readonly number[], level = 0.95): Interval {
  const n = values.length;
  const center = mean(values);
  if (values.some((v) => !Number.isFinite(v))) return nonFiniteInterval(values, center);
  if (n < 2) return { mean: center, se: Infinity, low: -Infinity, high: Infinity, n, method: 't' };
  const se = standardError(values);
  const half = studentTQuantile((1 + level) / 2, n - 1) * se;
  return { mean: center, se, low: center - half, high: center + half, n, method: 't' };
}

/** Infinite values (an infinite KL gap) make the mean infinite; the interval then says only that. */
function nonFiniteInterval(values: readonly number[], center: number): Interval {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return { mean: center, se: Infinity, low: Number.isNaN(center) ? -Infinity : low, high: Number.isNaN(center) ? Infinity : high, n: values.length, method: 'none' };
}

/** Percentile bootstrap of the mean, `resamples` draws from the given stream. */
export function bootstrapInterval(values: readonly number[], rng: Rng, level = 0.95, resamples = 2000): Interval {
  const n = values.length;
  const center = mean(values);
  if (values.some((v) => !Number.isFinite(v))) return nonFiniteInterval(values, center);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += values[rng.int(n)];
    means[r] = sum / n;
  }
  means.sort();
  const tail = (1 - level) / 2;
  const at = (q: number): number => means[Math.min(resamples - 1, Math.max(0, Math.floor(q * resamples)))];
  return { mean: center, se: standardError(values), low: at(tail), high: at(1 - tail), n, method: 'bootstrap' };
}

/** The rule for "skewed": |g1| > 1 with at least 10 values, where the t interval's coverage suffers. */
export function isSkewed(values: readonly number[]): boolean {
  return values.length >= 10 && Math.abs(skewness(values)) > 1;
}

/** t interval, or the bootstrap when the sample is skewed. */
export function confidenceInterval(values: readonly number[], rng: Rng, level = 0.95): Interval {
  return isSkewed(values) ? bootstrapInterval(values, rng, level) : tInterval(values, level);
}

export interface Difference {
  difference: number;
  se: number;
  low: number;
  high: number;
  df: number;
}

/** Welch's interval for mean_a − mean_b from each group's mean, standard error and size. */
export function welchDifference(
  a: { mean: number; se: number; n: number },
  b: { mean: number; se: number; n: number },
  level = 0.95,
): Difference {
  const difference = a.mean - b.mean;
  const va = a.se ** 2;
  const vb = b.se ** 2;
  const se = Math.sqrt(va + vb);
  if (!Number.isFinite(se) || a.n < 2 || b.n < 2) return { difference, se: Infinity, low: -Infinity, high: Infinity, df: NaN };
  if (se === 0) return { difference, se: 0, low: difference, high: difference, df: Infinity };
  // Welch–Satterthwaite degrees of freedom.
  const df = (va + vb) ** 2 / (va ** 2 / (a.n - 1) + vb ** 2 / (b.n - 1));
  const half = studentTQuantile((1 + level) / 2, df) * se;
  return { difference, se, low: difference - half, high: difference + half, df };
}
