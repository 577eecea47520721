/**
 * Claim 2's verdict, decided by the stochastic setting (claim2-verifier-noisy: n = 50, verifier flip
 * 0.2, where sampling noise could have hidden the gain). At its last generation T, the Welch 95% CI
 * of accuracy(verifier) − accuracy(none) — the one pre-registered comparison. "supported" if it
 * lies above 0 and the bound log2(a_T/a_0) ≤ Σ shift bits per kept sample holds in every variant,
 * closed ones included (no variant's mean slack below MIN_BOUND_SLACK_BITS by a one-sided t test,
 * Holm-corrected over the variants at BOUND_ALPHA: a single run may dip below by sampling noise);
 * "not supported" if the CI lies at or below 0 or the bound fails; otherwise "inconclusive".
 *
 * Reported beside it, not deciding it: the deterministic clean-verifier loop (a_t = 1 − 0.9·0.5^t,
 * a worked example), gap_bits beside accuracy, and sharpening — closed variants whose accuracy
 * rises (accuracy_gain CI above 0) with 0 injected bits, which the data processing inequality
 * allows because accuracy is not task information.
 *
 * The gym clause is stated with its own label and never changes this one: at the last generation,
 * the Welch CI of accuracy(verifier) − accuracy(none) on the four families, "supported" if above 0
 * with the bound holding in every variant (same test), "not supported" if at or below 0 or the
 * bound fails, else "inconclusive".
 */
import { finalGeneration, fmt, fmtInterval, rowAt, rowDifference } from '../../summary/rows.js';
import type { RowRef, SummaryRow, Verdict, VerdictLabel } from '../../types.js';
import { boundMetric, boundViolated } from './bound.js';
import { ACCURACY_THRESHOLD, NOISY_EXPERIMENT, noisy, openingMetric, VERIFIER_EXPERIMENT, WEAK_START_EXPERIMENT, type OpeningSignal } from './categorical.js';
import { GYM_EXPERIMENT, gymMetric, type GymVariant } from './gym.js';

/** The bound's null value: a variant's mean slack (bits) is expected to be at least this. */
export const MIN_BOUND_SLACK_BITS = 0;
/** Family-wise level of the Holm-corrected test that some variant's mean slack lies below 0. */
export const BOUND_ALPHA = 0.05;

/** The rule's named thresholds and its one pre-registered comparison (hashed with the settings: summary/rules.ts). */
export const claim2Rule = {
  thresholds: { MIN_BOUND_SLACK_BITS, BOUND_ALPHA, ACCURACY_THRESHOLD, WELCH_LEVEL: 0.95, NOISY_N: noisy.n, NOISY_FLIP: noisy.flip },
  comparison: 'accuracy(verifier) − accuracy(none) at the last generation of claim2-verifier-noisy (Welch 95% CI); the bound on shift bits: no variant’s mean slack below 0 (one-sided t, Holm over variants)',
} as const;

const at = (experiment: string) => (variant: OpeningSignal, metric: string): RowRef => ({ experiment, variant, metric });
const decisive = at(NOISY_EXPERIMENT);
const worked = at(VERIFIER_EXPERIMENT);
const SIGNALS: OpeningSignal[] = ['verifier', 'none', 'self-judge'];
const rows = {
  verifier: decisive('verifier', openingMetric.accuracy),
  none: decisive('none', openingMetric.accuracy),
  bits: decisive('verifier', openingMetric.injectedBitsCum),
  gap: decisive('verifier', openingMetric.gapBits),
  workedVerifier: worked('verifier', openingMetric.accuracy),
  workedGap: worked('verifier', openingMetric.gapBits),
  crossing: { experiment: WEAK_START_EXPERIMENT, variant: 'verifier' satisfies OpeningSignal, metric: openingMetric.firstGenerationAboveHalf },
  weakGap: { experiment: WEAK_START_EXPERIMENT, variant: 'verifier' satisfies OpeningSignal, metric: openingMetric.gapBits },
} satisfies Record<string, RowRef>;
const slackRows = SIGNALS.map((variant) => decisive(variant, boundMetric.slack));
const gainRows = SIGNALS.map((variant) => decisive(variant, openingMetric.accuracyGain));

const gym = (variant: GymVariant, metric: string): RowRef => ({ experiment: GYM_EXPERIMENT, variant, metric });
/** Every gym variant is held to the bound on its shift, closed ones included. */
const GYM_BOUND: GymVariant[] = ['verifier', 'rubric', 'none', 'self-judge', 'majority', 'grid-verifier', 'grid-environment', 'grid-none'];
/** Closed gym variants, where a gain is sharpening. */
const GYM_CLOSED: GymVariant[] = ['none', 'self-judge', 'majority', 'grid-none'];
const GYM_SHOWN: GymVariant[] = ['verifier', 'rubric', 'none', 'self-judge', 'majority'];
const GRID_SHOWN: GymVariant[] = ['grid-environment', 'grid-verifier', 'grid-none'];
const GYM_HELDOUT: GymVariant[] = ['verifier', 'none'];

/** Every row the verdict reads. */
export const claim2Reads: RowRef[] = [
  ...Object.values(rows),
  ...slackRows,
  ...gainRows,
  ...GYM_BOUND.map((variant) => gym(variant, boundMetric.slack)),
  ...GYM_CLOSED.map((variant) => gym(variant, gymMetric.accuracyGain)),
  ...[...GYM_SHOWN, ...GRID_SHOWN].map((variant) => gym(variant, gymMetric.accuracy)),
  ...GYM_HELDOUT.map((variant) => gym(variant, gymMetric.heldoutAccuracy)),
  gym('verifier', gymMetric.injectedBitsCum),
];

function decide(gain: { low: number; high: number }, boundHolds: boolean): VerdictLabel {
  return gain.low > 0 && boundHolds ? 'supported' : gain.high <= 0 || !boundHolds ? 'not supported' : 'inconclusive';
}

/** Closed variants whose accuracy gain has a CI above 0: sharpening, with 0 injected bits. */
function sharpening(summary: SummaryRow[], refs: RowRef[], T: number): string {
  const gains = refs.map((ref) => ({ ref, row: rowAt(summary, ref, T) })).filter(({ row }) => row && row.ci_low > 0);
  return gains.length === 0
    ? 'no closed variant gains accuracy'
    : `sharpening (accuracy up with 0 injected bits, allowed: accuracy is not task information): ${gains.map(({ ref, row }) => `${ref.variant} +${fmtInterval(row!)}`).join(', ')}`;
}

export function claim2Verdict(summary: SummaryRow[]): Verdict {
  const T = finalGeneration(summary, NOISY_EXPERIMENT);
  const verifier = rowAt(summary, rows.verifier, T);
  const none = rowAt(summary, rows.none, T);
  const slacks = slackRows.map((ref) => rowAt(summary, ref, T));
  const bits = rowAt(summary, rows.bits, T);
  if (!verifier || !none || !bits || slacks.some((row) => !row)) {
    return { claim: 'claim2', label: 'inconclusive', statement: 'claim2 inconclusive: the noisy-verifier results are missing' };
  }
  const gain = rowDifference(verifier, none);
  const slack = Math.min(...slacks.map((row) => row!.mean));
  const boundHolds = !boundViolated(slacks as SummaryRow[], MIN_BOUND_SLACK_BITS, BOUND_ALPHA);
  const label = decide(gain, boundHolds);
  const gap0 = rowAt(summary, rows.gap, 0);
  const gapT = rowAt(summary, rows.gap, T);
  const gapText = gap0 && gapT ? `; gap_bits ${fmt(gap0.mean)} → ${fmtInterval(gapT)}` : '';
  const closedGains = gainRows.filter((ref) => ref.variant !== 'verifier');
  const Tw = finalGeneration(summary, VERIFIER_EXPERIMENT);
  const workedAccuracy = rowAt(summary, rows.workedVerifier, Tw);
  const workedGap = [rowAt(summary, rows.workedGap, 0), rowAt(summary, rows.workedGap, Tw)];
  const workedText = workedAccuracy
    ? `; worked example (clean verifier, n=200, deterministic a_t = 1 − 0.9·0.5^t): accuracy_${Tw} ${fmtInterval(workedAccuracy)}` +
      (workedGap[0] && workedGap[1] ? `, gap_bits ${fmt(workedGap[0].mean)} → ${fmtInterval(workedGap[1])}` : '')
    : '';
  const Tk = finalGeneration(summary, WEAK_START_EXPERIMENT);
  const crossing = rowAt(summary, rows.crossing, Tk);
  const weakGap = [rowAt(summary, rows.weakGap, 0), rowAt(summary, rows.weakGap, Tk)];
  const weak = crossing
    ? `; weak start (P_0(A)=0.01) first exceeds ${ACCURACY_THRESHOLD} at generation ${fmtInterval(crossing)}` +
      (weakGap[0] && weakGap[1] ? ` while gap_bits goes ${fmt(weakGap[0].mean)} → ${fmtInterval(weakGap[1])} (a growing gap with rising accuracy: the verifier's bits buy correctness by concentrating on the few correct answers found first, not the target U_A)` : '')
    : '';
  const statement =
    `claim2 ${label}: noisy verifier (n=${noisy.n}, flip ${noisy.flip}) accuracy_${T} ${fmtInterval(verifier)} vs none ${fmtInterval(none)}, ` +
    `difference ${fmt(gain.difference)} [${fmt(gain.low)}, ${fmt(gain.high)}] for ${fmtInterval(bits)} injected bits${gapText}; ` +
    `bound log2(a_T/a_0) ≤ Σ shift bits per kept sample ${boundHolds ? 'holds' : 'FAILS'} in every variant, closed ones included (lowest mean slack ${fmt(slack)} bits; one-sided t, Holm over variants); ` +
    `${sharpening(summary, closedGains, T)}${workedText}${weak}` +
    // The gym part is a clause of its own; the label above stays the noisy categorical rule's.
    (summary.some((row) => row.experiment === GYM_EXPERIMENT) ? `; ${gymClause(summary)}` : '');
  return { claim: 'claim2', label, statement };
}

/** Every variant's mean-slack row, or null when one is missing. */
function gymSlacks(summary: SummaryRow[], T: number): SummaryRow[] | null {
  const slacks = GYM_BOUND.map((variant) => rowAt(summary, gym(variant, boundMetric.slack), T));
  return slacks.some((row) => !row) ? null : (slacks as SummaryRow[]);
}

/** The gym clause of the verdict (its label is stated in the clause only). */
export function gymClause(summary: SummaryRow[]): string {
  const T = finalGeneration(summary, GYM_EXPERIMENT);
  const at = (variant: GymVariant, metric: string) => rowAt(summary, gym(variant, metric), T);
  const verifier = at('verifier', gymMetric.accuracy);
  const none = at('none', gymMetric.accuracy);
  const slacks = gymSlacks(summary, T);
  if (!verifier || !none || slacks === null) return 'gym: inconclusive (results missing)';
  const gain = rowDifference(verifier, none);
  const slack = Math.min(...slacks.map((row) => row.mean));
  const boundHolds = !boundViolated(slacks, MIN_BOUND_SLACK_BITS, BOUND_ALPHA);
  const label = decide(gain, boundHolds);
  const show = (variant: GymVariant) => {
    const row = at(variant, gymMetric.accuracy);
    return row ? `${variant} ${fmtInterval(row)}` : `${variant} -`;
  };
  const [verifierHeldout, noneHeldout] = GYM_HELDOUT.map((variant) => at(variant, gymMetric.heldoutAccuracy));
  const start = rowAt(summary, gym('verifier', gymMetric.accuracy), 0);
  const bits = at('verifier', gymMetric.injectedBitsCum);
  return (
    `gym: ${label} — n-gram accuracy_${T} ${GYM_SHOWN.map(show).join(', ')}` +
    `${start ? ` (from ${fmt(start.mean)} at 0)` : ''}; verifier − none ${fmt(gain.difference)} [${fmt(gain.low)}, ${fmt(gain.high)}]` +
    `${bits ? ` for ${fmtInterval(bits)} injected bits` : ''}` +
    `${verifierHeldout && noneHeldout ? `; held-out verifier ${fmtInterval(verifierHeldout)} vs none ${fmtInterval(noneHeldout)}` : ''}` +
    `; grid-walk ${GRID_SHOWN.map(show).join(', ')}` +
    `; bound on shift bits ${boundHolds ? 'holds' : 'FAILS'} in every variant (lowest mean slack ${fmt(slack)} bits); ${sharpening(summary, GYM_CLOSED.map((variant) => gym(variant, gymMetric.accuracyGain)), T)}`
  );
}
