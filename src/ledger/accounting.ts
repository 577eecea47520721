/**
 * How many bits a generation's selection moved the training distribution away from the model
 * (theory.md §3), and how many of them are task information. `shift_bits` is measured for every
 * loop. `injected_bits` is measured, not granted by a signal's declared `reads`: a task-reading
 * signal injects min(shift, n_judged · Î(S;C)) (task-information.ts), real data mixed in adds
 * `policy_injected_bits` (policy-bits.ts), a closed signal injects 0.
 */
import type { Rng } from '../core/rng.js';
import type { Judged, Learner, Reads, SelectionMode, Task, Weighted } from '../core/types.js';
import { scoreEntropy } from '../info/binned.js';
import { binaryEntropy } from '../info/entropy.js';
import { bestOfNShiftBits } from './best-of-n-bits.js';
import { realDataBits, type PolicyBits } from './policy-bits.js';
import { measureTaskInformation, signalInjectedBits, type TaskInformation } from './task-information.js';

export interface GenerationBits {
  n_judged: number;
  n_kept: number;
  acceptance: number | null;
  signal_entropy_bits: number;
  shift_bits: number;
  /** Task bits: the signal's measured part plus the policy's real-data bits; null when unmeasured. */
  injected_bits: number | null;
  /** The declared upper bound: shift_bits plus the policy's bits (what injected_bits cannot exceed). */
  injected_bits_upper: number;
  policy_injected_bits: number;
  /** Which formula gave shift_bits. */
  accounting: 'filter' | 'weight' | 'best-of-n' | 'imitation';
  task_information: TaskInformation;
  policy_bits_method: PolicyBits['method'];
}

/** Hard filter keeping a fraction â: KL(P|A ‖ P) = −log2 â per kept sample. */
export function filterShiftBits(nKept: number, nJudged: number): number {
  if (nKept === 0 || nJudged === 0) return 0;
  return nKept * Math.log2(nJudged / nKept);
}

/**
 * Weighting Q ∝ P·w with samples x_i ~ P: KL(Q‖P) = E_Q[log2 w] − log2 E_P[w], both estimated by
 * self-normalised importance weights, times the effective sample size (Σw)²/Σw².
 */
export function weightShiftBits(weights: number[]): number {
  let sum = 0;
  let sumSquares = 0;
  let sumWLogW = 0;
  for (const w of weights) {
    sum += w;
    sumSquares += w * w;
    if (w > 0) sumWLogW += w * Math.log2(w);
  }
  if (sum === 0) return 0;
  const kl = sumWLogW / sum - Math.log2(sum / weights.length);
  const ess = (sum * sum) / sumSquares;
  return Math.max(0, kl) * ess; // rounding can leave −1e-16 where Jensen says ≥ 0
}

/** n_judged · H(score): exact counting of few values (rubric levels), ⌈√n⌉ equal-width bins for a continuous score (info/binned.ts). */
export function signalEntropyBits(scores: number[]): number {
  return scores.length * scoreEntropy(scores);
}

/** Running total of injected bits: unmeasured (null) from the first unmeasured generation on. */
export function addInjected(total: number | null, bits: number | null): number | null {
  return total === null || bits === null ? null : total + bits;
}

export interface AccountingContext<X> {
  mode: SelectionMode;
  reads: Reads;
  learner: Learner<X>;
  task: Task<X>;
  /** Stream for the interval of Î(S;C). */
  rng: Rng;
  /** Fresh real examples the policy adds to this generation's training set. */
  real?: Weighted<X>[];
}

function shiftOf<X>(judged: Judged<X>[], selected: Weighted<X>[], context: AccountingContext<X>): { shift: number; accounting: GenerationBits['accounting'] } {
  const replaced = judged.filter((j) => j.judgement.replacement !== undefined);
  // Imitation: the bits needed to point the model at the reference instance it must copy.
  if (replaced.length > 0) return { accounting: 'imitation', shift: replaced.reduce((bits, j) => bits - context.learner.logProb(j.prompt, j.judgement.replacement as X), 0) };
  if (context.mode === 'weight') return { accounting: 'weight', shift: weightShiftBits(judged.map((j) => j.judgement.score)) };
  if (context.mode === 'best-of-n') return { accounting: 'best-of-n', shift: bestOfNShiftBits(judged) };
  return { accounting: 'filter', shift: filterShiftBits(selected.length, judged.length) };
}

export function accountGeneration<X>(judged: Judged<X>[], selected: Weighted<X>[], context: AccountingContext<X>): GenerationBits {
  const nJudged = judged.length;
  const keptByFilter = context.mode === 'filter' ? selected.length : judged.filter((j) => j.judgement.kept !== false).length;
  const acceptance = nJudged > 0 ? keptByFilter / nJudged : null;
  const binary = judged.every((j) => j.judgement.score === 0 || j.judgement.score === 1);
  const signalEntropy = binary ? nJudged * binaryEntropy(acceptance ?? 0) : signalEntropyBits(judged.map((j) => j.judgement.score));
  const { shift, accounting } = shiftOf(judged, selected, context);
  const taskInformation = measureTaskInformation(judged, context.mode, context.reads, context.task, context.rng);
  const signalBits = signalInjectedBits(shift, nJudged, taskInformation);
  const policy = realDataBits(context.real ?? [], context.task, context.learner);
  return {
    n_judged: nJudged,
    n_kept: selected.length,
    acceptance,
    signal_entropy_bits: signalEntropy,
    shift_bits: shift,
    injected_bits: signalBits === null ? null : signalBits + policy.bits,
    injected_bits_upper: (context.reads === 'task' ? shift : 0) + policy.bits,
    policy_injected_bits: policy.bits,
    accounting,
    task_information: taskInformation,
    policy_bits_method: policy.method,
  };
}
