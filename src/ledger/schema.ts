/** One ledger row per generation (design.md); row t describes the model P_t. */
import type { Reads } from '../core/types.js';

export interface LedgerRow {
  run_id: string;
  seed: number;
  generation: number;
  policy: string;
  signal: string;
  signal_reads: Reads;
  closed: boolean;
  n_generated: number;
  n_judged: number;
  n_kept: number;
  acceptance: number | null;
  signal_entropy_bits: number;
  injected_bits: number;
  injected_bits_cum: number;
  shift_bits: number;
  gap_bits: number | null;
  accuracy: number | null;
  heldout_accuracy: number | null;
  entropy_bits: number | null;
  support: number | null;
  wall_ms: number;
  extras: Record<string, unknown>;
}

/** Column order for tables and CSV. */
export const LEDGER_COLUMNS: readonly (keyof LedgerRow)[] = [
  'run_id', 'seed', 'generation', 'policy', 'signal', 'signal_reads', 'closed',
  'n_generated', 'n_judged', 'n_kept', 'acceptance', 'signal_entropy_bits',
  'injected_bits', 'injected_bits_cum', 'shift_bits', 'gap_bits', 'accuracy',
  'heldout_accuracy', 'entropy_bits', 'support', 'wall_ms', 'extras',
];
