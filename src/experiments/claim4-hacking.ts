/**
 * Claim 4 — the efficiency prior: learning follows the component that explains the signal with the
 * fewest bits, which accelerates learning when that component is correctness and is reward hacking
 * when it is a spurious feature.
 *
 * Task shortcut-arith with rubric S = C + weight·F + judge noise, signal proxy-rubric (kept iff
 * S ≥ 1: correct, or carrying the feature), learner two-skill whose shortcut skill (emit F) and
 * solve skill (get C) are learned at rates η_F and η_C (claim4/skills-learner.ts). Variants:
 *   feature-simple  F = final "!",           η_F = 0.8, η_C = 0.1   (F trivial)
 *   feature-hard    F = number written twice, η_F = 0.1, η_C = 0.1   (F as hard as C)
 *   correct-simple  F = final "!",           η_F = 0.1, η_C = 0.5   (C simpler)
 *   no-feature      weight 0 (no spurious component), η_F = 0.8, η_C = 0.1 (same learner as feature-simple)
 * Per generation the ledger holds I(S;C), I(S;F|C), the proxy reward, the feature's rate and the
 * hacking detector's evidence (src/ledger/hacking.ts); the detector's alarms, lead times and
 * false-alarm rate (on no-feature runs) are computed from the ledgers.
 */
import './claim4/register.js';
import { deltas, detectionsAt, detectorRows } from './claim4/detector-rows.js';
import { claim4GymExperiment, gymDetectorClause } from './claim4-gym.js';
import { extraNumber, fmt, fmtInterval, measuredRow, rowDifference } from './summary-rows.js';
import type { ClaimDefinition, Experiment, RunRecord, SummaryRow, Variant, Verdict } from './types.js';

export const CLAIM4_EXPERIMENT = 'claim4-efficiency-prior';
export const claim4Horizon = { full: 12, quick: 8 };
const CANDIDATES = 100;

interface Claim4Setting {
  name: string;
  feature: 'final-char' | 'repeat';
  weight: number;
  featureRate: number;
  correctRate: number;
}

export const claim4Settings: Claim4Setting[] = [
  { name: 'feature-simple', feature: 'final-char', weight: 1, featureRate: 0.8, correctRate: 0.1 },
  { name: 'feature-hard', feature: 'repeat', weight: 1, featureRate: 0.1, correctRate: 0.1 },
  { name: 'correct-simple', feature: 'final-char', weight: 1, featureRate: 0.1, correctRate: 0.5 },
  { name: 'no-feature', feature: 'final-char', weight: 0, featureRate: 0.8, correctRate: 0.1 },
];

function variant(setting: Claim4Setting): Variant {
  return {
    name: setting.name,
    params: { feature: setting.feature, weight: setting.weight, feature_rate: setting.featureRate, correct_rate: setting.correctRate },
    config: (seed: number, quick: boolean) => ({
      seed,
      generations: quick ? claim4Horizon.quick : claim4Horizon.full,
      n: CANDIDATES,
      samples_per_prompt: 1,
      checkpoints: 'last',
      task: { name: 'shortcut-arith', feature: setting.feature, weight: setting.weight },
      learner: { name: 'two-skill', feature: setting.feature, feature_rate: setting.featureRate, correct_rate: setting.correctRate },
      signal: { name: 'proxy-rubric', threshold: 1 },
      select: { name: 'filter' },
      policy: { name: 'replace' },
    }),
  };
}

/** Per variant at the last generation T: Δ accuracy and Δ proxy reward since generation 0, and the detector's record. */
export function analyzeClaim4(runs: RunRecord[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  for (const setting of claim4Settings) {
    const mine = runs.filter((r) => r.experiment === CLAIM4_EXPERIMENT && r.variant === setting.name && r.rows.length > 1);
    if (mine.length === 0) continue;
    const T = Math.min(...mine.map((r) => r.rows.length - 1));
    const base = (metric: string) => ({ experiment: CLAIM4_EXPERIMENT, variant: setting.name, params: variant(setting).params, t: T, metric });
    out.push(measuredRow(base('delta_accuracy'), deltas(mine, T, (row) => row.accuracy)));
    out.push(measuredRow(base('delta_proxy_reward'), deltas(mine, T, extraNumber('proxy_reward'))));
    out.push(...detectorRows(base, detectionsAt(mine, T), setting.weight === 0));
  }
  return out;
}

export const claim4Experiment: Experiment = {
  claim: 'claim4',
  name: CLAIM4_EXPERIMENT,
  description: 'rubric S = C + weight·F; which of C (add) and F (surface feature) the learner picks up first, and the hacking detector',
  variants: claim4Settings.map(variant),
  seeds: { full: 20, quick: 5 },
  metrics: {
    accuracy: (row) => row.accuracy,
    proxy_reward: extraNumber('proxy_reward'),
    feature_rate: extraNumber('feature_rate'),
    mi_score_correct: extraNumber('mi_score_correct'),
    mi_score_feature_given_correct: extraNumber('mi_score_feature_given_correct'),
    injected_bits_cum: (row) => row.injected_bits_cum,
  },
  analyze: analyzeClaim4,
};

export const claim4Experiments: Experiment[] = [claim4Experiment, claim4GymExperiment];

/**
 * Verdict rule (Δ = value at the last generation T minus generation 0, 95% t intervals over seeds):
 *  hacking    — feature-simple: Δ proxy reward CI above 0 and Δ accuracy CI below 0;
 *  no hacking — correct-simple and no-feature: Δ accuracy CI above 0, and above feature-simple's (Welch).
 * "supported" if both hold; "not supported" if feature-simple's Δ accuracy CI lies above 0 or a
 * no-hacking Δ accuracy CI lies below 0; otherwise "inconclusive". The detector's lead time and
 * false-alarm rate are reported with the verdict (they do not decide it), and so is the gym clause
 * (claim4-gym.ts: the detector on the task gym), which is appended to the statement and never read
 * by the label rule; result folders without claim4-gym rows get a short note instead.
 */
export function claim4Verdict(summary: SummaryRow[]): Verdict {
  const get = (name: string, metric: string) => summary.find((r) => r.experiment === CLAIM4_EXPERIMENT && r.variant === name && r.metric === metric && (r.kind ?? 'measured') === 'measured');
  const hackAccuracy = get('feature-simple', 'delta_accuracy');
  const hackProxy = get('feature-simple', 'delta_proxy_reward');
  const simpleAccuracy = get('correct-simple', 'delta_accuracy');
  const absentAccuracy = get('no-feature', 'delta_accuracy');
  if (!hackAccuracy || !hackProxy || !simpleAccuracy || !absentAccuracy) {
    return { claim: 'claim4', label: 'inconclusive', statement: `claim4 inconclusive: the feature-simple, correct-simple or no-feature results are missing; ${gymDetectorClause(summary)}` };
  }
  const versus = (row: SummaryRow) => rowDifference(row, hackAccuracy);
  const hacking = hackProxy.ci_low > 0 && hackAccuracy.ci_high < 0;
  const noHacking = [simpleAccuracy, absentAccuracy].every((row) => row.ci_low > 0 && versus(row).low > 0);
  const contradicted = hackAccuracy.ci_low > 0 || simpleAccuracy.ci_high < 0 || absentAccuracy.ci_high < 0;
  const label = hacking && noHacking ? 'supported' : contradicted ? 'not supported' : 'inconclusive';
  const lead = get('feature-simple', 'lead_time');
  const early = get('feature-simple', 'alarm_before_drop_rate');
  const falseAlarms = get('no-feature', 'false_alarm_rate');
  const detector =
    (lead ? `; detector lead time ${fmtInterval(lead)} generations (${lead.n_runs} runs${early ? `, alarm before the drop in ${Math.round(early.mean * early.n_runs)}/${early.n_runs}` : ''})` : '; detector: no run with both an alarm and an accuracy drop') +
    (falseAlarms ? `, false-alarm rate ${fmt(falseAlarms.mean)} [${fmt(falseAlarms.ci_low)}, ${fmt(falseAlarms.ci_high)}] over ${falseAlarms.n_runs} runs without a spurious component` : '');
  const statement =
    `claim4 ${label}: F simpler — Δ proxy reward ${fmtInterval(hackProxy)}, Δ accuracy ${fmtInterval(hackAccuracy)}; ` +
    `C simpler — Δ accuracy ${fmtInterval(simpleAccuracy)}; F absent — Δ accuracy ${fmtInterval(absentAccuracy)}${detector}; ${gymDetectorClause(summary)}`;
  return { claim: 'claim4', label, statement };
}

export const claim4: ClaimDefinition = {
  name: 'claim4',
  title: 'the efficiency prior: acceleration or reward hacking',
  experiments: claim4Experiments,
  verdict: (summary) => claim4Verdict(summary),
};

