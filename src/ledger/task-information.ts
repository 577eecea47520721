/**
 * What a task-reading signal's decisions carry about correctness: Î(S;C) per judgement, S the
 * signal's decision and C ground truth (task.verify on every judged candidate when the task has
 * free ground truth, else the judgements' audit labels). The signal's injected bits are then
 *   min(shift_bits, n_judged · Î(S;C))            (theory.md §3)
 * with the point estimate when every judged candidate is labelled and the interval's upper end when
 * only an audit sample is. Without ground truth or audit labels the bits are unmeasured (null).
 *
 * A clean filter (S = C) gets exactly its shift: Î = H(S) = H2(â) on the batch, and
 *   n·H2(â) = n_kept·(−log2 â) + (n − n_kept)·(−log2(1−â)) ≥ n_kept·(−log2 â) = shift_bits,
 * since the second term is ≥ 0. So the cap never binds for a noiseless verifier.
 */
import type { Rng } from '../core/rng.js';
import type { Reads, ScoreColumns, SelectionMode } from '../core/types.js';
import { scoreLabels } from '../info/binned.js';
import { jointTable, jointTableOfSmallLabels, tableInformationInterval, type JointTable } from '../info/paired.js';

export interface TaskInformation {
  /** Where C came from: every judged candidate, an audit sample, nowhere, or not needed. */
  source: 'ground-truth' | 'audit' | 'unmeasured' | 'imitation' | 'not-read';
  /** Î(S;C) in bits per judgement (null when not measured). */
  mi_bits: number | null;
  /** 95% percentile bootstrap interval of Î (never below 0). */
  mi_interval: [number, number] | null;
  /** Which end of Î the cap used: the estimate on all judged candidates, the upper end on an audit. */
  bound: 'point' | 'upper' | null;
  /** Labelled judgements Î was estimated on. */
  audit_n: number;
}

/**
 * Correctness C of the judged candidates: `index[k]` is a labelled candidate and `correct[k]` its
 * label (1 correct, 0 not). Ground truth labels every candidate (index = 0..n−1); an audit some.
 */
export interface Truth {
  source: 'ground-truth' | 'audit';
  index: Int32Array;
  correct: Uint8Array;
}

const NOT_MEASURED = { mi_bits: null, mi_interval: null, bound: null, audit_n: 0 } as const;

/** The decision S a selection acts on: kept for a filter, kept and the (binned) score otherwise. */
export function decisions(judged: ScoreColumns, mode: SelectionMode): (string | boolean)[] {
  const { score, kept } = judged;
  if (mode === 'filter') return Array.from(kept, (k) => k !== 0);
  const labels = scoreLabels(score);
  return labels.map((label, i) => `${kept[i] !== 0}:${label}`);
}

/**
 * The joint table of S (the decisions of the labelled candidates) and C. A filter's decision is
 * `kept` itself, counted in typed passes; graded decisions are labelled as `decisions` labels them.
 */
function decisionTable(judged: ScoreColumns, mode: SelectionMode, index: Int32Array, correct: Uint8Array): JointTable {
  if (mode === 'filter') return jointTableOfSmallLabels(judged.kept, correct, index);
  const S = decisions(judged, mode);
  return jointTable(Array.from(index, (i) => S[i]), correct);
}

/**
 * Î(S;C) for a task-reading signal's judgements; `truth` is asked for only when it is needed
 * (a signal that reads the task and replaced nothing).
 */
export function measureTaskInformation(judged: ScoreColumns, mode: SelectionMode, reads: Reads, imitation: boolean, truth: () => Truth, rng: Rng): TaskInformation {
  if (reads !== 'task') return { source: 'not-read', ...NOT_MEASURED };
  // the reference answer is correct by construction: the bits that point at it are task bits
  if (imitation) return { source: 'imitation', ...NOT_MEASURED };
  const { source, index, correct } = truth();
  if (index.length === 0) return { source: 'unmeasured', ...NOT_MEASURED };
  const result = tableInformationInterval(decisionTable(judged, mode, index, correct), { rng: rng.fork('task-information') });
  return { source, mi_bits: result.estimate, mi_interval: result.interval, bound: source === 'audit' ? 'upper' : 'point', audit_n: index.length };
}

/** min(shift, n_judged · Î) with the bound the measurement names; the shift itself for imitation, 0 when not read. */
export function signalInjectedBits(shiftBits: number, nJudged: number, info: TaskInformation): number | null {
  if (info.source === 'not-read') return 0;
  if (info.source === 'imitation') return shiftBits;
  if (info.mi_bits === null || info.mi_interval === null) return null;
  const perJudgement = info.bound === 'upper' ? info.mi_interval[1] : info.mi_bits;
  return Math.min(shiftBits, nJudged * perJudgement);
}
