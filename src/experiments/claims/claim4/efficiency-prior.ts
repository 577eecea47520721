/**
 * Claim 4's worked example (it is reported with the verdict and never decides it: which skill is
 * "simpler" is set here by hand, through learning rates, so the sign is built in; the gym, gym.ts,
 * decides). Learning follows the component that explains the signal with the fewest bits.
 *
 * Task shortcut-arith with rubric S = C + weight·F + judge noise, signal proxy-rubric (kept iff
 * S ≥ 1: correct, or carrying the feature), learner two-skill whose shortcut skill (emit F) and
 * solve skill (get C) are learned at rates η_F and η_C (skills-learner.ts). Variants:
 *   feature-simple  F = final "!",           η_F = 0.8, η_C = 0.1   (F trivial)
 *   feature-hard    F = number written twice, η_F = 0.1, η_C = 0.1   (F as hard as C)
 *   correct-simple  F = final "!",           η_F = 0.1, η_C = 0.5   (C simpler)
 *   no-feature      weight 0 (no spurious component), η_F = 0.8, η_C = 0.1 (same learner as feature-simple)
 * Per generation the ledger holds I(S;C), I(S;F|C), the proxy reward, the feature's rate and the
 * hacking detector's evidence (src/ledger/hacking.ts); the detector is scored on the gym only.
 */
import { extraNumber, measuredRow } from '../../summary/rows.js';
import type { Experiment, RunRecord, SummaryRow, Variant } from '../../types.js';
import { deltas, detectorMetric } from './detector-rows.js';

export const CLAIM4_EXPERIMENT = 'claim4-efficiency-prior';
export const claim4Horizon = { full: 12, quick: 8 };
const CANDIDATES = 100;

/** Metric names per generation, as the verdict reads them (run-level rows: detectorMetric). */
export const efficiencyMetric = {
  accuracy: 'accuracy',
  proxyReward: 'proxy_reward',
  featureRate: 'feature_rate',
  miScoreCorrect: 'mi_score_correct',
  miScoreFeatureGivenCorrect: 'mi_score_feature_given_correct',
  injectedBitsCum: 'injected_bits_cum',
} as const;

export type Claim4Variant = 'feature-simple' | 'feature-hard' | 'correct-simple' | 'no-feature';

interface Claim4Setting {
  name: Claim4Variant;
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

/** Per variant at the last generation T: Δ accuracy and Δ proxy reward since generation 0. */
export function analyzeClaim4(runs: RunRecord[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  for (const setting of claim4Settings) {
    const mine = runs.filter((r) => r.experiment === CLAIM4_EXPERIMENT && r.variant === setting.name && r.rows.length > 1);
    if (mine.length === 0) continue;
    const T = Math.min(...mine.map((r) => r.rows.length - 1));
    const base = (metric: string) => ({ experiment: CLAIM4_EXPERIMENT, variant: setting.name, params: variant(setting).params, t: T, metric });
    out.push(measuredRow(base(detectorMetric.deltaAccuracy), deltas(mine, T, (row) => row.accuracy)));
    out.push(measuredRow(base(detectorMetric.deltaProxyReward), deltas(mine, T, extraNumber('proxy_reward'))));
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
    [efficiencyMetric.accuracy]: (row) => row.accuracy,
    [efficiencyMetric.proxyReward]: extraNumber('proxy_reward'),
    [efficiencyMetric.featureRate]: extraNumber('feature_rate'),
    [efficiencyMetric.miScoreCorrect]: extraNumber('mi_score_correct'),
    [efficiencyMetric.miScoreFeatureGivenCorrect]: extraNumber('mi_score_feature_given_correct'),
    [efficiencyMetric.injectedBitsCum]: (row) => row.injected_bits_cum,
  },
  analyze: analyzeClaim4,
  runMetrics: [detectorMetric.deltaAccuracy, detectorMetric.deltaProxyReward],
};
