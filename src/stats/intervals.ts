/**
 * The interval a summary row carries, chosen by one rule:
 *  - every run identical → zero width, method 'deterministic' (the only zero-width interval);
 *  - a non-negative sample whose t interval reaches below 0, or a strongly skewed sample → the
 *    percentile bootstrap of the mean (a mean of non-negative resamples is never below 0);
 *  - otherwise Student t.
 * A single non-negative value gets [0, ∞).
 */
import type { Rng } from '../core/rng.js';
import { bootstrapInterval } from './bootstrap.js';
import { skewness } from './moments.js';
import { tInterval, type Interval } from './t-interval.js';

/** The rule for "skewed": |g1| > 1 with at least 10 values, where the t interval's coverage suffers. */
export function isSkewed(values: readonly number[]): boolean {
  return values.length >= 10 && Math.abs(skewness(values)) > 1;
}

/** Fewer runs than this are flagged beside the interval. */
export const FEW_RUNS = 10;

export function confidenceInterval(values: readonly number[], rng: Rng, level = 0.95): Interval {
  const t = tInterval(values, level);
  if (t.method === 'none') return t; // infinite values
  if (values.length >= 2 && values.every((v) => v === values[0])) return { ...t, se: 0, low: values[0], high: values[0], method: 'deterministic' };
  const nonNegative = values.every((v) => v >= 0);
  if (nonNegative && values.length < 2) return { ...t, low: 0 };
  if ((nonNegative && t.low < 0) || isSkewed(values)) return bootstrapInterval(values, rng, level);
  return t;
}
