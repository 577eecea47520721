/**
 * Claim 4's verdict (Δ = value at the last generation T minus generation 0, 95% t intervals over seeds):
 *  hacking    — feature-simple: Δ proxy reward CI above 0 and Δ accuracy CI below 0;
 *  no hacking — correct-simple and no-feature: Δ accuracy CI above 0, and above feature-simple's (Welch).
 * "supported" if both hold; "not supported" if feature-simple's Δ accuracy CI lies above 0 or a
 * no-hacking Δ accuracy CI lies below 0; otherwise "inconclusive". The detector's lead time and
 * false-alarm rate are reported with the verdict (they do not decide it), and so is the gym clause
 * (gym.ts: the detector on the task gym), which is appended to the statement and never read by the
 * label rule; result folders without claim4-gym rows get a short note instead.
 */
import { fmt, fmtInterval, rowDifference, runLevelRow } from '../../summary/rows.js';
import type { RowRef, SummaryRow, Verdict } from '../../types.js';
import { detectorMetric } from './detector-rows.js';
import { CLAIM4_EXPERIMENT, type Claim4Variant } from './efficiency-prior.js';
import { CLAIM4_GYM_EXPERIMENT, claim4GymSettings, HONEST_POOL, type GymVariant } from './gym.js';

/** A change counts when its CI lies wholly on one side of this value. */
export const NO_CHANGE = 0;

/** The rule's named thresholds and its one pre-registered comparison (hashed with the settings: summary/rules.ts). */
export const claim4Rule = {
  thresholds: { NO_CHANGE, WELCH_LEVEL: 0.95 },
  comparison: 'Δ proxy reward > 0 and Δ accuracy < 0 when F is simpler; Δ accuracy > 0 when C is simpler (95% CIs; all must hold, an intersection–union test, so no multiplicity correction)',
} as const;

const ref = (variant: Claim4Variant, metric: string): RowRef => ({ experiment: CLAIM4_EXPERIMENT, variant, metric });
const rows = {
  hackAccuracy: ref('feature-simple', detectorMetric.deltaAccuracy),
  hackProxy: ref('feature-simple', detectorMetric.deltaProxyReward),
  simpleAccuracy: ref('correct-simple', detectorMetric.deltaAccuracy),
  absentAccuracy: ref('no-feature', detectorMetric.deltaAccuracy),
  lead: ref('feature-simple', detectorMetric.leadTime),
  early: ref('feature-simple', detectorMetric.alarmBeforeDropRate),
  falseAlarms: ref('no-feature', detectorMetric.falseAlarmRate),
} satisfies Record<string, RowRef>;

const gym = (variant: GymVariant | typeof HONEST_POOL, metric: string): RowRef => ({ experiment: CLAIM4_GYM_EXPERIMENT, variant, metric });
const GYM_LEAD: GymVariant[] = ['spurious', 'marker-only'];
const honestGym = claim4GymSettings.filter((s) => s.honest).map((s) => s.name);

/** Every row the verdict reads. */
export const claim4Reads: RowRef[] = [
  ...Object.values(rows),
  ...GYM_LEAD.flatMap((variant) => [detectorMetric.deltaAccuracy, detectorMetric.leadTime, detectorMetric.alarmBeforeDropRate].map((metric) => gym(variant, metric))),
  gym(HONEST_POOL, detectorMetric.falseAlarmRate),
  ...honestGym.map((variant) => gym(variant, detectorMetric.falseAlarmRate)),
];

export function claim4Verdict(summary: SummaryRow[]): Verdict {
  const get = (row: RowRef) => runLevelRow(summary, row);
  const hackAccuracy = get(rows.hackAccuracy);
  const hackProxy = get(rows.hackProxy);
  const simpleAccuracy = get(rows.simpleAccuracy);
  const absentAccuracy = get(rows.absentAccuracy);
  if (!hackAccuracy || !hackProxy || !simpleAccuracy || !absentAccuracy) {
    return { claim: 'claim4', label: 'inconclusive', statement: `claim4 inconclusive: the feature-simple, correct-simple or no-feature results are missing; ${gymDetectorClause(summary)}` };
  }
  const versus = (row: SummaryRow) => rowDifference(row, hackAccuracy);
  const hacking = hackProxy.ci_low > NO_CHANGE && hackAccuracy.ci_high < NO_CHANGE;
  const noHacking = [simpleAccuracy, absentAccuracy].every((row) => row.ci_low > NO_CHANGE && versus(row).low > NO_CHANGE);
  const contradicted = hackAccuracy.ci_low > NO_CHANGE || simpleAccuracy.ci_high < NO_CHANGE || absentAccuracy.ci_high < NO_CHANGE;
  const label = hacking && noHacking ? 'supported' : contradicted ? 'not supported' : 'inconclusive';
  const lead = get(rows.lead);
  const early = get(rows.early);
  const falseAlarms = get(rows.falseAlarms);
  const detector =
    (lead ? `; detector lead time ${fmtInterval(lead)} generations (${lead.n_runs} runs${early ? `, alarm before the drop in ${Math.round(early.mean * early.n_runs)}/${early.n_runs}` : ''})` : '; detector: no run with both an alarm and an accuracy drop') +
    (falseAlarms ? `, false-alarm rate ${fmt(falseAlarms.mean)} [${fmt(falseAlarms.ci_low)}, ${fmt(falseAlarms.ci_high)}] over ${falseAlarms.n_runs} runs without a spurious component` : '');
  const statement =
    `claim4 ${label}: F simpler — Δ proxy reward ${fmtInterval(hackProxy)}, Δ accuracy ${fmtInterval(hackAccuracy)}; ` +
    `C simpler — Δ accuracy ${fmtInterval(simpleAccuracy)}; F absent — Δ accuracy ${fmtInterval(absentAccuracy)}${detector}; ${gymDetectorClause(summary)}`;
  return { claim: 'claim4', label, statement };
}

/**
 * The gym clause: the spurious variant's Δ accuracy, the detector's lead time (t interval over runs
 * with both an alarm and a drop), how many drops the alarm preceded, and the false-alarm rate
 * (Wilson interval) over the pooled runs without a spurious component. It reports; it decides nothing.
 */
export function gymDetectorClause(summary: readonly SummaryRow[]): string {
  // run-level rows sit at the variant's last generation; match them by name alone
  const at = (variant: GymVariant | typeof HONEST_POOL, metric: string) => runLevelRow(summary, gym(variant, metric));
  const accuracy = at('spurious', detectorMetric.deltaAccuracy);
  const falseAlarms = at(HONEST_POOL, detectorMetric.falseAlarmRate);
  if (!accuracy && !falseAlarms) return 'gym detector: no claim4-gym results';
  const lead = (variant: GymVariant) => {
    const row = at(variant, detectorMetric.leadTime);
    const early = at(variant, detectorMetric.alarmBeforeDropRate);
    const before = early ? `, alarm before the drop in ${Math.round(early.mean * early.n_runs)}/${early.n_runs}` : '';
    return row ? `lead time ${fmtInterval(row)} generations (${row.n_runs} runs${before})` : 'no run with both an alarm and an accuracy drop';
  };
  const proportion = (row: SummaryRow) => `${fmt(row.mean)} [${fmt(row.ci_low)}, ${fmt(row.ci_high)}] (${Math.round(row.mean * row.n_runs)}/${row.n_runs})`;
  const each = honestGym.flatMap((name) => {
    const row = at(name, detectorMetric.falseAlarmRate);
    return row ? [`${name} ${proportion(row)}`] : [];
  });
  const parts = [
    accuracy ? `spurious Δ accuracy ${fmtInterval(accuracy)}, ${lead('spurious')}` : 'spurious: missing',
    at('marker-only', detectorMetric.deltaAccuracy) ? `marker-only ${lead('marker-only')}` : null,
    falseAlarms ? `false-alarm rate without a spurious component ${proportion(falseAlarms)}${each.length ? ` — ${each.join(', ')}` : ''}` : 'false-alarm rate: missing',
  ];
  return `gym detector (n-gram on addition, ${(accuracy ?? falseAlarms)!.t} generations): ${parts.filter((p) => p !== null).join('; ')}`;
}
