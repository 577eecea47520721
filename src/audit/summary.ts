/**
 * The audit's summary.json: fixed keys (docs/audit.md documents each) that other tools can read.
 * The keys listed in REQUIRED_KEYS keep their meaning; more may be added.
 */
import type { LengthSummary } from './diversity.js';
import type { FieldSpec } from './fields.js';
import type { DatasetFormat } from './read.js';
import type { SignalSummary, VerifierSummary } from './signal.js';

export const AUDIT_SCHEMA = 'infoloop.audit/1';

export interface MalformedLine {
  line: number;
  error: string;
}

export interface ClusterExample {
  size: number;
  /** Line numbers (1-based) of up to 5 members. */
  lines: number[];
  preview: string;
}

export interface ClusterSummary {
  count: number;
  largest: number;
  rows_in_clusters: number;
  examples: ClusterExample[];
  pairs: { line_a: number; line_b: number; jaccard: number; preview_a: string; preview_b: string }[];
  permutations: number;
  bands: number;
  threshold: number;
}

export interface DiversitySummary {
  distinct_1: number | null;
  distinct_2: number | null;
  distinct_3: number | null;
  /** Whether distinct-n came from exact counts (false: k-minimum-values sketches, see sampling). */
  distinct_exact: boolean;
  entropy_rate_bits_per_char: number | null;
  nsb_entropy_bits: number | null;
  /** What the NSB estimate is of: responses' first words, or the verifier's answers. */
  nsb_of: 'first_word' | 'answer' | null;
  nsb_distinct: number | null;
  compression_ratio: number | null;
  length: LengthSummary | null;
  exact_duplicate_fraction: number | null;
  duplicate_response_fraction: number | null;
  near_duplicate_fraction: number | null;
  clusters: ClusterSummary | null;
}

export interface SourceSummary {
  rows: number;
  acceptance: number | null;
  signal_entropy_bits: number | null;
  shift_bits: number | null;
  verifier: VerifierSummary | null;
  filter_bits: number | null;
  diversity: Pick<DiversitySummary, 'distinct_1' | 'distinct_2' | 'distinct_3' | 'nsb_entropy_bits' | 'length' | 'exact_duplicate_fraction'>;
}

export interface SampleNote {
  what: string;
  rows: number;
  of_rows: number;
  method: string;
}

export interface AuditSummary {
  schema: typeof AUDIT_SCHEMA;
  file: string;
  format: DatasetFormat;
  bytes: number;
  seed: number;
  rows: number;
  malformed: { count: number; first: MalformedLine[] };
  missing_response: number;
  fields: FieldSpec & { verifier: string };
  signal: SignalSummary;
  acceptance: number | null;
  signal_entropy_bits: number | null;
  shift_bits: number | null;
  verifier: VerifierSummary | null;
  closure: {
    self_bits_per_char: number | null;
    reference_bits_per_char: number | null;
    self_minus_reference_gap: number | null;
    reference_file: string | null;
    folds: number;
    order: number;
    rows: number;
    chars: number;
    reference_chars: number | null;
  };
  diversity: DiversitySummary;
  filter_bits: number | null;
  sampling: { exact: string[]; sampled: SampleNote[] };
  by_source: Record<string, SourceSummary> | null;
}

/** The keys issue #19 fixes; `summary.test.ts` checks every summary has them. */
export const REQUIRED_KEYS = ['rows', 'malformed', 'fields', 'acceptance', 'signal_entropy_bits', 'shift_bits', 'verifier', 'closure', 'diversity', 'filter_bits', 'sampling', 'by_source'] as const;
export const REQUIRED_DIVERSITY_KEYS = ['distinct_1', 'distinct_2', 'distinct_3', 'entropy_rate_bits_per_char', 'nsb_entropy_bits', 'compression_ratio', 'length', 'exact_duplicate_fraction', 'near_duplicate_fraction', 'clusters'] as const;
