/** The closure monitor: says when no signal reads the task, and when a closed loop still shifts. */
import type { Reads } from '../core/types.js';
import type { LedgerRow } from './schema.js';

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

interface DetectorNote {
  feature: string | null;
  value: string | null;
  p_value: number | null;
  cmi_bits: number | null;
}

/** Said once, at the generation where the reward-hacking alarm turns on. */
export function hackingAlarmWarning(previous: LedgerRow | undefined, row: LedgerRow): string | null {
  if (row.extras?.hacking_alarm !== true || previous?.extras?.hacking_alarm === true) return null;
  const detector = (row.extras.hacking_detector ?? {}) as Partial<DetectorNote>;
  const feature = detector.feature ? `${detector.feature} = ${JSON.stringify(detector.value)}` : 'a feature';
  const stats = detector.cmi_bits != null && detector.p_value != null ? ` (I(S;F|C) = ${detector.cmi_bits.toFixed(3)} bits, p = ${detector.p_value.toFixed(3)})` : '';
  return `generation ${row.generation}: hacking alarm: the signal rewards ${feature} beyond correctness${stats} and the model is adopting it`;
}

/** Why a generation's injected bits are null (recorded once in meta.json). */
export function unmeasuredWarning(signal: string, task: string, hasAudit: boolean): string {
  return hasAudit
    ? `injected bits unmeasured (null) in generations without an audit: signal "${signal}" is measured on its audit sample only; audit_every 1 measures every generation`
    : `injected bits unmeasured (null): signal "${signal}" reads the task, but task "${task}" has no ground truth and the signal no audit labels; ` +
        'give the signal an audit (llm-judge: audit_size, audit_labels) to measure them';
}
