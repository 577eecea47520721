/**
 * Claim 3, part (ii): coarse supervision against imitation on the task gym with the transformer.
 *
 * One setting: five families — multiple-of and satisfy (many acceptable answers), parity and
 * brackets (one), and reachability, held out — trained at difficulty 1 in the compact and question
 * forms. The pretraining corpus (row 0) adds three families seen nowhere else (modular, boolean,
 * shortest-path) in every form at difficulties 1 and 2, so the held-out form and difficulty are
 * learnable and only their combination with the trained families is held out. Three held-out sets are evaluated in every run, each off the training data on one axis:
 * the instruction form, difficulty 2, and the held-out family (another domain). Row 0 is the
 * transformer fit on real examples; both methods start from the same row 0 for a seed.
 *   verifier   (phase 0): n candidates per generation, the binary verifier keeps the correct ones
 *              (rejection-sampling fine-tuning); injected bits n_kept·(−log2 â).
 *   imitation  (phase 1): J reference answers per generation; bits = their surprisal under the model.
 *              J is set per seed from that seed's verifier run: J = round(verifier bits per
 *              generation / reference bits at row 0), where reference_bits is the mean surprisal
 *              of a uniformly drawn acceptable answer on the train evaluation prompts.
 * Both accumulate their kept data and take the same number of optimiser steps per generation.
 * Efficiency is compared at exactly equal bits as in the exact model (exact-model.ts): each run is
 * read where its cumulative bits reach the smaller of the two methods' mean final budgets.
 */
import type { ConfigInput } from '../../../config/schema.js';
import type { LedgerRow } from '../../../ledger/schema.js';
import { extraNumber, measuredRow } from '../../summary/rows.js';
import type { Experiment, RunRecord, SummaryRow, Variant } from '../../types.js';
import { equalBitsBudget, heldoutAccuracyAtBits } from './equal-bits.js';
import type { Method } from './exact-model.js';

export const CLAIM3_GYM = 'claim3-gym';
export const claim3GymFamilies = ['multiple-of', 'satisfy', 'parity', 'brackets', 'reachability'];
export const claim3GymAxes = ['form', 'difficulty', 'family'] as const;
/** Seen only in pretraining, in every form and at difficulties 1 and 2, so the held-out form and difficulty are learnable. */
export const claim3PretrainFamilies = ['modular', 'boolean', 'shortest-path'];

/** Full and quick settings (quick: a shorter run of the same model, enough to exercise the pipeline). */
export const claim3GymSetting = {
  full: { generations: 2, candidates: 128, pretrain: 600, evalPrompts: 60, initialSteps: 400, steps: 100 },
  quick: { generations: 2, candidates: 32, pretrain: 200, evalPrompts: 12, initialSteps: 100, steps: 20 },
};

/** When no verifier run is at hand (planning alone), imitation gets this many references per generation. */
const FALLBACK_REFERENCES = 24;

const byAxis = (axis: string) => (row: LedgerRow): number | null => {
  const value = (row.extras?.heldout_accuracy_by_axis as Record<string, unknown> | undefined)?.[axis];
  return typeof value === 'number' ? value : null;
};

/** Held-out accuracy overall and by axis, and in-distribution accuracy: the quantities compared per bit. */
export const gymMeasure = {
  heldoutAccuracy: 'heldout_accuracy',
  heldoutByAxis: (axis: (typeof claim3GymAxes)[number]) => `heldout_${axis}`,
  accuracy: 'accuracy',
} as const;

const measures: Record<string, (row: LedgerRow) => number | null> = {
  [gymMeasure.heldoutAccuracy]: (row) => row.heldout_accuracy,
  ...Object.fromEntries(claim3GymAxes.map((axis) => [gymMeasure.heldoutByAxis(axis), byAxis(axis)])),
  [gymMeasure.accuracy]: (row) => row.accuracy,
};

/** The run-level row of a measure's gain per bit at equal bits. */
export const perBitMetric = (measure: string): string => `${measure}_per_bit`;
const METHODS: Method[] = ['verifier', 'imitation'];

function gymConfig(method: Method, seed: number, quick: boolean, references: number): ConfigInput {
  const setting = quick ? claim3GymSetting.quick : claim3GymSetting.full;
  return {
    seed,
    generations: setting.generations,
    n: method === 'verifier' ? setting.candidates : references,
    samples_per_prompt: 1,
    checkpoints: 'last',
    task: {
      name: 'gym', families: claim3GymFamilies, heldout: [...claim3GymAxes], heldout_forms: ['instruction'],
      difficulty: [1], heldout_difficulty: [2], eval_prompts: setting.evalPrompts, pretrain: setting.pretrain,
      pretrain_families: claim3PretrainFamilies,
    },
    // one thread per run: the harness already runs one job per core
    learner: { name: 'transformer', preset: 's', initial_steps: setting.initialSteps, steps_per_generation: setting.steps, max_tokens: 16, workers: 1 },
    signal: { name: method === 'verifier' ? 'verifier' : 'reference' },
    select: { name: 'filter' },
    policy: { name: 'accumulate' },
    monitor: { hacking: 'off' },
  };
}

/** J for one seed: the verifier run's bits per generation over the reference bits of row 0 (at least 1). */
export function matchedReferences(verifierRows: LedgerRow[] | undefined): number {
  if (!verifierRows || verifierRows.length < 2) return FALLBACK_REFERENCES;
  const T = verifierRows.length - 1;
  const perGeneration = (verifierRows[T].injected_bits_cum ?? NaN) / T;
  const referenceBits = extraNumber('reference_bits')(verifierRows[0]);
  if (!referenceBits || !(referenceBits > 0)) return FALLBACK_REFERENCES;
  return Math.max(1, Math.round(perGeneration / referenceBits));
}

const verifierVariant: Variant = {
  name: 'verifier',
  params: { method: 'verifier', learner: 'transformer-s', families: claim3GymFamilies.join('+') },
  config: (seed, quick) => gymConfig('verifier', seed, quick, 0),
};

const imitationVariant: Variant = {
  name: 'imitation',
  params: { method: 'imitation', learner: 'transformer-s', families: claim3GymFamilies.join('+') },
  config: (seed, quick, earlier = []) => {
    const own = earlier.find((run) => run.experiment === CLAIM3_GYM && run.variant === 'verifier' && run.seed === seed);
    return gymConfig('imitation', seed, quick, matchedReferences(own?.rows));
  },
};

/**
 * Per measure, both methods' gain per bit at equal bits: budget B = the smaller mean final
 * cumulative bits; each run's value is (measure at B − measure at row 0) / B.
 */
export function claim3GymRows(runs: RunRecord[]): SummaryRow[] {
  const equal = equalBitsBudget(runs, CLAIM3_GYM);
  if (!equal || !(equal.budget > 0)) return [];
  const { budget, T } = equal;
  const out: SummaryRow[] = [];
  for (const [measure, read] of Object.entries(measures)) {
    for (const method of METHODS) {
      const values = equal.runs(method)
        .map((run) => ((heldoutAccuracyAtBits(run.rows, budget, read) ?? NaN) - (read(run.rows[0]) ?? NaN)) / budget)
        .filter(Number.isFinite);
      if (values.length === 0) continue;
      out.push(measuredRow({ experiment: CLAIM3_GYM, variant: method, params: { method, bits: budget }, t: T, metric: perBitMetric(measure) }, values));
    }
  }
  return out;
}

const metrics: Experiment['metrics'] = {
  ...measures,
  injected_bits_cum: (row) => row.injected_bits_cum,
  n_kept: (row) => row.n_kept,
  reference_bits: extraNumber('reference_bits'),
};

const description =
  `transformer (preset s) on ${claim3GymFamilies.join(', ')} (reachability held out; instruction form and difficulty 2 held out), ` +
  `pretrained also on ${claim3PretrainFamilies.join(', ')} in every form at difficulties 1-2, ` +
  'verifier rejection sampling vs imitation of reference answers at matched bits, accumulate';

/** Phase 0: the verifier runs; phase 1: imitation, whose budget reads them. */
export const claim3GymExperiments: Experiment[] = [
  { claim: 'claim3', name: CLAIM3_GYM, description, variants: [verifierVariant], seeds: { full: 10, quick: 2 }, metrics, phase: 0 },
  {
    claim: 'claim3', name: CLAIM3_GYM, description, variants: [imitationVariant], seeds: { full: 10, quick: 2 }, metrics, phase: 1, analyze: claim3GymRows,
    runMetrics: Object.keys(measures).map(perBitMetric),
  },
];
