/**
 * Claim 1 on text: an n-gram model of tinyshakespeare (the `text` task) refit each generation on
 * its own samples (replace), on everything generated so far (accumulate), or with fresh real text
 * mixed in. Held-out bits/char is the gap (up to the text's unknown entropy rate). The experiment
 * joins claim 1 only when the `ngram` learner and the `text` task are registered.
 */
import { learnerRegistry } from '../learners/registry.js';
import { taskRegistry } from '../tasks/registry.js';
import type { Experiment, Variant } from './types.js';

/** Chunks of this many characters are one sample; n of them form a generation's training set. */
const SAMPLE_CHARS = 256;
const SAMPLES = 64;
const ORDER = 5;
export const textHorizon = { full: 20, quick: 4 };

const policies: { name: string; policy: { name: string; lambda?: number } }[] = [
  { name: 'replace', policy: { name: 'replace' } },
  { name: 'accumulate', policy: { name: 'accumulate' } },
  { name: 'mix-0.1', policy: { name: 'mix', lambda: 0.1 } },
  { name: 'mix-0.5', policy: { name: 'mix', lambda: 0.5 } },
];

const variants: Variant[] = policies.map((kind) => ({
  name: kind.name,
  params: { learner: 'ngram', order: ORDER, n: SAMPLES, sample_chars: SAMPLE_CHARS, policy: kind.policy.name, ...(kind.policy.lambda !== undefined ? { lambda: kind.policy.lambda } : {}) },
  config: (seed: number, quick: boolean) => ({
    seed,
    generations: quick ? textHorizon.quick : textHorizon.full,
    n: SAMPLES,
    // 20k held-out characters keep each evaluation well under a second; 10 samples estimate the entropy rate.
    task: { name: 'text', sample_chars: SAMPLE_CHARS, eval_chars: 20_000, eval_samples: 10 },
    learner: { name: 'ngram', order: ORDER },
    signal: { name: 'none' },
    select: { name: 'filter' },
    policy: { ...kind.policy },
    checkpoints: 'last',
  }),
}));

export const ngramTextExperiment: Experiment = {
  claim: 'claim1',
  name: 'claim1-ngram-text',
  description: `order-${ORDER} Kneser–Ney n-gram fit on tinyshakespeare, then refit on ${SAMPLES} samples of ${SAMPLE_CHARS} characters per generation; replace, accumulate, mix λ`,
  variants,
  seeds: { full: 5, quick: 2 },
  metrics: {
    heldout_bits_per_char: (row) => row.gap_bits,
    sample_entropy_rate_bits: (row) => row.entropy_bits,
    distinct_4grams: (row) => {
      const value = row.extras?.distinct_ngrams;
      return typeof value === 'number' ? value : null;
    },
  },
};

/** Whether the pieces the text experiment names exist in this build. */
export function textExperimentsAvailable(): boolean {
  return learnerRegistry.has('ngram') && taskRegistry.has('text');
}
