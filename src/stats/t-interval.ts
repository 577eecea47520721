/**
 * Student t intervals: a mean's 95% interval over seeds, and Welch's interval for the difference of
 * two means (what verdicts compare).
 */
import { standardError, mean } from './moments.js';
import { studentTQuantile } from './student-t.js';

export interface Interval {
  mean: number;
  se: number;
  low: number;
  high: number;
  n: number;
  /** deterministic: every run gave the same value (zero width only then). */
  method: 't' | 'bootstrap' | 'none' | 'deterministic';
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
export function nonFiniteInterval(values: readonly number[], center: number): Interval {
  const low = Math.min(...values);
  const high = Math.max(...values);
  return { mean: center, se: Infinity, low: Number.isNaN(center) ? -Infinity : low, high: Number.isNaN(center) ? Infinity : high, n: values.length, method: 'none' };
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
