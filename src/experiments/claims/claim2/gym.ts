/**
 * Claim 2 on the task gym: an order-5 n-gram, pretrained on real examples of four families at
 * difficulty 1, generates answers that a signal filters; the loop accumulates what it keeps.
 * Open signals (verifier, rubric, environment) read the task; none, self-judge and majority read
 * only the model. The environment exists only for grid-walk, so it runs, with its own none and
 * verifier baselines, on grid-walk alone.
 *
 * The bound. A hard filter keeps the set K of candidates; the kept distribution Q = P|K has
 * Q(A) = P(A∩K)/P(K) ≤ P(A)/P(K), so log2(Q(A)/P(A)) ≤ −log2 P(K), which is the injected bits per
 * kept sample (filterShiftBits with acceptance P(K)). A learner that reproduces the accuracy of its
 * training set, itself a mixture of kept sets, gives by induction
 *   log2(a_T / a_0) ≤ Σ_t injected_bits_t / n_kept_t,
 * the same bound as the categorical experiment (categorical.ts). The n-gram smooths and
 * generalises, so the bound is not a theorem for it: each open run reports its slack, and a
 * negative slack would say the learner gained accuracy the injected bits do not account for.
 */
import type { ConfigInput } from '../../../config/schema.js';
import { measuredRow } from '../../summary/rows.js';
import type { Experiment, RunRecord, SummaryRow, Variant } from '../../types.js';
import { boundMetric, boundSlackRows } from './bound.js';

/** Families with many acceptable answers (plus parity): coarse answer structure is learnable without reading the prompt. */
export const gymFamilies = ['multiple-of', 'satisfy', 'grid-walk', 'parity'];
const ORDER = 5;
const SAMPLES = 200;
const PER_PROMPT = 4;
const PRETRAIN = 200;
const EVAL_PROMPTS = 200;
export const gymHorizon = { full: 15, quick: 6 };
export const GYM_EXPERIMENT = 'claim2-gym';

/** Metric names (per generation, then run-level), as the verdict reads them. */
export const gymMetric = {
  accuracy: 'accuracy',
  heldoutAccuracy: 'heldout_accuracy',
  injectedBits: 'injected_bits',
  injectedBitsCum: 'injected_bits_cum',
  acceptance: 'acceptance',
  accuracyGain: 'accuracy_gain',
} as const;

const MODEL_SIGNALS = ['none', 'self-judge', 'majority', 'verifier'] as const;
const GRID_BASELINES = ['none', 'verifier'] as const;
export type GymVariant = (typeof MODEL_SIGNALS)[number] | 'rubric' | `grid-${(typeof GRID_BASELINES)[number]}` | 'grid-environment';

interface SignalVariant {
  name: GymVariant;
  signal: { name: string; [key: string]: unknown };
  families: string[];
}

const signals: SignalVariant[] = [
  ...MODEL_SIGNALS.map((name) => ({ name, signal: { name }, families: gymFamilies })),
  // Default weights (correctness .6, format .2, length .2): at threshold .5 only correct answers pass, as with the
  // verifier; at .35 a wrong answer of the right format and nearly the right length passes too — a coarser signal.
  { name: 'rubric', signal: { name: 'rubric', threshold: 0.35 }, families: gymFamilies },
  // The environment runs where it exists: grid-walk alone, beside that setting's none and verifier. Its reward
  // is 1 exactly for verified answers, so threshold 1 would copy the verifier; .5 keeps walks that get halfway.
  ...GRID_BASELINES.map((name) => ({ name: `grid-${name}` as const, signal: { name }, families: ['grid-walk'] })),
  { name: 'grid-environment', signal: { name: 'environment', threshold: 0.5 }, families: ['grid-walk'] },
];

function gymConfig(kind: SignalVariant, seed: number, quick: boolean): ConfigInput {
  return {
    seed,
    generations: quick ? gymHorizon.quick : gymHorizon.full,
    n: SAMPLES,
    samples_per_prompt: PER_PROMPT, // majority needs several answers per prompt; every variant gets the same
    // Held-out accuracy: the `instruction` surface form is never trained on.
    task: { name: 'gym', families: kind.families, heldout: 'form', heldout_forms: ['instruction'], difficulty: [1], eval_prompts: EVAL_PROMPTS, pretrain: PRETRAIN },
    learner: { name: 'ngram', order: ORDER },
    signal: kind.signal,
    select: { name: 'filter' },
    policy: { name: 'accumulate' },
    checkpoints: 'last',
  };
}

const variants: Variant[] = signals.map((kind) => ({
  name: kind.name,
  params: { learner: 'ngram', order: ORDER, n: SAMPLES, pretrain: PRETRAIN, families: kind.families.join('+'), signal: kind.signal.name },
  config: (seed: number, quick: boolean) => gymConfig(kind, seed, quick),
}));

/** Per-run rows: accuracy gained, and (open runs) the slack of the bound and its minimum. */
export function analyzeGym(runs: RunRecord[]): SummaryRow[] {
  const out: SummaryRow[] = [];
  const byVariant = new Map<string, RunRecord[]>();
  for (const run of runs) if (run.experiment === GYM_EXPERIMENT) byVariant.set(run.variant, [...(byVariant.get(run.variant) ?? []), run]);
  for (const [variant, group] of byVariant) {
    const horizon = Math.max(...group.map((run) => run.rows.length - 1));
    const params = variants.find((v) => v.name === variant)?.params ?? {};
    const base = { experiment: GYM_EXPERIMENT, variant, params, t: horizon, kind: 'measured' as const };
    const push = (metric: string, values: number[]) => {
      if (values.length > 0) out.push(measuredRow({ ...base, metric }, values));
    };
    const gains = group.map((run) => (run.rows[run.rows.length - 1]?.accuracy ?? NaN) - (run.rows[0]?.accuracy ?? NaN)).filter(Number.isFinite);
    push(gymMetric.accuracyGain, gains);
    out.push(...boundSlackRows(group, base));
  }
  return out;
}

export const gymExperiment: Experiment = {
  claim: 'claim2',
  name: GYM_EXPERIMENT,
  description: `order-${ORDER} n-gram pretrained on ${PRETRAIN} examples of ${gymFamilies.join(', ')} (difficulty 1; instruction form held out), n=${SAMPLES} (${PER_PROMPT} per prompt), accumulate; none / self-judge / majority / verifier / rubric, and environment on grid-walk alone`,
  variants,
  seeds: { full: 10, quick: 3 },
  metrics: {
    [gymMetric.accuracy]: (row) => row.accuracy,
    [gymMetric.heldoutAccuracy]: (row) => row.heldout_accuracy,
    [gymMetric.injectedBits]: (row) => row.injected_bits,
    [gymMetric.injectedBitsCum]: (row) => row.injected_bits_cum,
    [gymMetric.acceptance]: (row) => row.acceptance,
  },
  analyze: analyzeGym,
  runMetrics: [gymMetric.accuracyGain, boundMetric.slack, boundMetric.minSlack],
};
