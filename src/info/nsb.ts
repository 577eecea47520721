/**
 * Nemenman–Shafee–Bialek entropy estimate (Nemenman, Shafee & Bialek 2002), in bits.
 *
 * Model: p ~ Dirichlet(β, …, β) over K bins, counts ~ Multinomial(N, p). The NSB prior on β makes
 * the prior expected entropy ξ(β) = ψ(Kβ+1) − ψ(β+1) uniform: p(β) ∝ dξ/dβ = K ψ1(Kβ+1) − ψ1(β+1).
 * Estimate = ∫ E[H | n, β] p(n | β) p(β) dβ / ∫ p(n | β) p(β) dβ.
 *
 * Quadrature: the integrand is taken over t = ln β (Jacobian β) on [ln(1e-10/K), ln 1e10], where
 * the prior mass left outside is below 1e-10. A 2000-point grid finds the region where the
 * log-integrand is within 40 nats of its maximum (plus one grid step either side); that window is
 * then integrated with a 2000-point trapezoid rule, which converges geometrically for a smooth
 * integrand that has decayed to e^-40 at both ends.
 *
 * Log-evidence: ln p(n|β) = Σ_i [ln Γ(n_i+β) − ln Γ(β)] − [ln Γ(N+Kβ) − ln Γ(Kβ)], each bracket a log
 * rising factorial computed by `logRisingFactorial` (sums of logs, or Stirling with log1p), which
 * stays accurate in absolute terms for huge β where differences of log-gamma values lose all digits.
 */
import { InfoloopError } from '../core/errors.js';
import { digamma, logRisingFactorial, trigamma } from '../stats/special.js';
import { checkCounts, checkPositiveInteger } from './validate.js';

const GRID_POINTS = 2000;
const WINDOW_NATS = 40;

/** Distinct nonzero count values with their multiplicities. */
function histogramOfCounts(counts: ArrayLike<number>): { values: number[]; multiplicities: number[] } {
  const map = new Map<number, number>();
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) map.set(counts[i], (map.get(counts[i]) ?? 0) + 1);
  const values = [...map.keys()].sort((a, b) => a - b);
  return { values, multiplicities: values.map((v) => map.get(v)!) };
}

/** dξ/dβ = K ψ1(Kβ+1) − ψ1(β+1); for large β the asymptotic difference avoids cancelling two near-equal terms. */
export function nsbPriorDensity(beta: number, K: number): number {
  if (beta < 20) return K * trigamma(K * beta + 1) - trigamma(beta + 1);
  // ψ1(z+1) = 1/z − 1/(2z²) + 1/(6z³) − 1/(30z⁵) + 1/(42z⁷) − 1/(30z⁹) + …, differenced term by term.
  const b2 = beta * beta;
  const r2 = 1 / (K * K);
  return (
    (1 - 1 / K) / (2 * b2) -
    (1 - r2) / (6 * b2 * beta) +
    (1 - r2 * r2) / (30 * b2 * b2 * beta) -
    (1 - r2 * r2 * r2) / (42 * b2 * b2 * b2 * beta) +
    (1 - r2 * r2 * r2 * r2) / (30 * b2 * b2 * b2 * b2 * beta)
  );
}

/** Prior expected entropy ξ(β) = ψ(Kβ+1) − ψ(β+1), nats. */
export function nsbPriorEntropy(beta: number, K: number): number {
  return digamma(K * beta + 1) - digamma(beta + 1);
}

/** Posterior-mean NSB entropy, bits. `K` is the alphabet size (≥ counts.length; unseen bins are zeros). */
export function entropyNsb(counts: ArrayLike<number>, K: number = counts.length): number {
  const n = checkCounts(counts, 'counts', true);
  checkPositiveInteger(K, 'K', 'K is the alphabet size: the number of possible outcomes');
  if (K < counts.length) throw new InfoloopError('E_INPUT', `K = ${K} is smaller than the ${counts.length} bins given`, 'K counts every possible outcome, seen or not');
  if (K === 1) return 0;
  const { values, multiplicities } = histogramOfCounts(counts);
  const occupied = multiplicities.reduce((a, b) => a + b, 0);

  const logIntegrand = (t: number): number => {
    const beta = Math.exp(t);
    let logEvidence = -logRisingFactorial(K * beta, n);
    for (let v = 0; v < values.length; v++) logEvidence += multiplicities[v] * logRisingFactorial(beta, values[v]);
    return logEvidence + Math.log(nsbPriorDensity(beta, K)) + t;
  };
  const posteriorMeanEntropy = (t: number): number => {
    const beta = Math.exp(t);
    const total = n + K * beta;
    let sum = ((K - occupied) * beta * digamma(beta + 1)) / total;
    for (let v = 0; v < values.length; v++) sum += (multiplicities[v] * (values[v] + beta) * digamma(values[v] + beta + 1)) / total;
    return digamma(total + 1) - sum;
  };

  const lower = Math.log(1e-10 / K);
  const upper = Math.log(1e10);
  const coarseStep = (upper - lower) / (GRID_POINTS - 1);
  const coarse = new Float64Array(GRID_POINTS);
  let peak = -Infinity;
  for (let g = 0; g < GRID_POINTS; g++) {
    coarse[g] = logIntegrand(lower + g * coarseStep);
    if (coarse[g] > peak) peak = coarse[g];
  }
  if (!Number.isFinite(peak)) throw new InfoloopError('E_INPUT', 'the NSB posterior could not be evaluated', 'check the counts are moderate whole numbers');
  let first = 0;
  while (coarse[first] < peak - WINDOW_NATS) first++;
  let last = GRID_POINTS - 1;
  while (coarse[last] < peak - WINDOW_NATS) last--;
  const from = lower + Math.max(0, first - 1) * coarseStep;
  const to = lower + Math.min(GRID_POINTS - 1, last + 1) * coarseStep;

  const step = (to - from) / (GRID_POINTS - 1);
  const logs = new Float64Array(GRID_POINTS);
  let fine = -Infinity;
  for (let g = 0; g < GRID_POINTS; g++) {
    logs[g] = logIntegrand(from + g * step);
    if (logs[g] > fine) fine = logs[g];
  }
  let weightSum = 0;
  let entropySum = 0;
  for (let g = 0; g < GRID_POINTS; g++) {
    const weight = Math.exp(logs[g] - fine) * (g === 0 || g === GRID_POINTS - 1 ? 0.5 : 1);
    if (weight < 1e-300) continue;
    weightSum += weight;
    entropySum += weight * posteriorMeanEntropy(from + g * step);
  }
  return entropySum / weightSum / Math.LN2;
}
