/** Moments of a sample: mean, variance with the n − 1 divisor, standard error, skewness. */
import { InfoloopError } from '../core/errors.js';

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
