/**
 * An experiment is data: variants × seeds of ordinary run configs, the metrics read off each
 * ledger, closed forms where theory gives one, and a verdict rule. The harness runs and summarises.
 */
import type { ConfigInput } from '../config/schema.js';
import type { LedgerRow } from '../ledger/schema.js';

export type ClaimName = 'claim1' | 'claim2' | 'claim3' | 'claim4';

export interface Variant {
  /** e.g. `replace-mle`; unique within the experiment. */
  name: string;
  /** Shown in summary rows (n, K, lambda, ...). */
  params: Record<string, unknown>;
  /** The run config for one seed; `quick` shortens horizons; `earlier` holds runs of earlier phases. */
  config(seed: number, quick: boolean, earlier?: RunRecord[]): ConfigInput;
}

/** One statistic of one (experiment, variant, generation), over seeds. */
export interface SummaryRow {
  experiment: string;
  variant: string;
  params: Record<string, unknown>;
  t: number;
  metric: string;
  mean: number;
  se: number;
  ci_low: number;
  ci_high: number;
  n_runs: number;
  /** 'measured' for statistics over runs, 'closed_form' for theory's prediction. */
  kind?: 'measured' | 'closed_form';
  /**
   * How the interval was computed (stats/intervals.ts): Student t; percentile bootstrap for skewed
   * samples and for non-negative ones whose t interval would reach below 0; 'deterministic' when
   * every run gave the same value (the only zero-width interval); 'none' for theory's rows.
   */
  ci_method?: 't' | 'bootstrap' | 'none' | 'deterministic';
}

/** A finished run as the harness hands it to analysis: its variant, seed and ledger. */
export interface RunRecord {
  experiment: string;
  variant: string;
  seed: number;
  dir: string;
  rows: LedgerRow[];
}

/** A summary row's name without its generation: what a verdict reads. */
export interface RowRef {
  experiment: string;
  variant: string;
  metric: string;
}

export type VerdictLabel = 'supported' | 'not supported' | 'inconclusive';

export interface Verdict {
  claim: ClaimName;
  label: VerdictLabel;
  /** One line: the effect size with its CI and the rule that decided the label. */
  statement: string;
}

export interface Experiment {
  claim: ClaimName;
  name: string;
  description: string;
  variants: Variant[];
  /** Seeds in the full and quick settings. */
  seeds: { full: number; quick: number };
  /** Metric name → value read off a ledger row (null when absent). */
  metrics: Record<string, (row: LedgerRow) => number | null>;
  /** Theory's prediction rows, when it has one. */
  closedForms?(summary: SummaryRow[]): SummaryRow[];
  /** Extra rows computed from whole runs (lead times, first-crossing generations, ...). */
  analyze?(runs: RunRecord[]): SummaryRow[];
  /** Names of the run-level rows `analyze` adds (a verdict may read them). */
  runMetrics?: readonly string[];
  /** Variants that exist only as pooled run-level rows (e.g. several variants' runs together). */
  pooledVariants?: readonly string[];
  /** Experiments of a claim run phase by phase (default 0); later phases see earlier runs in `config`. */
  phase?: number;
}

/** A claim: its experiments and the rule that turns their summary into a verdict. */
export interface ClaimDefinition {
  name: ClaimName;
  /** One line, e.g. "closed loops collapse". */
  title: string;
  experiments: Experiment[];
  /** Every row its verdict reads, by name; a test checks that each is one its experiments produce. */
  reads: readonly RowRef[];
  /** The verdict rule's named thresholds and its one pre-registered comparison (verdict.ts); hashed with the settings. */
  rule: { thresholds: Readonly<Record<string, number>>; comparison: string };
  /** The verdict rule: reads only the saved summary rows (and the runs' ledgers). */
  verdict(summary: SummaryRow[], runs: RunRecord[]): Verdict;
}
