/**
 * Claim 2, categorical: an external signal opens the loop. The same categorical loop (P ← (1−α)P + α·empirical)
 * with a verifier that reads the task climbs to the correct set A; with no signal or a self-judge it
 * does not. The gain is bounded by the shift: keeping a set K multiplies P_t(A) by at most
 * 1/P_t(K) = 2^(shift bits per kept sample), so log2(a_T/a_0) ≤ Σ_t shift_bits_t / n_kept_t.
 *
 * With a clean verifier the loop is deterministic (a_{t+1} = (1−α)a_t + α, so a_t = 1 − 0.9·0.5^t):
 * a worked example, not evidence. The label comes from the noisy setting: n = 50 candidates and a
 * verifier whose verdicts are flipped with probability 0.2, so which and how many wrong answers are
 * kept is random and the gain could have failed to appear.
 */
import { closedFormRow, measuredRow } from '../../summary/rows.js';
import type { Experiment, RunRecord, SummaryRow, Variant } from '../../types.js';
import { boundMetric, boundSlackRows } from './bound.js';

export const VERIFIER_EXPERIMENT = 'claim2-verifier-categorical';
export const WEAK_START_EXPERIMENT = 'claim2-verifier-weak';
export const NOISY_EXPERIMENT = 'claim2-verifier-noisy';

/** Metric names (per generation, then run-level), as the verdict reads them. */
export const openingMetric = {
  accuracy: 'accuracy',
  gapBits: 'gap_bits',
  injectedBits: 'injected_bits',
  injectedBitsCum: 'injected_bits_cum',
  signalEntropyBits: 'signal_entropy_bits',
  shiftBits: 'shift_bits',
  accuracyGain: 'accuracy_gain',
  crossedFraction: 'crossed_fraction',
  firstGenerationAboveHalf: 'first_generation_above_half',
} as const;

/** A variant's name is its signal's. */
export type OpeningSignal = 'verifier' | 'none' | 'self-judge';

const CORRECT = 10;
const SAMPLES = 200;
const ALPHA = 0.5;
export const ACCURACY_THRESHOLD = 0.5;
export const opening = { strongK: 100, weakK: 1000, horizon: { full: 30, quick: 10 } };
/** The stochastic setting that decides the label: few candidates and a noisy verifier. */
export const noisy = { n: 50, flip: 0.2 };

function variantsFor(K: number, signals: OpeningSignal[], n = SAMPLES, flip = 0): Variant[] {
  return signals.map((signal) => ({
    name: signal,
    params: { K, correct: CORRECT, n, alpha: ALPHA, signal, ...(signal === 'verifier' && flip > 0 ? { flip } : {}) },
    config: (seed: number, quick: boolean) => ({
      seed,
      generations: quick ? opening.horizon.quick : opening.horizon.full,
      n,
      task: { name: 'categorical-target', K, correct: CORRECT },
      learner: { name: 'categorical', K, alpha: ALPHA },
      signal: signal === 'verifier' && flip > 0 ? { name: signal, flip } : { name: signal },
      select: { name: 'filter' },
      policy: { name: 'replace' },
      checkpoints: 'last', // resume needs only the newest checkpoint
    }),
  }));
}

/**
 * E[a_t] for the verifier loop from a_0 = m/K. A generation keeps nothing with probability
 * q = (1 − a)^n (the model is then unchanged); once something is kept a ≥ α, and later empty
 * generations have probability ≤ (1 − α)^n (< 1e-60 here), so only the first success is random:
 * with G ~ Geometric(1 − q) failures first, a_t = 1 − (1 − a_0)(1 − α)^(t − G) for t > G, else a_0.
 */
export function expectedVerifierAccuracy(a0: number, n: number, alpha: number, t: number): number {
  const q = (1 - a0) ** n;
  let expected = q ** t * a0;
  for (let g = 0; g < t; g++) expected += q ** g * (1 - q) * (1 - (1 - a0) * (1 - alpha) ** (t - g));
  return expected;
}

/** E[first t with a_t > 1/2] = 1 + E[G] = 1 + q/(1 − q) when one success lifts a above 1/2. */
export function expectedFirstCrossing(a0: number, n: number, alpha: number): number {
  const q = (1 - a0) ** n;
  return (1 - alpha) * a0 + alpha > ACCURACY_THRESHOLD ? 1 + q / (1 - q) : NaN;
}

const metrics: Experiment['metrics'] = {
  [openingMetric.accuracy]: (row) => row.accuracy,
  [openingMetric.gapBits]: (row) => row.gap_bits,
  [openingMetric.injectedBits]: (row) => row.injected_bits,
  [openingMetric.injectedBitsCum]: (row) => row.injected_bits_cum,
  [openingMetric.signalEntropyBits]: (row) => row.signal_entropy_bits,
  [openingMetric.shiftBits]: (row) => row.shift_bits,
};
const runMetrics = [openingMetric.accuracyGain, openingMetric.crossedFraction, openingMetric.firstGenerationAboveHalf, boundMetric.slack, boundMetric.minSlack];
const NO_SIGNAL: OpeningSignal = 'none';
const VERIFIER: OpeningSignal = 'verifier';

function closedForms(summary: SummaryRow[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  for (const row of summary) {
    if (row.metric !== openingMetric.accuracy) continue;
    const a0 = CORRECT / (row.params.K as number);
    // No signal: E[P_{t+1} | P_t] = P_t, so accuracy is a martingale.
    if (row.variant === NO_SIGNAL) out.push(closedFormRow(row, a0));
    // the clean verifier's closed form; the noisy one has none
    if (row.variant === VERIFIER && row.experiment !== NOISY_EXPERIMENT) out.push(closedFormRow(row, expectedVerifierAccuracy(a0, SAMPLES, ALPHA, row.t)));
  }
  for (const row of summary) {
    if (row.metric === openingMetric.firstGenerationAboveHalf && row.variant === VERIFIER && row.experiment !== NOISY_EXPERIMENT) {
      out.push(closedFormRow(row, expectedFirstCrossing(CORRECT / (row.params.K as number), SAMPLES, ALPHA)));
    }
  }
  return out;
}

/** Run-level rows: the first generation above 1/2, the fraction of runs that got there, and (open runs) the bound's slack. */
function analyzeWith(variants: Variant[]): (runs: RunRecord[]) => SummaryRow[] {
  return (runs) => {
    const out: SummaryRow[] = [];
    const byVariant = new Map<string, RunRecord[]>();
    for (const run of runs) byVariant.set(run.variant, [...(byVariant.get(run.variant) ?? []), run]);
    for (const [variant, group] of byVariant) {
      const horizon = Math.max(...group.map((run) => run.rows.length - 1));
      const params = variants.find((v) => v.name === variant)?.params ?? {};
      const base = { experiment: group[0].experiment, variant, params, t: horizon, kind: 'measured' as const };
      const push = (metric: string, values: number[]) => {
        if (values.length > 0) out.push(measuredRow({ ...base, metric }, values));
      };
      push(openingMetric.accuracyGain, group.map((run) => (run.rows[run.rows.length - 1].accuracy ?? NaN) - (run.rows[0].accuracy ?? NaN)).filter(Number.isFinite));
      const crossing = (run: RunRecord) => run.rows.find((row) => (row.accuracy ?? 0) > ACCURACY_THRESHOLD)?.generation;
      push(openingMetric.crossedFraction, group.map((run) => (crossing(run) === undefined ? 0 : 1)));
      push(openingMetric.firstGenerationAboveHalf, group.map(crossing).filter((t): t is number => t !== undefined));
      out.push(...boundSlackRows(group, base));
    }
    return out;
  };
}

const strongVariants = variantsFor(opening.strongK, ['verifier', 'none', 'self-judge']);
const weakVariants = variantsFor(opening.weakK, ['verifier', 'none']);

export const verifierExperiment: Experiment = {
  claim: 'claim2',
  name: VERIFIER_EXPERIMENT,
  description: `K=${opening.strongK}, |A|=${CORRECT}, uniform P_0, n=${SAMPLES}, α=${ALPHA}: verifier vs none vs self-judge`,
  variants: strongVariants,
  seeds: { full: 30, quick: 6 },
  metrics,
  closedForms,
  analyze: analyzeWith(strongVariants),
  runMetrics,
};

export const weakStartExperiment: Experiment = {
  claim: 'claim2',
  name: WEAK_START_EXPERIMENT,
  description: `weak start K=${opening.weakK} (P_0(A) = ${CORRECT / opening.weakK}): generations until accuracy > ${ACCURACY_THRESHOLD}`,
  variants: weakVariants,
  seeds: { full: 30, quick: 6 },
  metrics,
  closedForms,
  analyze: analyzeWith(weakVariants),
  runMetrics,
};

const noisyVariants = variantsFor(opening.strongK, ['verifier', 'none', 'self-judge'], noisy.n, noisy.flip);

export const noisyExperiment: Experiment = {
  claim: 'claim2',
  name: NOISY_EXPERIMENT,
  description: `stochastic setting (decides the label): K=${opening.strongK}, |A|=${CORRECT}, n=${noisy.n}, α=${ALPHA}, verifier flip ${noisy.flip}: verifier vs none vs self-judge`,
  variants: noisyVariants,
  seeds: { full: 30, quick: 6 },
  metrics,
  closedForms,
  analyze: analyzeWith(noisyVariants),
  runMetrics,
};
