/**
 * How many bits a generation's selection moved the training distribution away from the model
 * (theory.md §3), and how many of them are task information. `shift_bits` is measured for every
 * loop. `injected_bits` is measured, not granted by a signal's declared `reads`: a task-reading
 * signal injects min(shift, n_judged · Î(S;C)) (task-information.ts), real data mixed in adds
 * `policy_injected_bits` (policy-bits.ts), a closed signal injects 0.
 */
import type { Rng } from '../core/rng.js';
import type { AuditLabels, Judged, Learner, Reads, ScoreColumns, SelectionMode, Task, Weighted } from '../core/types.js';
import { scoreEntropy } from '../info/binned.js';
import { binaryEntropy } from '../info/entropy.js';
import { bestOfNShiftBits } from './best-of-n-bits.js';
import { realDataBits, type PolicyBits } from './policy-bits.js';
import { measureTaskInformation, signalInjectedBits, type TaskInformation, type Truth } from './task-information.js';

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
export function weightShiftBits(weights: ArrayLike<number>): number {
  let sum = 0;
  let sumSquares = 0;
  let sumWLogW = 0;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i];
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
export function signalEntropyBits(scores: ArrayLike<number>): number {
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
  /** The signal's own audit (Signal.audit), which replaces free ground truth when the signal has one. */
  audit?: () => AuditLabels | null;
}

/** What accountScores needs beside the judgements' columns. */
export interface ScoreAccounting {
  mode: SelectionMode;
  reads: Reads;
  /** Stream for the interval of Î(S;C). */
  rng: Rng;
  /** The prompt (group) candidate i answers: best-of-n selects once per group. */
  group: (i: number) => number;
  /** The reference surprisal when the signal replaced candidates (imitation), else null. */
  imitationBits: number | null;
  /** Correctness of the judged candidates, asked for only when a task-reading signal is measured. */
  truth: () => Truth;
  /** The bits of the real examples the policy added (policy-bits.ts). */
  policy: PolicyBits;
}

/**
 * The signal's audit sample when it has an audit (none this generation: unmeasured), else ground
 * truth from task.verify on every candidate, else the judgements' audit labels.
 */
export function truthOf<X>(judged: Judged<X>[], task: Task<X>, audit?: () => AuditLabels | null): Truth {
  if (audit) {
    const labels = audit() ?? { index: [], correct: [] };
    return { source: 'audit', index: Int32Array.from(labels.index), correct: Uint8Array.from(labels.correct, (c) => (c ? 1 : 0)) };
  }
  if (task.groundTruth !== false) {
    return { source: 'ground-truth', index: Int32Array.from(judged, (_, i) => i), correct: Uint8Array.from(judged, (j) => (task.verify(j.prompt, j.x) ? 1 : 0)) };
  }
  const index = Int32Array.from(judged.flatMap((j, i) => (j.judgement.audit === undefined ? [] : [i])));
  return { source: 'audit', index, correct: Uint8Array.from(index, (i) => (judged[i].judgement.audit ? 1 : 0)) };
}

export function accountGeneration<X>(judged: Judged<X>[], selected: Weighted<X>[], context: AccountingContext<X>): GenerationBits {
  const score = new Float64Array(judged.length);
  const kept = new Uint8Array(judged.length);
  judged.forEach((j, i) => {
    score[i] = j.judgement.score;
    kept[i] = j.judgement.kept === false ? 0 : 1;
  });
  const replaced = judged.filter((j) => j.judgement.replacement !== undefined);
  // Imitation: the bits needed to point the model at the reference instance it must copy.
  const imitationBits = replaced.length > 0 ? replaced.reduce((bits, j) => bits - context.learner.logProb(j.prompt, j.judgement.replacement as X), 0) : null;
  return accountScores({ score, kept }, selected.length, {
    mode: context.mode,
    reads: context.reads,
    rng: context.rng,
    group: (i) => judged[i].group,
    imitationBits,
    truth: () => truthOf(judged, context.task, context.audit),
    policy: realDataBits(context.real ?? [], context.task, context.learner),
  });
}

/** The accounting of judgements given as columns, `nSelected` the size of the selected set. */
export function accountScores(judged: ScoreColumns, nSelected: number, context: ScoreAccounting): GenerationBits {
  const { score, kept } = judged;
  const { mode, reads, imitationBits, policy } = context;
  const nJudged = score.length;
  let keptByFilter = nSelected;
  if (mode !== 'filter') {
    keptByFilter = 0;
    for (let i = 0; i < nJudged; i++) keptByFilter += kept[i];
  }
  const acceptance = nJudged > 0 ? keptByFilter / nJudged : null;
  let binary = true;
  for (let i = 0; i < nJudged && binary; i++) binary = score[i] === 0 || score[i] === 1;
  const signalEntropy = binary ? nJudged * binaryEntropy(acceptance ?? 0) : signalEntropyBits(score);

  let shift: number;
  let accounting: GenerationBits['accounting'];
  if (imitationBits !== null) {
    accounting = 'imitation';
    shift = imitationBits;
  } else if (mode === 'weight') {
    accounting = 'weight';
    shift = weightShiftBits(score);
  } else if (mode === 'best-of-n') {
    accounting = 'best-of-n';
    shift = bestOfNShiftBits(judged, context.group);
  } else {
    accounting = 'filter';
    shift = filterShiftBits(nSelected, nJudged);
  }
  const taskInformation = measureTaskInformation(judged, mode, reads, imitationBits !== null, context.truth, context.rng);
  const signalBits = signalInjectedBits(shift, nJudged, taskInformation);
  return {
    n_judged: nJudged,
    n_kept: nSelected,
    acceptance,
    signal_entropy_bits: signalEntropy,
    shift_bits: shift,
    injected_bits: signalBits === null ? null : signalBits + policy.bits,
    injected_bits_upper: (reads === 'task' ? shift : 0) + policy.bits,
    policy_injected_bits: policy.bits,
    accounting,
    task_information: taskInformation,
    policy_bits_method: policy.method,
  };
}
