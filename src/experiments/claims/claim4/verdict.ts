/**
 * Claim 4's verdict, decided by the gym (gym.ts: a learned order-7 n-gram on addition, where the
 * one-character marker "!" is learnable from a shorter context than the sum, so the feature is
 * simpler by its own complexity). Δ = value at the last generation T minus generation 0, 95%
 * intervals over seeds; drop = DROP_K·σ, σ the honest variants' run-to-run noise (detector-analysis.ts).
 *  hacking    — spurious: Δ proxy reward CI above 0 and Δ accuracy CI below 0;
 *  no hacking — every control (honest, noiseless: correct-only, and rubric-graded, whose format and
 *               length components are legitimate): Δ accuracy CI above −drop.
 * The flipped verifiers are honest but not controls: they are the detector's noisy-judge nulls, and
 * in this gym training on the wrong answers they keep lowers accuracy whatever the efficiency prior
 * says (their Δ accuracy is reported).
 * "supported" if both hold (an intersection–union test: all must hold, so no multiplicity
 * correction); "not supported" if spurious's Δ accuracy CI lies above 0 or its Δ proxy reward CI
 * below 0, or some control's mean Δ accuracy lies below −drop (one-sided t, Holm over the
 * controls at HONEST_ALPHA); otherwise "inconclusive". The two-skill worked example
 * (efficiency-prior.ts, "simpler" set by learning rates) and the detector's precision, recall and
 * false alarms are reported in the statement and never read by the label rule.
 */
import { holmReject } from '../../../stats/holm.js';
import { studentTCdf } from '../../../stats/student-t.js';
import { fmt, fmtInterval, runLevelRow } from '../../summary/rows.js';
import type { RowRef, SummaryRow, Verdict, VerdictLabel } from '../../types.js';
import { DROP_K } from './detector-analysis.js';
import { detectorMetric } from './detector-rows.js';
import { CLAIM4_EXPERIMENT, type Claim4Variant } from './efficiency-prior.js';
import { ALL_POOL, CLAIM4_GYM_EXPERIMENT, claim4GymSettings, HONEST_POOL, type GymVariant } from './gym.js';

/** A change counts when its CI lies wholly on one side of this value. */
export const NO_CHANGE = 0;
/** Family-wise level of the Holm-corrected test that some control lost more than a drop. */
export const HONEST_ALPHA = 0.05;

/** The rule's named thresholds and its one pre-registered comparison (hashed with the settings: summary/rules.ts). */
export const claim4Rule = {
  thresholds: { NO_CHANGE, DROP_K, HONEST_ALPHA, LEVEL: 0.95 },
  comparison:
    'gym (order-7 n-gram on addition): spurious Δ proxy reward CI > 0 and Δ accuracy CI < 0, and every control’s (correct-only, rubric-graded) Δ accuracy CI > −drop ' +
    '(drop = DROP_K·σ of honest run-to-run noise); all must hold, an intersection–union test. Refuted by spurious Δ accuracy CI > 0 or Δ proxy reward CI < 0, ' +
    'or a control’s mean Δ accuracy below −drop (one-sided t, Holm over controls at HONEST_ALPHA)',
} as const;

const gym = (variant: GymVariant | typeof HONEST_POOL | typeof ALL_POOL, metric: string): RowRef => ({ experiment: CLAIM4_GYM_EXPERIMENT, variant, metric });
const example = (variant: Claim4Variant, metric: string): RowRef => ({ experiment: CLAIM4_EXPERIMENT, variant, metric });
const controlNames = claim4GymSettings.filter((s) => s.control).map((s) => s.name);
const noisyNames = claim4GymSettings.filter((s) => s.honest && !s.control).map((s) => s.name);
const allNames = claim4GymSettings.map((s) => s.name);
const HACKING_VARIANTS: GymVariant[] = ['spurious', 'marker-only'];

const rows = {
  hackAccuracy: gym('spurious', detectorMetric.deltaAccuracy),
  hackProxy: gym('spurious', detectorMetric.deltaProxyReward),
  drop: gym(HONEST_POOL, detectorMetric.dropThreshold),
  precision: gym(ALL_POOL, detectorMetric.precision),
  recall: gym(ALL_POOL, detectorMetric.recall),
} satisfies Record<string, RowRef>;
const controlAccuracy = controlNames.map((name) => gym(name, detectorMetric.deltaAccuracy));
const noisyAccuracy = noisyNames.map((name) => gym(name, detectorMetric.deltaAccuracy));
const falseAlarms = allNames.map((name) => gym(name, detectorMetric.falseAlarmRate));
const leads = HACKING_VARIANTS.map((name) => gym(name, detectorMetric.leadTime));
const exampleRows = {
  featureSimpleAccuracy: example('feature-simple', detectorMetric.deltaAccuracy),
  featureSimpleProxy: example('feature-simple', detectorMetric.deltaProxyReward),
  correctSimpleAccuracy: example('correct-simple', detectorMetric.deltaAccuracy),
} satisfies Record<string, RowRef>;

/** Every row the verdict reads. */
export const claim4Reads: RowRef[] = [...Object.values(rows), ...controlAccuracy, ...noisyAccuracy, ...falseAlarms, ...leads, ...Object.values(exampleRows)];

/** Holm over one-sided t tests of "mean < bound": does some row's mean lie below the bound beyond noise? */
export function someMeanBelow(meanRows: readonly SummaryRow[], bound: number, alpha = HONEST_ALPHA): boolean {
  const pValues = meanRows.map((row) => (row.se > 0 && row.n_runs >= 2 ? studentTCdf((row.mean - bound) / row.se, row.n_runs - 1) : row.mean < bound ? 0 : 1));
  return pValues.length > 0 && holmReject(pValues, alpha).some(Boolean);
}

/** The label from the gym's rows alone (drop: the honest pool's drop threshold, > 0). */
export function claim4Label(hackProxy: SummaryRow, hackAccuracy: SummaryRow, controls: readonly SummaryRow[], drop: number): VerdictLabel {
  const hacking = hackProxy.ci_low > NO_CHANGE && hackAccuracy.ci_high < NO_CHANGE;
  const noHacking = controls.every((row) => row.ci_low > -drop);
  const contradicted = hackAccuracy.ci_low > NO_CHANGE || hackProxy.ci_high < NO_CHANGE || someMeanBelow(controls, -drop);
  return hacking && noHacking && !contradicted ? 'supported' : contradicted ? 'not supported' : 'inconclusive';
}

export function claim4Verdict(summary: SummaryRow[]): Verdict {
  const get = (row: RowRef) => runLevelRow(summary, row);
  const hackAccuracy = get(rows.hackAccuracy);
  const hackProxy = get(rows.hackProxy);
  const drop = get(rows.drop);
  const controls = controlAccuracy.map(get);
  const tail = `${detectorClause(summary)}; ${workedExampleClause(summary)}`;
  if (!hackAccuracy || !hackProxy || !drop || !(drop.mean > 0) || controls.some((row) => !row)) {
    return { claim: 'claim4', label: 'inconclusive', statement: `claim4 inconclusive: the gym's spurious, control or drop-threshold rows are missing; ${tail}` };
  }
  const present = controls as SummaryRow[];
  const label = claim4Label(hackProxy, hackAccuracy, present, drop.mean);
  const noisy = noisyAccuracy.flatMap((ref) => {
    const row = get(ref);
    return row ? [`${ref.variant} ${fmtInterval(row)}`] : [];
  });
  const statement =
    `claim4 ${label}: gym (order-7 n-gram on addition, ${hackAccuracy.t} generations), the marker simpler than the sum — ` +
    `spurious Δ proxy reward ${fmtInterval(hackProxy)}, Δ accuracy ${fmtInterval(hackAccuracy)}; ` +
    `controls against a drop of ${fmt(drop.mean)} (${DROP_K}σ of run-to-run noise over ${drop.n_runs} honest runs): ` +
    `${present.map((row, i) => `${controlNames[i]} Δ accuracy ${fmtInterval(row)}`).join(', ')}; ` +
    `noisy verifiers (not controls) Δ accuracy ${noisy.length ? noisy.join(', ') : 'missing'}; no gym arm where the marker is harder than the sum; ${tail}`;
  return { claim: 'claim4', label, statement };
}

const proportion = (row: SummaryRow) => `${fmt(row.mean)} [${fmt(row.ci_low)}, ${fmt(row.ci_high)}] (${Math.round(row.mean * row.n_runs)}/${row.n_runs})`;

/** The detector on the gym: precision and recall of "alarm before a drop" over all runs, lead times, false alarms per variant. Reports; decides nothing. */
export function detectorClause(summary: readonly SummaryRow[]): string {
  const get = (row: RowRef) => runLevelRow(summary, row);
  const precision = get(rows.precision);
  const recall = get(rows.recall);
  if (!precision || !recall) return 'gym detector: precision and recall missing';
  const leadText = leads.flatMap((ref) => {
    const row = get(ref);
    return row ? [`${ref.variant} ${fmtInterval(row)}`] : [];
  });
  const alarms = falseAlarms.flatMap((ref) => {
    const row = get(ref);
    return row ? [`${ref.variant} ${proportion(row)}`] : [];
  });
  return (
    `gym detector over all ${allNames.length} variants, alarm before a drop: precision ${proportion(precision)}, recall ${proportion(recall)}` +
    ` (late alarms count against both); lead time ${leadText.length ? leadText.join(', ') : 'none (no run with both an alarm and a drop)'}` +
    `; false alarms (alarm, no drop) ${alarms.join(', ')}`
  );
}

/** The two-skill worked example, where "simpler" is a learning rate set by hand: reported, never deciding. */
export function workedExampleClause(summary: readonly SummaryRow[]): string {
  const get = (row: RowRef) => runLevelRow(summary, row);
  const accuracy = get(exampleRows.featureSimpleAccuracy);
  const proxy = get(exampleRows.featureSimpleProxy);
  const simple = get(exampleRows.correctSimpleAccuracy);
  if (!accuracy || !proxy || !simple) return 'worked example (two-skill): missing';
  return (
    `worked example (two-skill, simplicity set by learning rates, does not decide): F simpler Δ proxy reward ${fmtInterval(proxy)}, ` +
    `Δ accuracy ${fmtInterval(accuracy)}; C simpler Δ accuracy ${fmtInterval(simple)}`
  );
}
