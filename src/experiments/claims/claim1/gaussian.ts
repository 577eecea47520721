/**
 * Claim 1, Gaussian: N(0,1) refit on its own n samples each generation (no signal reads the task)
 * loses variance at the rate theory.md §2 gives in closed form; `accumulate` and `mix` slow or stop it.
 */
import { closedFormRow, extraNumber } from '../../summary/rows.js';
import { digamma } from '../../../stats/special.js';
import type { Experiment, SummaryRow, Variant } from '../../types.js';

export const GAUSSIAN_EXPERIMENT = 'claim1-gaussian';
export const GAUSSIAN_SIZES = [10, 100] as const;

/** Metric names, as the verdict reads them. */
export const gaussianMetric = { sigma2: 'sigma2', logSigma2: 'log_sigma2', gapBits: 'gap_bits' } as const;

type PolicySpec = { name: string; lambda?: number };

const gaussianKinds = [
  { name: 'replace-mle', estimator: 'mle', policy: { name: 'replace' } },
  { name: 'replace-unbiased', estimator: 'unbiased', policy: { name: 'replace' } },
  { name: 'accumulate', estimator: 'mle', policy: { name: 'accumulate' } },
  { name: 'mix-0.1', estimator: 'mle', policy: { name: 'mix', lambda: 0.1 } },
  { name: 'mix-0.5', estimator: 'mle', policy: { name: 'mix', lambda: 0.5 } },
] as const satisfies readonly { name: string; estimator: 'mle' | 'unbiased'; policy: PolicySpec }[];

export type GaussianKind = (typeof gaussianKinds)[number]['name'];

/** A variant's name: the kind and the sample size, e.g. `replace-mle-n10`. */
export function gaussianVariant(kind: GaussianKind, n: (typeof GAUSSIAN_SIZES)[number]): string {
  return `${kind}-n${n}`;
}

export const gaussianHorizon = { full: 60, quick: 20 };

const gaussianVariants: Variant[] = GAUSSIAN_SIZES.flatMap((n) =>
  gaussianKinds.map((kind) => {
    const policy: PolicySpec = kind.policy;
    return {
      name: gaussianVariant(kind.name, n),
      params: { n, estimator: kind.estimator, policy: policy.name, ...(policy.lambda !== undefined ? { lambda: policy.lambda } : {}) },
      config: (seed: number, quick: boolean) => ({
        seed,
        generations: quick ? gaussianHorizon.quick : gaussianHorizon.full,
        n,
        task: { name: 'gaussian-target' },
        learner: { name: 'gaussian', estimator: kind.estimator },
        signal: { name: 'none' },
        select: { name: 'filter' },
        policy: { ...policy },
        checkpoints: 'last', // resume needs only the newest; hundreds of runs stay small on disk
      }),
    };
  }),
);

/** E[ln χ²_k] = ψ(k/2) + ln 2, so one refit multiplies σ² by χ²_{n−1}/divisor in distribution. */
export function expectedLogVarianceStep(n: number, divisor: number): number {
  return digamma((n - 1) / 2) + Math.LN2 - Math.log(divisor);
}

const variance = extraNumber('variance');

export const gaussianExperiment: Experiment = {
  claim: 'claim1',
  name: GAUSSIAN_EXPERIMENT,
  description: 'N(0,1) refit on its own n samples each generation; replace (MLE, unbiased), accumulate, mix λ',
  variants: gaussianVariants,
  seeds: { full: 30, quick: 6 },
  metrics: {
    [gaussianMetric.sigma2]: variance,
    [gaussianMetric.logSigma2]: (row) => {
      const v = variance(row);
      return v === null ? null : Math.log(v);
    },
    [gaussianMetric.gapBits]: (row) => row.gap_bits,
  },
  closedForms(summary: SummaryRow[]): SummaryRow[] {
    const out: SummaryRow[] = [];
    for (const row of summary) {
      const n = row.params.n as number;
      const estimator = row.params.estimator;
      if (row.params.policy !== 'replace') continue;
      const divisor = estimator === 'mle' ? n : n - 1;
      // E[σ²_t] = σ0²((n−1)/divisor)^t; E[ln σ²_t] = t·(ψ((n−1)/2) + ln 2 − ln divisor).
      if (row.metric === gaussianMetric.sigma2) out.push(closedFormRow(row, ((n - 1) / divisor) ** row.t));
      if (row.metric === gaussianMetric.logSigma2) out.push(closedFormRow(row, row.t * expectedLogVarianceStep(n, divisor)));
    }
    return out;
  },
};
