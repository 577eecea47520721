/**
 * The interval a summary row carries: Student t by default, a percentile bootstrap when the sample
 * is strongly skewed (where the t interval's coverage suffers).
 */
import type { Rng } from '../core/rng.js';
import { bootstrapInterval } from './bootstrap.js';
import { skewness } from './moments.js';
import { tInterval, type Interval } from './t-interval.js';

/** The rule for "skewed": |g1| > 1 with at least 10 values, where the t interval's coverage suffers. */
export function isSkewed(values: readonly number[]): boolean {
  return values.length >= 10 && Math.abs(skewness(values)) > 1;
}

/** t interval, or the bootstrap when the sample is skewed. */
export function confidenceInterval(values: readonly number[], rng: Rng, level = 0.95): Interval {
  return isSkewed(values) ? bootstrapInterval(values, rng, level) : tInterval(values, level);
}
