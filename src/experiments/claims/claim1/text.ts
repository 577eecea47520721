/**
 * Claim 1 on text: an n-gram model of tinyshakespeare (the `text` task) refit each generation on
 * its own samples (replace), on everything generated so far (accumulate), or with fresh real text
 * mixed in. Held-out bits/char is the gap (up to the text's unknown entropy rate). The experiment
 * joins claim 1 only when the `ngram` learner and the `text` task are registered.
 */
import { learnerRegistry } from '../../../learners/registry.js';
import { taskRegistry } from '../../../tasks/registry.js';
import { extraNumber } from '../../summary/rows.js';
import type { Experiment, Variant } from '../../types.js';

export const NGRAM_TEXT_EXPERIMENT = 'claim1-ngram-text';
export const TRANSFORMER_TEXT_EXPERIMENT = 'claim1-transformer-text';

/** Metric names, as the verdict reads them. */
export const textMetric = {
  heldoutBitsPerChar: 'heldout_bits_per_char',
  sampleEntropyRateBits: 'sample_entropy_rate_bits',
  distinct4grams: 'distinct_4grams',
} as const;

/** Chunks of this many characters are one sample; n of them form a generation's training set. */
const SAMPLE_CHARS = 256;
const SAMPLES = 64;
const ORDER = 5;
export const textHorizon = { full: 20, quick: 4 };

const policyKinds = [
  { name: 'replace', policy: { name: 'replace' } },
  { name: 'accumulate', policy: { name: 'accumulate' } },
  { name: 'mix-0.1', policy: { name: 'mix', lambda: 0.1 } },
  { name: 'mix-0.5', policy: { name: 'mix', lambda: 0.5 } },
] as const;

/** The text experiments' variant names are their policies' names. */
export type TextVariant = (typeof policyKinds)[number]['name'];
const policies: { name: TextVariant; policy: { name: string; lambda?: number } }[] = [...policyKinds];

interface TextSetting {
  learner: (quick: boolean) => Record<string, unknown> & { name: string };
  samples: number;
  sampleChars: number;
  horizon: { full: number; quick: number };
  policies: typeof policies;
}

function textVariants(setting: TextSetting): Variant[] {
  return setting.policies.map((kind) => ({
    name: kind.name,
    params: { ...setting.learner(false), n: setting.samples, sample_chars: setting.sampleChars, policy: kind.policy.name, ...(kind.policy.lambda !== undefined ? { lambda: kind.policy.lambda } : {}) },
    config: (seed: number, quick: boolean) => ({
      seed,
      generations: quick ? setting.horizon.quick : setting.horizon.full,
      n: setting.samples,
      // 20k held-out characters keep each evaluation well under a second; 10 samples estimate the entropy rate.
      task: { name: 'text', sample_chars: setting.sampleChars, eval_chars: 20_000, eval_samples: 10 },
      learner: setting.learner(quick),
      signal: { name: 'none' },
      select: { name: 'filter' },
      policy: { ...kind.policy },
      checkpoints: 'last',
    }),
  }));
}

const textMetrics: Experiment['metrics'] = {
  [textMetric.heldoutBitsPerChar]: (row) => row.gap_bits,
  [textMetric.sampleEntropyRateBits]: (row) => row.entropy_bits,
  [textMetric.distinct4grams]: extraNumber('distinct_ngrams'),
};

export const ngramTextExperiment: Experiment = {
  claim: 'claim1',
  name: NGRAM_TEXT_EXPERIMENT,
  description: `order-${ORDER} Kneser–Ney n-gram fit on tinyshakespeare, then refit on ${SAMPLES} samples of ${SAMPLE_CHARS} characters per generation; replace, accumulate, mix λ`,
  variants: textVariants({ learner: () => ({ name: 'ngram', order: ORDER }), samples: SAMPLES, sampleChars: SAMPLE_CHARS, horizon: textHorizon, policies }),
  seeds: { full: 5, quick: 2 },
  metrics: textMetrics,
};

/**
 * The same loop with the small transformer: preset `s` (full) or `xs` (quick), 50 AdamW steps per
 * generation on one thread (the harness already runs one job per core). Training from the text is
 * as short as a generation's, so row 0 is a weak model; the experiment shows the direction of drift.
 */
export const transformerTextHorizon = { full: 6, quick: 2 };
export const transformerTextExperiment: Experiment = {
  claim: 'claim1',
  name: TRANSFORMER_TEXT_EXPERIMENT,
  description: 'GPT-style transformer (preset s; xs when quick) fit on tinyshakespeare, then refit on 32 samples of 128 characters per generation; replace, accumulate, mix 0.5',
  variants: textVariants({
    learner: (quick) => ({ name: 'transformer', preset: quick ? 'xs' : 's', steps_per_generation: quick ? 10 : 50, max_tokens: 128, workers: 1 }),
    samples: 32,
    sampleChars: 128,
    horizon: transformerTextHorizon,
    policies: policies.filter((kind) => kind.name !== 'mix-0.1'),
  }),
  seeds: { full: 3, quick: 2 },
  metrics: textMetrics,
};

/** Whether the pieces the text experiment names exist in this build. */
export function textExperimentsAvailable(learner = 'ngram'): boolean {
  return learnerRegistry.has(learner) && taskRegistry.has('text');
}
