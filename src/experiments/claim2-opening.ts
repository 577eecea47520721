/**
 * Claim 2 — an external signal opens the loop. The same categorical loop (P ← (1−α)P + α·empirical)
 * with a verifier that reads the task climbs to the correct set A; with no signal or a self-judge it
 * does not. The gain is bounded by the injected bits: keeping only A multiplies P_t(A) by at most
 * 1/P_t(A) = 2^(bits per kept sample), so log2(a_T/a_0) ≤ Σ_t injected_bits_t / n_kept_t.
 */
import { boundSlackRows } from './bound.js';
import { GYM_EXPERIMENT, gymClause, gymExperiment } from './claim2-gym.js';
import { closedFormRow, finalGeneration, findRow, fmt, fmtInterval, measuredRow, rowDifference } from './summary-rows.js';
import type { ClaimDefinition, Experiment, RunRecord, SummaryRow, Variant, Verdict } from './types.js';

const CORRECT = 10;
const SAMPLES = 200;
const ALPHA = 0.5;
export const ACCURACY_THRESHOLD = 0.5;
export const opening = { strongK: 100, weakK: 1000, horizon: { full: 30, quick: 10 } };

function variantsFor(K: number, signals: string[]): Variant[] {
  return signals.map((signal) => ({
    name: signal,
    params: { K, correct: CORRECT, n: SAMPLES, alpha: ALPHA, signal },
    config: (seed: number, quick: boolean) => ({
      seed,
      generations: quick ? opening.horizon.quick : opening.horizon.full,
      n: SAMPLES,
      task: { name: 'categorical-target', K, correct: CORRECT },
      learner: { name: 'categorical', K, alpha: ALPHA },
      signal: { name: signal },
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
  accuracy: (row) => row.accuracy,
  gap_bits: (row) => row.gap_bits,
  injected_bits: (row) => row.injected_bits,
  injected_bits_cum: (row) => row.injected_bits_cum,
  signal_entropy_bits: (row) => row.signal_entropy_bits,
};

function closedForms(summary: SummaryRow[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  for (const row of summary) {
    if (row.metric !== 'accuracy') continue;
    const a0 = CORRECT / (row.params.K as number);
    // No signal: E[P_{t+1} | P_t] = P_t, so accuracy is a martingale.
    if (row.variant === 'none') out.push(closedFormRow(row, a0));
    if (row.variant === 'verifier') out.push(closedFormRow(row, expectedVerifierAccuracy(a0, SAMPLES, ALPHA, row.t)));
  }
  for (const row of summary) {
    if (row.metric === 'first_generation_above_half' && row.variant === 'verifier') {
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
      const crossing = (run: RunRecord) => run.rows.find((row) => (row.accuracy ?? 0) > ACCURACY_THRESHOLD)?.generation;
      push('crossed_fraction', group.map((run) => (crossing(run) === undefined ? 0 : 1)));
      push('first_generation_above_half', group.map(crossing).filter((t): t is number => t !== undefined));
      out.push(...boundSlackRows(group, base));
    }
    return out;
  };
}

const strongVariants = variantsFor(opening.strongK, ['verifier', 'none', 'self-judge']);
const weakVariants = variantsFor(opening.weakK, ['verifier', 'none']);

export const verifierExperiment: Experiment = {
  claim: 'claim2',
  name: 'claim2-verifier-categorical',
  description: `K=${opening.strongK}, |A|=${CORRECT}, uniform P_0, n=${SAMPLES}, α=${ALPHA}: verifier vs none vs self-judge`,
  variants: strongVariants,
  seeds: { full: 30, quick: 6 },
  metrics,
  closedForms,
  analyze: analyzeWith(strongVariants),
};

export const weakStartExperiment: Experiment = {
  claim: 'claim2',
  name: 'claim2-verifier-weak',
  description: `weak start K=${opening.weakK} (P_0(A) = ${CORRECT / opening.weakK}): generations until accuracy > ${ACCURACY_THRESHOLD}`,
  variants: weakVariants,
  seeds: { full: 30, quick: 6 },
  metrics,
  closedForms,
  analyze: analyzeWith(weakVariants),
};

/**
 * Verdict rule: at the last generation T of the K=100 experiment, the Welch 95% CI of
 * accuracy(verifier) − accuracy(none). "supported" if it lies above 0 and the bound
 * log2(a_T/a_0) ≤ Σ bits per kept sample holds in every verifier run; "not supported" if it lies
 * at or below 0 or the bound fails in some run; otherwise "inconclusive".
 */
export function claim2Verdict(summary: SummaryRow[]): Verdict {
  const T = finalGeneration(summary, 'claim2-verifier-categorical');
  const verifier = findRow(summary, 'claim2-verifier-categorical', 'verifier', T, 'accuracy');
  const none = findRow(summary, 'claim2-verifier-categorical', 'none', T, 'accuracy');
  const slack = findRow(summary, 'claim2-verifier-categorical', 'verifier', T, 'bound_min_slack_bits');
  const bits = findRow(summary, 'claim2-verifier-categorical', 'verifier', T, 'injected_bits_cum');
  if (!verifier || !none || !slack || !bits) {
    return { claim: 'claim2', label: 'inconclusive', statement: 'claim2 inconclusive: the verifier or none results are missing' };
  }
  const gain = rowDifference(verifier, none);
  const boundHolds = slack.mean >= 0;
  const label = gain.low > 0 && boundHolds ? 'supported' : gain.high <= 0 || !boundHolds ? 'not supported' : 'inconclusive';
  const weakT = finalGeneration(summary, 'claim2-verifier-weak');
  const crossing = findRow(summary, 'claim2-verifier-weak', 'verifier', weakT, 'first_generation_above_half');
  const weak = crossing ? `; weak start (P_0(A)=0.01) first exceeds ${ACCURACY_THRESHOLD} at generation ${fmtInterval(crossing)}` : '';
  const statement =
    `claim2 ${label}: accuracy_${T} verifier ${fmtInterval(verifier)} vs none ${fmtInterval(none)}, ` +
    `difference ${fmt(gain.difference)} [${fmt(gain.low)}, ${fmt(gain.high)}] for ${fmtInterval(bits)} injected bits; ` +
    `bound log2(a_T/a_0) ≤ Σ bits per kept sample ${boundHolds ? 'holds in every run' : 'FAILS in some run'} (min slack ${fmt(slack.mean)} bits)${weak}` +
    // The gym part is a clause of its own; the label above stays the categorical rule's.
    (summary.some((row) => row.experiment === GYM_EXPERIMENT) ? `; ${gymClause(summary)}` : '');
  return { claim: 'claim2', label, statement };
}

export const claim2: ClaimDefinition = {
  name: 'claim2',
  title: 'external signals open the loop',
  experiments: [verifierExperiment, weakStartExperiment, gymExperiment],
  verdict: (summary) => claim2Verdict(summary),
};
