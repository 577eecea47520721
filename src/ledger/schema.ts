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
  /** Measured task bits (signal's min(shift, n_judged·Î(S;C)) + policy's real-data bits); null when unmeasured. */
  injected_bits: number | null;
  injected_bits_cum: number | null;
  /** How far the selection moved the training distribution from P_t, task information or not. */
  shift_bits: number;
  /** The declared bound injected_bits cannot exceed: shift_bits of a task-reading signal + policy bits. */
  injected_bits_upper: number;
  /** Real examples' bits (mix): n_real·KL(P*‖P_t), or their cross-entropy as an upper bound (extras.policy_bits_method). */
  policy_injected_bits: number;
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
  'injected_bits', 'injected_bits_cum', 'shift_bits', 'injected_bits_upper', 'policy_injected_bits', 'gap_bits', 'accuracy',
  'heldout_accuracy', 'entropy_bits', 'support', 'wall_ms', 'extras',
];
