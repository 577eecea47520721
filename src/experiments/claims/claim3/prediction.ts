/**
 * Claim 3's exact prediction for the approach-detail learner on the meta-answers task.
 *
 * Accuracy on any held-out prompt is π(V) = (m·a0 + N_V) / (S·a0 + N), N_V the training examples
 * with a valid approach, N all examples. Both signals train only on valid approaches, so after N
 * examples held-out accuracy is acc(N) = (m·a0 + N) / (S·a0 + N) for both; they differ only in the
 * bits each example costs:
 *
 * - verifier (filter on correctness), n candidates a generation: k ~ Binomial(n, acc(N)) are kept
 *   and the ledger counts k·(−log2(k/n)) bits. N is a Markov chain, N ← N + k, so E[acc_t] and
 *   E[bits] follow exactly by propagating the distribution of N (dynamic programming over N).
 * - imitation of the reference answer, J prompts a generation: every example is the instance's
 *   reference (z*, d*) with z* uniform on V and d* uniform on D for a fresh instance, so
 *   N = J·t is deterministic and one example of generation t+1 costs
 *   −log2 π_t(z*) − log2 q(d*) = log2(S·a0 + J·t) − log2(a0 + A_{z*}) + log2 D bits, where the
 *   count of z* among the J·t earlier references is A_{z*} ~ Binomial(J·t, 1/m).
 * Imitation pays log2 D bits per example for the detail (instance-level, never reused) and about
 * log2 m for which valid approach, bits the verifier never spends: less held-out accuracy per bit.
 */

export interface ModelSizes {
  approaches: number;
  valid: number;
  details: number;
  /** Dirichlet pseudo-count a0 of the approach distribution. */
  prior: number;
}

export interface Trajectory {
  /** E[held-out accuracy] at t = 0..T. */
  accuracy: number[];
  /** E[cumulative injected bits] at t = 0..T. */
  cumulativeBits: number[];
}

/** Held-out accuracy after N valid training examples. */
export function accuracyAfter(sizes: ModelSizes, examples: number): number {
  return (sizes.valid * sizes.prior + examples) / (sizes.approaches * sizes.prior + examples);
}

/** Binomial(n, p) probabilities 0..n, computed in log space and renormalised so large n cannot underflow. */
export function binomialPmf(n: number, p: number): Float64Array {
  const pmf = new Float64Array(n + 1);
  if (p <= 0) {
    pmf[0] = 1;
    return pmf;
  }
  if (p >= 1) {
    pmf[n] = 1;
    return pmf;
  }
  // log C(n, k) built incrementally, no log-gamma needed.
  let logChoose = 0;
  const logs = new Float64Array(n + 1);
  for (let k = 0; k <= n; k++) {
    if (k > 0) logChoose += Math.log(n - k + 1) - Math.log(k);
    logs[k] = logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p);
  }
  let max = -Infinity;
  for (const v of logs) max = Math.max(max, v);
  let total = 0;
  for (let k = 0; k <= n; k++) total += pmf[k] = Math.exp(logs[k] - max);
  for (let k = 0; k <= n; k++) pmf[k] /= total;
  return pmf;
}

/** Bits the ledger counts for a filter keeping k of n: k·(−log2(k/n)). */
export function filterBits(kept: number, judged: number): number {
  return kept === 0 ? 0 : kept * -Math.log2(kept / judged);
}

/** Exact expected trajectory of the verifier loop with n candidates per generation. */
export function verifierPrediction(sizes: ModelSizes, n: number, generations: number): Trajectory {
  let distribution = new Float64Array([1]); // P(N = j)
  const accuracy = [accuracyAfter(sizes, 0)];
  const cumulativeBits = [0];
  const bitsOfKept = Array.from({ length: n + 1 }, (_, k) => filterBits(k, n));
  for (let t = 1; t <= generations; t++) {
    const next = new Float64Array(distribution.length + n);
    let bits = 0;
    for (let j = 0; j < distribution.length; j++) {
      const weight = distribution[j];
      if (weight < 1e-300) continue;
      const pmf = binomialPmf(n, accuracyAfter(sizes, j));
      for (let k = 0; k <= n; k++) {
        next[j + k] += weight * pmf[k];
        bits += weight * pmf[k] * bitsOfKept[k];
      }
    }
    distribution = next;
    let expected = 0;
    for (let j = 0; j < distribution.length; j++) expected += distribution[j] * accuracyAfter(sizes, j);
    accuracy.push(expected);
    cumulativeBits.push(cumulativeBits[t - 1] + bits);
  }
  return { accuracy, cumulativeBits };
}

/** E[log2(a0 + A)] for A ~ Binomial(trials, 1/m). */
function expectedLogCount(prior: number, trials: number, valid: number): number {
  const pmf = binomialPmf(trials, 1 / valid);
  let sum = 0;
  for (let a = 0; a <= trials; a++) sum += pmf[a] * Math.log2(prior + a);
  return sum;
}

/** Exact expected trajectory of imitation with J reference examples per generation. */
export function imitationPrediction(sizes: ModelSizes, perGeneration: number, generations: number): Trajectory {
  const accuracy = [accuracyAfter(sizes, 0)];
  const cumulativeBits = [0];
  for (let t = 1; t <= generations; t++) {
    const before = perGeneration * (t - 1);
    const perExample =
      Math.log2(sizes.approaches * sizes.prior + before) - expectedLogCount(sizes.prior, before, sizes.valid) + Math.log2(sizes.details);
    accuracy.push(accuracyAfter(sizes, perGeneration * t));
    cumulativeBits.push(cumulativeBits[t - 1] + perGeneration * perExample);
  }
  return { accuracy, cumulativeBits };
}

/** The J in 1..maxPerGeneration whose imitation bits after T generations come closest to `targetBits`. */
export function matchedImitationCount(sizes: ModelSizes, targetBits: number, generations: number, maxPerGeneration: number): number {
  let best = 1;
  let bestMiss = Infinity;
  for (let J = 1; J <= maxPerGeneration; J++) {
    const miss = Math.abs(imitationPrediction(sizes, J, generations).cumulativeBits[generations] - targetBits);
    if (miss < bestMiss) {
      best = J;
      bestMiss = miss;
    }
  }
  return best;
}
