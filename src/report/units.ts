/**
 * What a chart's y axis shows, by ledger column or summary metric: the quantity with its unit, and
 * whether it can be negative (then the axis need not start at 0).
 */

export interface Axis {
  label: string;
  nonNegative: boolean;
  /** The largest value the quantity can take, when it has one (1 for a fraction). */
  upper?: number;
}

const FIXED: Record<string, Axis> = {
  accuracy: { upper: 1, label: 'accuracy', nonNegative: true },
  acceptance: { upper: 1, label: 'acceptance (fraction kept)', nonNegative: true },
  heterozygosity: { upper: 1, label: 'heterozygosity 1 − Σp²', nonNegative: true },
  support: { label: 'support (categories)', nonNegative: true },
  distinct_4grams: { label: 'distinct 4-grams', nonNegative: true },
  sigma2: { label: 'variance σ²', nonNegative: true },
  log_sigma2: { label: 'ln σ²', nonNegative: false },
  n_kept: { label: 'samples kept', nonNegative: true },
  efficiency: { label: 'accuracy gained per bit', nonNegative: false },
  feature_rate: { upper: 1, label: 'fraction with the feature', nonNegative: true },
  proxy_reward: { label: 'proxy reward', nonNegative: true },
  hacking_alarm: { upper: 1, label: 'fraction of runs in alarm', nonNegative: true },
  sample_entropy_rate_bits: { label: 'bits/char of own samples', nonNegative: true },
  gap_bits: { label: 'gap (bits)', nonNegative: true },
  injected_bits: { label: 'injected (bits)', nonNegative: true },
  injected_bits_cum: { label: 'injected, cumulative (bits)', nonNegative: true },
  shift_bits: { label: 'shift (bits)', nonNegative: true },
  signal_entropy_bits: { label: 'signal entropy (bits)', nonNegative: true },
  entropy_bits: { label: 'entropy (bits)', nonNegative: true },
  reference_bits: { label: 'reference surprisal (bits)', nonNegative: true },
  mi_score_correct: { label: 'I(S;C) (bits)', nonNegative: true },
  mi_score_feature_given_correct: { label: 'I(S;F|C) (bits)', nonNegative: true },
};

/** The y axis of a summary metric or ledger column; per-character quantities are bits/char. */
export function metricAxis(metric: string): Axis {
  if (FIXED[metric]) return FIXED[metric];
  if (/per_char/.test(metric)) return { label: metric.replace(/_/g, ' ').replace('bits per char', 'bits/char'), nonNegative: true };
  if (/accuracy|^heldout_(form|difficulty|family)$/.test(metric)) {
    return /gain|delta|per_bit/.test(metric) ? { label: metric.replace(/_/g, ' '), nonNegative: false } : { label: metric.replace(/_/g, ' '), nonNegative: true, upper: 1 };
  }
  if (/bits/.test(metric)) return { label: `${metric.replace(/_?bits_?/, ' ').replace(/_/g, ' ').trim()} (bits)`, nonNegative: !/slack|gain|delta|per_bit/.test(metric) };
  return { label: metric.replace(/_/g, ' '), nonNegative: false };
}
