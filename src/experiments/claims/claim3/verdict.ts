/**
 * Claim 3's verdict, on the many-answers experiment of the exact model: the Welch 95% CI of the
 * difference verifier − imitation in held-out accuracy gained per bit at exactly equal bits
 * (efficiency_at_equal_bits). "supported" if the CI lies above 0, "not supported" if it lies below
 * 0, otherwise "inconclusive". The per-bit efficiencies at the horizon and the single-answer control
 * are reported alongside.
 *
 * The gym clause (gym.ts, the transformer) is stated with its own label and never changes this one:
 * the Welch CI of verifier − imitation held-out accuracy gained per bit at equal bits (all three
 * held-out sets together), "supported" above 0, "not supported" below 0, else "inconclusive".
 */
import { finalGeneration, fmt, fmtInterval, rowAt, rowDifference } from '../../summary/rows.js';
import type { RowRef, SummaryRow, Verdict, VerdictLabel } from '../../types.js';
import { exactMetric, manyAnswers, singleAnswer, type Method } from './exact-model.js';
import { CLAIM3_GYM, claim3GymAxes, gymMeasure, perBitMetric } from './gym.js';

/** A difference counts when its CI lies wholly on one side of this value. */
export const NO_DIFFERENCE = 0;

/** The rule's named thresholds and its one pre-registered comparison (hashed with the settings: summary/rules.ts). */
export const claim3Rule = {
  thresholds: { NO_DIFFERENCE, WELCH_LEVEL: 0.95 },
  comparison: 'held-out accuracy gained per bit at equal injected bits, verifier − imitation (Welch 95% CI)',
} as const;

const METHODS: Method[] = ['verifier', 'imitation'];
const ref = (experiment: string, variant: Method, metric: string): RowRef => ({ experiment, variant, metric });
/** Exact-model rows shown as a pair (verifier, imitation). */
const EXACT_PAIRS = [
  { experiment: manyAnswers.experiment, metric: exactMetric.efficiencyAtEqualBits },
  { experiment: manyAnswers.experiment, metric: exactMetric.heldoutAccuracy },
  { experiment: singleAnswer.experiment, metric: exactMetric.efficiencyAtEqualBits },
];
/** Gym measures, each shown as verifier vs imitation gain per bit. */
const GYM_SHOWN: { metric: string; name: string }[] = [
  { metric: perBitMetric(gymMeasure.heldoutAccuracy), name: 'held-out' },
  ...claim3GymAxes.map((axis) => ({ metric: perBitMetric(gymMeasure.heldoutByAxis(axis)), name: axis })),
  { metric: perBitMetric(gymMeasure.accuracy), name: 'in-distribution' },
];

/** Every row the verdict reads. */
export const claim3Reads: RowRef[] = METHODS.flatMap((method) => [
  ...EXACT_PAIRS.map((pair) => ref(pair.experiment, method, pair.metric)),
  ...GYM_SHOWN.map((shown) => ref(CLAIM3_GYM, method, shown.metric)),
]);

function decide(difference: { low: number; high: number }): VerdictLabel {
  return difference.low > NO_DIFFERENCE ? 'supported' : difference.high < NO_DIFFERENCE ? 'not supported' : 'inconclusive';
}

export function claim3Verdict(summary: SummaryRow[]): Verdict {
  const at = (experiment: string, method: Method, metric: string) => rowAt(summary, ref(experiment, method, metric), finalGeneration(summary, experiment));
  const verifier = at(manyAnswers.experiment, 'verifier', exactMetric.efficiencyAtEqualBits);
  const imitation = at(manyAnswers.experiment, 'imitation', exactMetric.efficiencyAtEqualBits);
  if (!verifier || !imitation) {
    return { claim: 'claim3', label: 'inconclusive', statement: 'claim3 inconclusive: the many-answers verifier or imitation results are missing' };
  }
  const difference = rowDifference(verifier, imitation);
  const label = decide(difference);
  const bits = typeof verifier.params.bits === 'number' ? ` at ${fmt(verifier.params.bits)} bits` : '';
  const pair = (experiment: string, metric: string, name: string) => {
    const v = at(experiment, 'verifier', metric);
    const i = at(experiment, 'imitation', metric);
    return v && i ? `; ${name} ${fmtInterval(v)} vs ${fmtInterval(i)}` : '';
  };
  const statement =
    `claim3 ${label} (exact model): held-out accuracy gained per bit${bits}, verifier ${fmtInterval(verifier)} vs imitation ${fmtInterval(imitation)}, ` +
    `difference ${fmt(difference.difference)} [${fmt(difference.low)}, ${fmt(difference.high)}]` +
    pair(manyAnswers.experiment, exactMetric.heldoutAccuracy, 'held-out accuracy at the horizon') +
    pair(singleAnswer.experiment, exactMetric.efficiencyAtEqualBits, 'single-answer control per bit') +
    `. ${claim3GymClause(summary)}`;
  return { claim: 'claim3', label, statement };
}

/** The gym clause of the verdict (its label is stated in the clause only). */
export function claim3GymClause(summary: SummaryRow[]): string {
  const T = finalGeneration(summary, CLAIM3_GYM);
  const at = (method: Method, metric: string) => rowAt(summary, ref(CLAIM3_GYM, method, metric), T);
  const difference = (metric: string) => {
    const v = at('verifier', metric);
    const i = at('imitation', metric);
    return v && i ? rowDifference(v, i) : null;
  };
  const [overallMetric] = GYM_SHOWN;
  const overall = difference(overallMetric.metric);
  if (!overall) return 'gym (transformer): inconclusive (results missing)';
  const label = decide(overall);
  const bits = at('verifier', overallMetric.metric)?.params.bits;
  const show = ({ metric, name }: { metric: string; name: string }) => {
    const v = at('verifier', metric);
    const i = at('imitation', metric);
    return v && i ? `${name} ${fmtInterval(v)} vs ${fmtInterval(i)}` : `${name} -`;
  };
  return (
    `gym (transformer): ${label} — gain per bit at ${typeof bits === 'number' ? fmt(bits) : '?'} bits, verifier vs imitation: ` +
    GYM_SHOWN.map(show).join('; ') +
    `; held-out difference ${fmt(overall.difference)} [${fmt(overall.low)}, ${fmt(overall.high)}]`
  );
}
