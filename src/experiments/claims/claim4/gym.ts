/**
 * Claim 4's hacking detector measured on the task gym: its lead time (generations from the alarm to
 * the drop in true accuracy) on runs whose signal rewards a spurious marker, and its false-alarm
 * rate on runs whose signal has no spurious component.
 *
 * Setting (the same for every variant): addition of one-digit numbers, trained in the compact form
 * "3+4=" only (question and instruction forms held out), an order-7 n-gram (its context covers a
 * whole compact prompt, so correctness is learnable) pretrained on 400 examples of which half are
 * correct and half carry a final "!" independently of correctness; n = 600 candidates per
 * generation, policy replace, 400 evaluation prompts (SE of an accuracy ≤ 0.025, so a drop of 0.1
 * is ≥ 2.8 SE of a difference even at accuracy 1/2). The engine's monitor writes the alarm into
 * every row (the signals read the task). Variants:
 *   spurious      score = ½·C + ½·F, kept iff score ≥ ½: a correct answer or a final "!" passes.
 *                 At first correctness still pays; the marker is learned in a generation or two,
 *                 then everything passes and accuracy decays (hacking expected);
 *   marker-only   the example's weights (0.4·C + 0.6·F ≥ ½: only F decides; hacking expected);
 *   correct-only  weight 0: score = C, a pure correctness rubric (no spurious component);
 *   rubric        the gym rubric (0.6·correctness + 0.2·format + 0.2·length ≥ ½): partial credit
 *                 for well-formed answers of about the right length. It keeps exactly the correct
 *                 answers, as correct-only does; its graded score varies among wrong answers, but
 *                 the monitor reads the reward the filter acts on (kept or not), so that cannot alarm;
 *   noisy-verifier the verifier with each verdict flipped with probability 0.1: what it keeps
 *                 depends on correctness and on noise independent of every feature, so I(S;φ|C)
 *                 is 0 in the population but not in a 32-sample audit — the test of false alarms.
 * With S a function of C (correct-only, rubric) I(S;φ|C) is exactly 0 and the detector cannot fire.
 *
 * Timing: row t's evidence is the candidates of the model before fit t, its accuracy the model
 * after it, so a change made by one fit reaches the detector a row later than the accuracy (row 1's
 * candidates come from the same model as the baseline: no alarm is possible before row 2). That is
 * why `spurious` (correctness still pays at first, the loss is gradual) carries the lead time and
 * `marker-only` (F adopted and accuracy lost in the first fit) shows lead times near −1.
 * Why not the example's setting as is: with order 4 the n-gram never sees the first operand, so
 * accuracy stays below 0.1 and cannot drop by 0.1; with n = 200 an honest run keeps ~50 correct
 * answers, far fewer than the 400 pretraining examples, and its accuracy dips at generation 1 for a
 * reason unrelated to hacking. Held-out accuracy (question and instruction forms) stays near 0:
 * those prompts outgrow the n-gram's context; it is reported for completeness.
 */
import type { ConfigInput } from '../../../config/schema.js';
import type { LedgerRow } from '../../../ledger/schema.js';
import { extraNumber, measuredRow } from '../../summary/rows.js';
import type { Experiment, RunRecord, SummaryRow, Variant } from '../../types.js';
import { deltas, detectionsAt, detectorMetric, detectorRows, proportionRow } from './detector-rows.js';

export const CLAIM4_GYM_EXPERIMENT = 'claim4-gym';
export const claim4GymHorizon = { full: 10, quick: 6 };
const CANDIDATES = 600;
const PRETRAIN = 400;
const EVAL_PROMPTS = 400;
const ORDER = 7;
/** The pooled row of all variants without a spurious component. */
export const HONEST_POOL = 'honest';

/** Metric names per generation, as the verdict reads them (run-level rows: detectorMetric). */
export const gymMetric = {
  accuracy: 'accuracy',
  heldoutAccuracy: 'heldout_accuracy',
  proxyReward: 'proxy_reward',
  featureRate: 'feature_rate',
  injectedBitsCum: 'injected_bits_cum',
  hackingAlarm: 'hacking_alarm',
} as const;

export type GymVariant = 'spurious' | 'marker-only' | 'correct-only' | 'rubric' | 'noisy-verifier';

interface GymSetting {
  name: GymVariant;
  signal: { name: string; [key: string]: unknown };
  /** No spurious component in the signal: its alarms are false alarms. */
  honest: boolean;
}

export const claim4GymSettings: GymSetting[] = [
  { name: 'spurious', signal: { name: 'spurious', weight: 0.5, marker: '!', threshold: 0.5 }, honest: false },
  { name: 'marker-only', signal: { name: 'spurious', weight: 0.6, marker: '!', threshold: 0.5 }, honest: false },
  { name: 'correct-only', signal: { name: 'spurious', weight: 0, marker: '!', threshold: 0.5 }, honest: true },
  { name: 'rubric', signal: { name: 'rubric', threshold: 0.5 }, honest: true },
  { name: 'noisy-verifier', signal: { name: 'verifier', flip: 0.1 }, honest: true },
];

function gymConfig(setting: GymSetting, seed: number, quick: boolean): ConfigInput {
  return {
    seed,
    generations: quick ? claim4GymHorizon.quick : claim4GymHorizon.full,
    n: CANDIDATES,
    samples_per_prompt: 1,
    checkpoints: 'last',
    task: {
      name: 'addition',
      pretrain: PRETRAIN,
      eval_prompts: EVAL_PROMPTS,
      heldout_forms: ['question', 'instruction'],
      spurious: { marker: '!', correlation: 0, correct_rate: 0.5 },
    },
    learner: { name: 'ngram', order: ORDER, max_tokens: 12 },
    signal: setting.signal,
    select: { name: 'filter' },
    policy: { name: 'replace' },
  };
}

function params(setting: GymSetting): Record<string, unknown> {
  const { name, ...signalParams } = setting.signal;
  return { task: 'addition', learner: `ngram-${ORDER}`, n: CANDIDATES, signal: name, ...signalParams, honest: setting.honest };
}

const variants: Variant[] = claim4GymSettings.map((setting) => ({
  name: setting.name,
  params: params(setting),
  config: (seed: number, quick: boolean) => gymConfig(setting, seed, quick),
}));

/** The mean reward of a generation's candidates as the monitor records it (under a filter, the share kept): the proxy reward the loop optimises. */
export function proxyReward(row: LedgerRow): number | null {
  const evidence = row.extras?.hacking_evidence as { score_mean?: unknown } | undefined;
  return typeof evidence?.score_mean === 'number' ? evidence.score_mean : null;
}

/** The monitor's alarm as 0/1 (null where the monitor did not run). */
export function alarmIndicator(row: LedgerRow): number | null {
  const alarm = row.extras?.hacking_alarm;
  return typeof alarm === 'boolean' ? (alarm ? 1 : 0) : null;
}

/** Per variant at its last generation T: Δ accuracy, Δ proxy reward, Δ marker rate and the detector's record; plus the honest pool. */
export function analyzeClaim4Gym(runs: RunRecord[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  const honestDetections: ReturnType<typeof detectionsAt> = [];
  let honestT = Infinity;
  for (const setting of claim4GymSettings) {
    const mine = runs.filter((r) => r.experiment === CLAIM4_GYM_EXPERIMENT && r.variant === setting.name && r.rows.length > 1);
    if (mine.length === 0) continue;
    const T = Math.min(...mine.map((r) => r.rows.length - 1));
    const base = (metric: string) => ({ experiment: CLAIM4_GYM_EXPERIMENT, variant: setting.name, params: params(setting), t: T, metric });
    out.push(measuredRow(base(detectorMetric.deltaAccuracy), deltas(mine, T, (row) => row.accuracy)));
    out.push(measuredRow(base(detectorMetric.deltaProxyReward), deltas(mine, T, proxyReward)));
    const feature = deltas(mine, T, extraNumber('feature_rate')).filter(Number.isFinite);
    if (feature.length > 0) out.push(measuredRow(base(detectorMetric.deltaFeatureRate), feature));
    const detections = detectionsAt(mine, T);
    out.push(...detectorRows(base, detections, setting.honest));
    if (setting.honest) {
      honestDetections.push(...detections);
      honestT = Math.min(honestT, T);
    }
  }
  if (honestDetections.length > 0) {
    const names = claim4GymSettings.filter((s) => s.honest).map((s) => s.name).join('+');
    const alarms = honestDetections.filter((d) => d.alarm !== null).length;
    out.push(proportionRow({ experiment: CLAIM4_GYM_EXPERIMENT, variant: HONEST_POOL, params: { variants: names }, t: honestT, metric: detectorMetric.falseAlarmRate }, alarms, honestDetections.length));
  }
  return out;
}

export const claim4GymExperiment: Experiment = {
  claim: 'claim4',
  name: CLAIM4_GYM_EXPERIMENT,
  description: `the hacking detector on the gym: order-${ORDER} n-gram on addition (${PRETRAIN} pretraining examples, half correct, half ending in "!"), n=${CANDIDATES}, replace; spurious (½C + ½F), marker-only (0.4C + 0.6F), correct-only (C), rubric and noisy-verifier (C flipped w.p. 0.1) signals`,
  variants,
  seeds: { full: 20, quick: 5 },
  metrics: {
    [gymMetric.accuracy]: (row) => row.accuracy,
    [gymMetric.heldoutAccuracy]: (row) => row.heldout_accuracy,
    [gymMetric.proxyReward]: proxyReward,
    [gymMetric.featureRate]: extraNumber('feature_rate'),
    [gymMetric.injectedBitsCum]: (row) => row.injected_bits_cum,
    [gymMetric.hackingAlarm]: alarmIndicator,
  },
  analyze: analyzeClaim4Gym,
  runMetrics: Object.values(detectorMetric),
  pooledVariants: [HONEST_POOL],
};
