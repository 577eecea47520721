/**
 * Seeded bootstraps, all in one place: percentile and BCa intervals for any statistic of a sample
 * (Efron & Tibshirani 1993, ch. 13–14; the info estimators' CIs), a half-sampling interval for
 * statistics that resampling with replacement would distort (k-NN estimators see duplicates as
 * distance 0), and the percentile interval of a mean over seeds that experiment summaries use
 * for skewed samples (nearest-rank quantiles, 2000 resamples by default).
 */
import { InfoloopError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { mean, standardError } from './moments.js';
import { normalCdf, normalQuantile } from './special.js';
import { nonFiniteInterval, type Interval } from './t-interval.js';

export interface BootstrapOptions {
  /** Number of bootstrap replicates (default 1000). */
  B?: number;
  /** Coverage of the interval (default 0.95). */
  level?: number;
  rng: Rng;
  /** Stratum label per sample: resampling happens within each stratum (e.g. two independent samples). */
  strata?: ArrayLike<number>;
  /** Above this sample size the acceleration uses a grouped jackknife with this many groups (default 100). */
  jackknifeGroups?: number;
}

export interface BootstrapResult {
  estimate: number;
  level: number;
  B: number;
  /** Standard deviation of the replicates. */
  standardError: number;
  percentile: [number, number];
  /** Bias-corrected and accelerated interval; null when some replicate is infinite (BCa is undefined then). */
  bca: [number, number] | null;
  biasCorrection: number | null;
  acceleration: number | null;
}

function checkLevel(level: number): void {
  if (!(level > 0 && level < 1)) throw new InfoloopError('E_INPUT', `confidence level must be in (0, 1), got ${level}`, 'use e.g. --ci 0.95');
}

/** Linear-interpolation quantile (numpy's default) of sorted values. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const position = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const below = Math.floor(position);
  const above = Math.min(sorted.length - 1, below + 1);
  const fraction = position - below;
  if (fraction === 0 || sorted[below] === sorted[above]) return sorted[below];
  return sorted[below] + fraction * (sorted[above] - sorted[below]);
}

/** a = Σ(θ̄ − θ_(i))³ / (6 [Σ(θ̄ − θ_(i))²]^{3/2}) from leave-one-out (or leave-group-out) values. */
export function jackknifeAcceleration(values: ArrayLike<number>): number {
  let mean = 0;
  for (let i = 0; i < values.length; i++) mean += values[i];
  mean /= values.length;
  let squares = 0;
  let cubes = 0;
  for (let i = 0; i < values.length; i++) {
    const d = mean - values[i];
    squares += d * d;
    cubes += d * d * d;
  }
  return squares > 0 ? cubes / (6 * squares ** 1.5) : 0;
}

/** The BCa interval from sorted replicates, the estimate and the acceleration. */
export function bcaFromReplicates(sorted: ArrayLike<number>, estimate: number, acceleration: number, level: number): { interval: [number, number]; biasCorrection: number } {
  const B = sorted.length;
  let below = 0;
  let equal = 0;
  for (let b = 0; b < B; b++) {
    if (sorted[b] < estimate) below++;
    else if (sorted[b] === estimate) equal++;
  }
  // Ties count half; the fraction is kept inside (0, 1) so that z0 stays finite.
  const fraction = Math.min(1 - 0.5 / B, Math.max(0.5 / B, (below + 0.5 * equal) / B));
  const z0 = normalQuantile(fraction);
  const adjusted = (tail: number): number => {
    const z = normalQuantile(tail);
    return normalCdf(z0 + (z0 + z) / (1 - acceleration * (z0 + z)));
  };
  const alpha = (1 - level) / 2;
  return { interval: [quantileSorted(sorted, adjusted(alpha)), quantileSorted(sorted, adjusted(1 - alpha))], biasCorrection: z0 };
}

export function bootstrapCI<T>(statistic: (samples: T[]) => number, samples: readonly T[], options: BootstrapOptions): BootstrapResult {
  const B = options.B ?? 1000;
  const level = options.level ?? 0.95;
  checkLevel(level);
  if (!Number.isInteger(B) || B < 2) throw new InfoloopError('E_INPUT', `B must be an integer ≥ 2, got ${B}`, 'use e.g. B = 1000 replicates');
  const n = samples.length;
  if (n < 2) throw new InfoloopError('E_INPUT', `a bootstrap needs at least 2 samples, got ${n}`, 'pass more data');
  const estimate = statistic([...samples]);
  const resampleRng = options.rng.fork('bootstrap-resample');
  const replicates = new Float64Array(B);
  const buffer = new Array<T>(n);
  const members = strataMembers(options.strata, n);
  for (let b = 0; b < B; b++) {
    if (members.length === 1) {
      for (let i = 0; i < n; i++) buffer[i] = samples[resampleRng.int(n)];
    } else {
      for (const group of members) {
        for (let j = 0; j < group.length; j++) buffer[group[j]] = samples[group[resampleRng.int(group.length)]];
      }
    }
    replicates[b] = statistic(buffer);
    if (Number.isNaN(replicates[b])) throw new InfoloopError('E_INPUT', 'the statistic returned NaN on a bootstrap resample', 'make the statistic defined for every resample of the data');
  }
  replicates.sort();
  const alpha = (1 - level) / 2;
  const percentile: [number, number] = [quantileSorted(replicates, alpha), quantileSorted(replicates, 1 - alpha)];
  const finite = Number.isFinite(estimate) && replicates.every(Number.isFinite);
  let mean = 0;
  for (const r of replicates) mean += r;
  mean /= B;
  let variance = 0;
  for (const r of replicates) variance += (r - mean) ** 2;
  const standardError = finite ? Math.sqrt(variance / (B - 1)) : Infinity;
  if (!finite) return { estimate, level, B, standardError, percentile, bca: null, biasCorrection: null, acceleration: null };

  const acceleration = jackknifeAcceleration(jackknifeValues(statistic, samples, options.jackknifeGroups ?? 100, options.rng.fork('bootstrap-jackknife')));
  const { interval, biasCorrection } = bcaFromReplicates(replicates, estimate, acceleration, level);
  return { estimate, level, B, standardError, percentile, bca: interval, biasCorrection, acceleration };
}

/** Sample indices per stratum (one stratum holding everything when none are given). */
function strataMembers(strata: ArrayLike<number> | undefined, n: number): number[][] {
  if (!strata) return [Array.from({ length: n }, (_, i) => i)];
  if (strata.length !== n) throw new InfoloopError('E_INPUT', `strata has ${strata.length} labels for ${n} samples`, 'give one stratum label per sample');
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const list = groups.get(strata[i]) ?? [];
    list.push(i);
    groups.set(strata[i], list);
  }
  return [...groups.values()];
}

/** Leave-one-out values, or leave-one-group-out over `groups` random groups when n is larger. */
function jackknifeValues<T>(statistic: (samples: T[]) => number, samples: readonly T[], groups: number, rng: Rng): Float64Array {
  const n = samples.length;
  if (n <= groups) {
    return Float64Array.from({ length: n }, (_, left) => statistic(samples.filter((_, i) => i !== left)));
  }
  const group = new Int32Array(n);
  for (let i = 0; i < n; i++) group[i] = i % groups;
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [group[i], group[j]] = [group[j], group[i]];
  }
  return Float64Array.from({ length: groups }, (_, left) => statistic(samples.filter((_, i) => group[i] !== left)));
}

export interface HalfSampleResult {
  estimate: number;
  level: number;
  subsets: number;
  standardError: number;
  interval: [number, number];
}

/**
 * Normal interval θ̂ ± z·SE with the delete-d jackknife variance for d = n/2 (Shao & Wu 1989):
 * SE² = mean over random halves of (θ_half − mean θ_half)². No sample is duplicated, so k-NN
 * estimators never see spurious zero distances.
 */
export function halfSampleCI<T>(statistic: (samples: T[]) => number, samples: readonly T[], options: { subsets?: number; level?: number; rng: Rng }): HalfSampleResult {
  const subsets = options.subsets ?? 200;
  const level = options.level ?? 0.95;
  checkLevel(level);
  const n = samples.length;
  if (n < 4) throw new InfoloopError('E_INPUT', `half-sampling needs at least 4 samples, got ${n}`, 'pass more data');
  if (!Number.isInteger(subsets) || subsets < 2) throw new InfoloopError('E_INPUT', `subsets must be an integer ≥ 2, got ${subsets}`, 'use e.g. 200 subsets');
  const half = Math.floor(n / 2);
  const estimate = statistic([...samples]);
  const rng = options.rng.fork('half-sample');
  const indices = Array.from({ length: n }, (_, i) => i);
  const values = new Float64Array(subsets);
  for (let s = 0; s < subsets; s++) {
    for (let i = 0; i < half; i++) {
      const j = i + rng.int(n - i); // partial Fisher–Yates: the first `half` indices are a uniform subset
      [indices[i], indices[j]] = [indices[j], indices[i]];
    }
    values[s] = statistic(indices.slice(0, half).map((i) => samples[i]));
  }
  let mean = 0;
  for (const v of values) mean += v;
  mean /= subsets;
  let variance = 0;
  for (const v of values) variance += (v - mean) ** 2;
  // Subsets of size n − d with d = n/2: the delete-d factor (n − d)/d is 1.
  const standardError = Math.sqrt(variance / subsets);
  const z = normalQuantile(1 - (1 - level) / 2);
  return { estimate, level, subsets, standardError, interval: [estimate - z * standardError, estimate + z * standardError] };
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
