/**
 * Claim 3's verdict, decided by the gym with the transformer (gym.ts). At equal injected bits, the
 * held-out accuracy gained per bit on each held-out axis (form, difficulty, family) for each
 * method. One family of nine tests, Holm-corrected together at FAMILY_ALPHA (tests.ts): per method
 * and axis, gain per bit > 0 (one-sided t: transfer); per axis, verifier − imitation (two-sided
 * Welch). "inconclusive" when no gain test rejects (nothing transfers: held-out accuracy does not
 * move for either method, so the comparison has nothing to compare); otherwise "not supported" if
 * some axis's difference rejects with imitation ahead, "supported" if some axis's difference
 * rejects with the verifier ahead and none with imitation ahead, else "inconclusive".
 *
 * The exact model (exact-model.ts) is a worked example reported beside it and never decides: both
 * methods have the same accuracy per example there and differ only in price, so its result restates
 * that assumption.
 */
import { finalGeneration, fmt, fmtInterval, rowAt, rowDifference } from '../../summary/rows.js';
import type { RowRef, SummaryRow, Verdict, VerdictLabel } from '../../types.js';
import { exactMetric, manyAnswers, singleAnswer, type Method } from './exact-model.js';
import { CLAIM3_GYM, claim3GymAxes, gymMeasure, perBitMetric } from './gym.js';
import { claim3Tests, type AxisRows, type FamilyTest } from './tests.js';

/** The null value of every gain and difference tested. */
export const NO_DIFFERENCE = 0;
/** Family-wise error rate of the nine gym tests (Holm). */
export const FAMILY_ALPHA = 0.05;

/** The rule's named thresholds and its pre-registered family of comparisons (hashed with the settings: summary/rules.ts). */
export const claim3Rule = {
  thresholds: { NO_DIFFERENCE, FAMILY_ALPHA, WELCH_LEVEL: 0.95 },
  comparison:
    'claim3-gym, held-out accuracy gained per bit at equal injected bits on each axis (form, difficulty, family): ' +
    'per method gain > 0 (one-sided t) and verifier − imitation (two-sided Welch), nine tests Holm-corrected at 0.05; ' +
    'inconclusive unless some gain rejects; not supported if imitation is ahead on some axis; supported if the verifier is ahead on some axis and imitation on none',
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

/** The label from the family of tests (see the header). */
export function decideClaim3(tests: readonly FamilyTest[]): VerdictLabel {
  const transfers = tests.some((test) => test.kind === 'gain' && test.rejected);
  const ahead = tests.filter((test) => test.kind === 'difference' && test.rejected);
  if (!transfers) return 'inconclusive';
  if (ahead.some((test) => test.estimate < NO_DIFFERENCE)) return 'not supported';
  return ahead.some((test) => test.estimate > NO_DIFFERENCE) ? 'supported' : 'inconclusive';
}

/** The gym's per-axis rows at the last generation, or null when a method's row of some axis is missing. */
function axisRows(summary: SummaryRow[]): AxisRows[] | null {
  const T = finalGeneration(summary, CLAIM3_GYM);
  const rows = claim3GymAxes.map((axis) => {
    const metric = perBitMetric(gymMeasure.heldoutByAxis(axis));
    return { axis, verifier: rowAt(summary, ref(CLAIM3_GYM, 'verifier', metric), T), imitation: rowAt(summary, ref(CLAIM3_GYM, 'imitation', metric), T) };
  });
  return rows.every((row) => row.verifier && row.imitation) ? (rows as AxisRows[]) : null;
}

const fmtP = (p: number) => (p < 1e-4 ? p.toExponential(1) : String(Number(p.toPrecision(2))));

export function claim3Verdict(summary: SummaryRow[]): Verdict {
  const rows = axisRows(summary);
  const exact = exactModelText(summary);
  if (!rows) {
    return { claim: 'claim3', label: 'inconclusive', statement: `claim3 inconclusive: the gym results (claim3-gym) are missing. ${exact}` };
  }
  const tests = claim3Tests(rows, NO_DIFFERENCE, FAMILY_ALPHA);
  const label = decideClaim3(tests);
  const transfers = tests.some((test) => test.kind === 'gain' && test.rejected);
  const why = !transfers
    ? 'nothing transferred: neither method moved held-out accuracy on any axis beyond noise (no gain per bit above 0 after Holm correction), so the gym cannot compare them'
    : label === 'supported'
      ? 'held-out accuracy moved, and the verifier gained more per bit than imitation on some axis and less on none'
      : label === 'not supported'
        ? 'held-out accuracy moved, and imitation gained more per bit than the verifier on some axis'
        : 'held-out accuracy moved, but neither method gained more per bit on any axis';
  const bits = rows[0].verifier as SummaryRow;
  const budget = typeof bits.params?.bits === 'number' ? fmt(bits.params.bits) : '?';
  const shown = rows
    .map(({ axis, verifier, imitation }) => {
      const of = (name: string) => tests.find((test) => test.name === name)!;
      return (
        `${axis}: verifier ${fmtInterval(verifier as SummaryRow)} (Holm p ${fmtP(of(`verifier gain on ${axis}`).adjusted)}) vs ` +
        `imitation ${fmtInterval(imitation as SummaryRow)} (Holm p ${fmtP(of(`imitation gain on ${axis}`).adjusted)}), ` +
        `difference Holm p ${fmtP(of(`verifier − imitation on ${axis}`).adjusted)}`
      );
    })
    .join('; ');
  const statement =
    `claim3 ${label} (gym, transformer): ${why}. Held-out accuracy gained per bit at ${budget} equal bits, by held-out axis: ${shown}` +
    `${gymExtra(summary)}. ${exact}`;
  return { claim: 'claim3', label, statement };
}

/** Overall held-out and in-distribution gain per bit, shown beside the decisive rows. */
function gymExtra(summary: SummaryRow[]): string {
  const T = finalGeneration(summary, CLAIM3_GYM);
  return GYM_SHOWN.filter(({ name }) => !(claim3GymAxes as readonly string[]).includes(name))
    .map(({ metric, name }) => {
      const v = rowAt(summary, ref(CLAIM3_GYM, 'verifier', metric), T);
      const i = rowAt(summary, ref(CLAIM3_GYM, 'imitation', metric), T);
      return v && i ? `; ${name} ${fmtInterval(v)} vs ${fmtInterval(i)}` : '';
    })
    .join('');
}

/** The exact model, a worked example that does not decide: same accuracy per example by construction, so only the price differs. */
export function exactModelText(summary: SummaryRow[]): string {
  const at = (experiment: string, method: Method, metric: string) => rowAt(summary, ref(experiment, method, metric), finalGeneration(summary, experiment));
  const verifier = at(manyAnswers.experiment, 'verifier', exactMetric.efficiencyAtEqualBits);
  const imitation = at(manyAnswers.experiment, 'imitation', exactMetric.efficiencyAtEqualBits);
  if (!verifier || !imitation) return 'Worked example (exact model): results missing.';
  const difference = rowDifference(verifier, imitation);
  const bits = typeof verifier.params.bits === 'number' ? ` at ${fmt(verifier.params.bits)} bits` : '';
  const pair = (experiment: string, metric: string, name: string) => {
    const v = at(experiment, 'verifier', metric);
    const i = at(experiment, 'imitation', metric);
    return v && i ? `; ${name} ${fmtInterval(v)} vs ${fmtInterval(i)}` : '';
  };
  return (
    'Worked example, not deciding (exact model: both methods gain the same accuracy per example by construction and differ only in price): ' +
    `held-out accuracy gained per bit${bits}, verifier ${fmtInterval(verifier)} vs imitation ${fmtInterval(imitation)}, ` +
    `difference ${fmt(difference.difference)} [${fmt(difference.low)}, ${fmt(difference.high)}]` +
    pair(manyAnswers.experiment, exactMetric.heldoutAccuracy, 'held-out accuracy at the horizon') +
    pair(singleAnswer.experiment, exactMetric.efficiencyAtEqualBits, 'single-answer control per bit') +
    '.'
  );
}
