/** Wilson score interval for a proportion: a CI for k successes in n trials that stays inside [0, 1]. */
import { normalQuantile } from './special.js';

export function wilsonInterval(k: number, n: number, level = 0.95): { low: number; high: number } {
  if (n === 0) return { low: 0, high: 1 };
  const z = normalQuantile((1 + level) / 2);
  const p = k / n;
  const denominator = 1 + (z * z) / n;
  const center = (p + (z * z) / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / denominator;
  // the bounds are exactly 0 at k = 0 and 1 at k = n; floating point would leave ~1e-17 there
  return { low: k === 0 ? 0 : Math.max(0, center - half), high: k === n ? 1 : Math.min(1, center + half) };
}
