/** The closure monitor: says when no signal reads the task, and when a closed loop still shifts. */
import type { Reads } from '../core/types.js';

export const CLOSED_WARNING =
  'closed loop: no signal reads the task; by the data processing inequality task information can only fall';

/** Fraction of this generation's signal bits from signals that read the task (one signal per run). */
export function taskFraction(reads: Reads): number {
  return reads === 'task' ? 1 : 0;
}

/** Closed when no member reads the task: neither the signal nor the data policy (fresh real data). */
export function isClosed(signalReads: Reads, policyReads: Reads = 'nothing'): boolean {
  return taskFraction(signalReads) === 0 && policyReads !== 'task';
}

/** A closed loop whose selection still moves the distribution amplifies the model's own bias. */
export function selfAmplificationWarning(closed: boolean, shiftBits: number, generation: number): string | null {
  return closed && shiftBits > 0
    ? `generation ${generation}: closed loop shifted the training distribution by ${shiftBits.toFixed(1)} bits (amplifying the model's own bias)`
    : null;
}
