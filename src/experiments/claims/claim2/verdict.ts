/**
 * Claim 2's verdict. At the last generation T of the K=100 experiment, the Welch 95% CI of
 * accuracy(verifier) − accuracy(none). "supported" if it lies above 0 and the bound
 * log2(a_T/a_0) ≤ Σ bits per kept sample holds in every verifier run (minimum slack ≥ 0);
 * "not supported" if it lies at or below 0 or the bound fails in some run; otherwise "inconclusive".
 *
 * The gym clause (gym.ts) is stated with its own label and never changes this one: at the last
 * generation, the Welch CI of accuracy(verifier) − accuracy(none) on the four families, "supported"
 * if above 0 with the bound holding in every open run (verifier, rubric, environment), "not
 * supported" if at or below 0 or the bound fails, else "inconclusive".
 */
import { finalGeneration, fmt, fmtInterval, rowAt, rowDifference } from '../../summary/rows.js';
import type { RowRef, SummaryRow, Verdict, VerdictLabel } from '../../types.js';
import { boundMetric } from './bound.js';
import { ACCURACY_THRESHOLD, openingMetric, VERIFIER_EXPERIMENT, WEAK_START_EXPERIMENT, type OpeningSignal } from './categorical.js';
import { GYM_EXPERIMENT, gymMetric, type GymVariant } from './gym.js';

/** The bound holds when every run's slack is at least this many bits. */
export const MIN_BOUND_SLACK_BITS = 0;

/** The rule's named thresholds and its one pre-registered comparison (hashed with the settings: summary/rules.ts). */
export const claim2Rule = {
  thresholds: { MIN_BOUND_SLACK_BITS, ACCURACY_THRESHOLD, WELCH_LEVEL: 0.95 },
  comparison: 'accuracy(verifier) − accuracy(none) at the last generation of claim2-verifier-categorical (Welch 95% CI)',
} as const;

const opening = (variant: OpeningSignal, metric: string): RowRef => ({ experiment: VERIFIER_EXPERIMENT, variant, metric });
const rows = {
  verifier: opening('verifier', openingMetric.accuracy),
  none: opening('none', openingMetric.accuracy),
  slack: opening('verifier', boundMetric.minSlack),
  bits: opening('verifier', openingMetric.injectedBitsCum),
  crossing: { experiment: WEAK_START_EXPERIMENT, variant: 'verifier' satisfies OpeningSignal, metric: openingMetric.firstGenerationAboveHalf },
} satisfies Record<string, RowRef>;

const gym = (variant: GymVariant, metric: string): RowRef => ({ experiment: GYM_EXPERIMENT, variant, metric });
/** Open gym variants: their signals read the task, so the bound applies. */
const GYM_OPEN: GymVariant[] = ['verifier', 'rubric', 'grid-verifier', 'grid-environment'];
const GYM_SHOWN: GymVariant[] = ['verifier', 'rubric', 'none', 'self-judge', 'majority'];
const GRID_SHOWN: GymVariant[] = ['grid-environment', 'grid-verifier', 'grid-none'];
const GYM_HELDOUT: GymVariant[] = ['verifier', 'none'];

/** Every row the verdict reads. */
export const claim2Reads: RowRef[] = [
  ...Object.values(rows),
  ...GYM_OPEN.map((variant) => gym(variant, boundMetric.minSlack)),
  ...[...GYM_SHOWN, ...GRID_SHOWN].map((variant) => gym(variant, gymMetric.accuracy)),
  ...GYM_HELDOUT.map((variant) => gym(variant, gymMetric.heldoutAccuracy)),
  gym('verifier', gymMetric.injectedBitsCum),
];

function decide(gain: { low: number; high: number }, boundHolds: boolean): VerdictLabel {
  return gain.low > 0 && boundHolds ? 'supported' : gain.high <= 0 || !boundHolds ? 'not supported' : 'inconclusive';
}

export function claim2Verdict(summary: SummaryRow[]): Verdict {
  const T = finalGeneration(summary, VERIFIER_EXPERIMENT);
  const verifier = rowAt(summary, rows.verifier, T);
  const none = rowAt(summary, rows.none, T);
  const slack = rowAt(summary, rows.slack, T);
  const bits = rowAt(summary, rows.bits, T);
  if (!verifier || !none || !slack || !bits) {
    return { claim: 'claim2', label: 'inconclusive', statement: 'claim2 inconclusive: the verifier or none results are missing' };
  }
  const gain = rowDifference(verifier, none);
  const boundHolds = slack.mean >= MIN_BOUND_SLACK_BITS;
  const label = decide(gain, boundHolds);
  const crossing = rowAt(summary, rows.crossing, finalGeneration(summary, WEAK_START_EXPERIMENT));
  const weak = crossing ? `; weak start (P_0(A)=0.01) first exceeds ${ACCURACY_THRESHOLD} at generation ${fmtInterval(crossing)}` : '';
  const statement =
    `claim2 ${label}: accuracy_${T} verifier ${fmtInterval(verifier)} vs none ${fmtInterval(none)}, ` +
    `difference ${fmt(gain.difference)} [${fmt(gain.low)}, ${fmt(gain.high)}] for ${fmtInterval(bits)} injected bits; ` +
    `bound log2(a_T/a_0) ≤ Σ bits per kept sample ${boundHolds ? 'holds in every run' : 'FAILS in some run'} (min slack ${fmt(slack.mean)} bits)${weak}` +
    // The gym part is a clause of its own; the label above stays the categorical rule's.
    (summary.some((row) => row.experiment === GYM_EXPERIMENT) ? `; ${gymClause(summary)}` : '');
  return { claim: 'claim2', label, statement };
}

/** Every open variant's minimum slack, or null when a slack row is missing. */
function minimumSlack(summary: SummaryRow[], T: number): number | null {
  const slacks = GYM_OPEN.map((variant) => rowAt(summary, gym(variant, boundMetric.minSlack), T));
  if (slacks.some((row) => !row)) return null;
  return Math.min(...slacks.map((row) => row!.mean));
}

/** The gym clause of the verdict (its label is stated in the clause only). */
export function gymClause(summary: SummaryRow[]): string {
  const T = finalGeneration(summary, GYM_EXPERIMENT);
  const at = (variant: GymVariant, metric: string) => rowAt(summary, gym(variant, metric), T);
  const verifier = at('verifier', gymMetric.accuracy);
  const none = at('none', gymMetric.accuracy);
  const slack = minimumSlack(summary, T);
  if (!verifier || !none || slack === null) return 'gym: inconclusive (results missing)';
  const gain = rowDifference(verifier, none);
  const boundHolds = slack >= MIN_BOUND_SLACK_BITS;
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
    `; bound ${boundHolds ? 'holds in every open run' : 'FAILS in some open run'} (min slack ${fmt(slack)} bits)`
  );
}
