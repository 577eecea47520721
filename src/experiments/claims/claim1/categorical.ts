/**
 * Claim 1, categorical: a K=1000 categorical refit on its own n samples loses heterozygosity at the
 * Wright–Fisher rate (1 − 1/n)^t from a uniform or Zipf start; `mix` slows it.
 */
import { closedFormRow, extraNumber } from '../../summary/rows.js';
import type { Experiment, SummaryRow, Variant } from '../../types.js';

export const CATEGORICAL_EXPERIMENT = 'claim1-categorical';
const CATEGORIES = 1000;
const ZIPF_EXPONENT = 1.1;
export const CATEGORICAL_SIZES = [100, 1000] as const;

/** Metric names, as the verdict reads them. */
export const categoricalMetric = { support: 'support', entropyBits: 'entropy_bits', heterozygosity: 'heterozygosity' } as const;

type PolicySpec = { name: string; lambda?: number };
type Start = 'uniform' | 'zipf';

const categoricalPolicies = [
  { name: 'replace', policy: { name: 'replace' } },
  { name: 'mix-0.1', policy: { name: 'mix', lambda: 0.1 } },
  { name: 'mix-0.5', policy: { name: 'mix', lambda: 0.5 } },
] as const satisfies readonly { name: string; policy: PolicySpec }[];

export type CategoricalPolicy = (typeof categoricalPolicies)[number]['name'];

/** A variant's name: start, sample size and policy, e.g. `uniform-n100-replace`. */
export function categoricalVariant(start: Start, n: (typeof CATEGORICAL_SIZES)[number], policy: CategoricalPolicy): string {
  return `${start}-n${n}-${policy}`;
}

export const categoricalHorizon = { full: 60, quick: 20 };

const categoricalVariants: Variant[] = (['uniform', 'zipf'] as const).flatMap((start) =>
  CATEGORICAL_SIZES.flatMap((n) =>
    categoricalPolicies.map((kind) => {
      const policy: PolicySpec = kind.policy;
      return {
        name: categoricalVariant(start, n, kind.name),
        params: { start, K: CATEGORIES, n, policy: policy.name, ...(policy.lambda !== undefined ? { lambda: policy.lambda } : {}) },
        config: (seed: number, quick: boolean) => ({
          seed,
          generations: quick ? categoricalHorizon.quick : categoricalHorizon.full,
          n,
          task: { name: 'categorical-target', K: CATEGORIES, target: start, s: ZIPF_EXPONENT },
          learner: { name: 'categorical', K: CATEGORIES, alpha: 1, init: start, s: ZIPF_EXPONENT },
          signal: { name: 'none' },
          select: { name: 'filter' },
          policy: { ...policy },
          checkpoints: 'last',
        }),
      };
    }),
  ),
);

/** h_0 = 1 − Σp² of the starting distribution, computed here independently of the learner. */
export function initialHeterozygosity(start: Start, K = CATEGORIES, s = ZIPF_EXPONENT): number {
  if (start === 'uniform') return 1 - 1 / K;
  let total = 0;
  let squares = 0;
  for (let k = 1; k <= K; k++) {
    total += k ** -s;
    squares += k ** (-2 * s);
  }
  return 1 - squares / (total * total);
}

export const categoricalExperiment: Experiment = {
  claim: 'claim1',
  name: CATEGORICAL_EXPERIMENT,
  description: 'K=1000 categorical refit on its own n samples (α = 1); uniform or Zipf(1.1) start; replace or mix λ',
  variants: categoricalVariants,
  seeds: { full: 20, quick: 4 },
  metrics: {
    [categoricalMetric.support]: (row) => row.support,
    [categoricalMetric.entropyBits]: (row) => row.entropy_bits,
    [categoricalMetric.heterozygosity]: extraNumber('heterozygosity'),
  },
  closedForms(summary: SummaryRow[]): SummaryRow[] {
    // Wright–Fisher resampling: E[h_{t+1} | h_t] = (1 − 1/n)·h_t.
    return summary
      .filter((row) => row.metric === categoricalMetric.heterozygosity && row.params.policy === 'replace')
      .map((row) => closedFormRow(row, (1 - 1 / (row.params.n as number)) ** row.t * initialHeterozygosity(row.params.start as Start)));
  },
};
