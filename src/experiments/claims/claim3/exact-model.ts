/**
 * Claim 3, exact model: coarse meta-level supervision generalises better per bit than
 * instance-level imitation.
 *
 * Exact model (prediction.ts has the derivation): the meta-answers task has m valid
 * approaches × D details acceptable per instance; the approach-detail learner shares its approach
 * distribution across all prompts and memorises details per prompt. The verifier filters its own
 * samples (bits n_kept·(−log2 â)); imitation trains on each instance's reference answer (bits = the
 * reference's surprisal). The imitation budget J references per generation is chosen so that its
 * expected cumulative bits after T generations come closest to the verifier's. Held-out accuracy
 * (fresh instances of held-out families and surface forms; in this model every held-out axis reads
 * the same shared parameter) gained per injected bit is compared at exactly equal bits: both
 * methods are read where their cumulative bits reach the smaller of their two final budgets.
 *
 * Control: with a single acceptable answer (m = 1, D = 1) the reference is the only correct answer,
 * so imitation and the verifier carry the same information per example; their efficiencies should
 * nearly agree (they differ only through batch sizes and the verifier's estimate â).
 * The gym with the transformer learner (part ii, gym.ts) decides the verdict; this model is its worked example.
 */
import { closedFormRow, finalGeneration, measuredRow } from '../../summary/rows.js';
import type { Experiment, RunRecord, SummaryRow, Variant } from '../../types.js';
import { equalBitsBudget, heldoutAccuracyAtBits } from './equal-bits.js';
import {
  imitationPrediction, matchedImitationCount, verifierPrediction, type ModelSizes, type Trajectory,
} from './prediction.js';

/** Candidates per generation of the verifier loop. */
export const CLAIM3_CANDIDATES = 100;
export const claim3Horizon = { full: 8, quick: 5 };

/** The two methods; each is a variant of the same name. */
export type Method = 'verifier' | 'imitation';
const METHODS: Method[] = ['verifier', 'imitation'];

/** Metric names (per generation, then run-level), as the verdict reads them. */
export const exactMetric = {
  heldoutAccuracy: 'heldout_accuracy',
  injectedBitsCum: 'injected_bits_cum',
  efficiency: 'efficiency',
  efficiencyAtEqualBits: 'efficiency_at_equal_bits',
} as const;

export interface Claim3Setting {
  experiment: string;
  sizes: ModelSizes;
  description: string;
}

export const manyAnswers: Claim3Setting = {
  experiment: 'claim3-many-answers',
  sizes: { approaches: 20, valid: 4, details: 16, prior: 1 },
  description: '20 approaches (4 valid) × 16 details: 64 acceptable answers per instance',
};

export const singleAnswer: Claim3Setting = {
  experiment: 'claim3-single-answer',
  sizes: { approaches: 20, valid: 1, details: 1, prior: 1 },
  description: 'control: 20 answers, exactly one acceptable (the reference)',
};

const horizon = (quick: boolean): number => (quick ? claim3Horizon.quick : claim3Horizon.full);

/** References per generation for imitation: the J whose expected bits at T match the verifier's. */
export function imitationBudget(sizes: ModelSizes, T: number): number {
  const target = verifierPrediction(sizes, CLAIM3_CANDIDATES, T).cumulativeBits[T];
  return matchedImitationCount(sizes, target, T, CLAIM3_CANDIDATES);
}

function variant(setting: Claim3Setting, method: Method): Variant {
  const { sizes } = setting;
  return {
    name: method,
    params: { method, approaches: sizes.approaches, valid: sizes.valid, details: sizes.details, candidates: CLAIM3_CANDIDATES },
    config: (seed: number, quick: boolean) => ({
      seed,
      generations: horizon(quick),
      n: method === 'verifier' ? CLAIM3_CANDIDATES : imitationBudget(sizes, horizon(quick)),
      samples_per_prompt: 1,
      checkpoints: 'last',
      task: { name: 'meta-answers', approaches: sizes.approaches, valid: sizes.valid, details: sizes.details },
      learner: { name: 'approach-detail', approaches: sizes.approaches, details: sizes.details, prior: sizes.prior },
      signal: { name: method === 'verifier' ? 'verifier' : 'reference' },
      select: { name: 'filter' },
      policy: { name: 'replace' },
    }),
  };
}

/** Prediction for a variant whose runs last T generations (the budget J depends on T). */
function predictionFor(setting: Claim3Setting, method: string, T: number): Trajectory {
  return method === 'verifier'
    ? verifierPrediction(setting.sizes, CLAIM3_CANDIDATES, T)
    : imitationPrediction(setting.sizes, imitationBudget(setting.sizes, T), T);
}

/**
 * Efficiency at exactly equal bits: the budget B is the smaller of the two methods' mean final
 * cumulative bits, and each run's held-out gain is read where its own cumulative bits reach B.
 */
export function equalBitsRows(setting: Claim3Setting, runs: RunRecord[], initialAccuracy: number): SummaryRow[] {
  const equal = equalBitsBudget(runs, setting.experiment);
  if (!equal) return [];
  const { budget, T } = equal;
  return METHODS.map((name) => {
    const values = equal.runs(name).map((r) => ((heldoutAccuracyAtBits(r.rows, budget) ?? NaN) - initialAccuracy) / budget);
    return measuredRow({ experiment: setting.experiment, variant: name, params: { method: name, bits: budget }, t: T, metric: exactMetric.efficiencyAtEqualBits }, values);
  });
}

export function claim3Experiment(setting: Claim3Setting): Experiment {
  const { sizes } = setting;
  const initialAccuracy = sizes.valid / sizes.approaches; // π_0(V) under the uniform Dirichlet prior
  return {
    claim: 'claim3',
    name: setting.experiment,
    description: setting.description,
    variants: [variant(setting, 'verifier'), variant(setting, 'imitation')],
    seeds: { full: 20, quick: 5 },
    metrics: {
      [exactMetric.heldoutAccuracy]: (row) => row.heldout_accuracy,
      [exactMetric.injectedBitsCum]: (row) => row.injected_bits_cum,
      // Generalisation per bit: held-out accuracy gained since P_0, per injected bit.
      [exactMetric.efficiency]: (row) =>
        row.heldout_accuracy === null || row.injected_bits_cum === null || !(row.injected_bits_cum > 0) ? null : (row.heldout_accuracy - initialAccuracy) / row.injected_bits_cum,
    },
    closedForms(summary: SummaryRow[]): SummaryRow[] {
      const out: SummaryRow[] = [];
      const T = finalGeneration(summary, setting.experiment);
      for (const row of summary) {
        if (row.experiment !== setting.experiment || (row.kind ?? 'measured') !== 'measured') continue;
        const prediction = predictionFor(setting, row.variant, T);
        if (row.metric === exactMetric.heldoutAccuracy) out.push(closedFormRow(row, prediction.accuracy[row.t]));
        if (row.metric === exactMetric.injectedBitsCum) out.push(closedFormRow(row, prediction.cumulativeBits[row.t]));
        // Ratio of expectations: a close approximation to E[gain / bits], not an identity.
        if (row.metric === exactMetric.efficiency && row.t > 0) {
          out.push(closedFormRow(row, (prediction.accuracy[row.t] - initialAccuracy) / prediction.cumulativeBits[row.t]));
        }
      }
      return out;
    },
    analyze: (runs) => equalBitsRows(setting, runs, initialAccuracy),
    runMetrics: [exactMetric.efficiencyAtEqualBits],
  };
}

