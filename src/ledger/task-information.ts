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
import type { Judged, Reads, SelectionMode, Task } from '../core/types.js';
import { scoreLabels } from '../info/binned.js';
import { pairedInformationInterval } from '../info/paired.js';

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

const NOT_MEASURED = { mi_bits: null, mi_interval: null, bound: null, audit_n: 0 } as const;

/** The decision S a selection acts on: kept for a filter, kept and the (binned) score otherwise. */
export function decisions<X>(judged: Judged<X>[], mode: SelectionMode): (string | boolean)[] {
  if (mode === 'filter') return judged.map((j) => j.judgement.kept !== false);
  const labels = scoreLabels(judged.map((j) => j.judgement.score));
  return judged.map((j, i) => `${j.judgement.kept !== false}:${labels[i]}`);
}

export function measureTaskInformation<X>(judged: Judged<X>[], mode: SelectionMode, reads: Reads, task: Task<X>, rng: Rng): TaskInformation {
  if (reads !== 'task') return { source: 'not-read', ...NOT_MEASURED };
  // the reference answer is correct by construction: the bits that point at it are task bits
  if (judged.some((j) => j.judgement.replacement !== undefined)) return { source: 'imitation', ...NOT_MEASURED };
  const S = decisions(judged, mode);
  let labelled: number[];
  let C: boolean[];
  let source: TaskInformation['source'];
  if (task.groundTruth !== false) {
    labelled = judged.map((_, i) => i);
    C = judged.map((j) => task.verify(j.prompt, j.x));
    source = 'ground-truth';
  } else {
    labelled = judged.flatMap((j, i) => (j.judgement.audit === undefined ? [] : [i]));
    C = labelled.map((i) => judged[i].judgement.audit as boolean);
    source = 'audit';
  }
  if (labelled.length === 0) return { source: 'unmeasured', ...NOT_MEASURED };
  const result = pairedInformationInterval(labelled.map((i) => S[i]), C, { rng: rng.fork('task-information') });
  return { source, mi_bits: result.estimate, mi_interval: result.interval, bound: source === 'audit' ? 'upper' : 'point', audit_n: labelled.length };
}

/** min(shift, n_judged · Î) with the bound the measurement names; the shift itself for imitation, 0 when not read. */
export function signalInjectedBits(shiftBits: number, nJudged: number, info: TaskInformation): number | null {
  if (info.source === 'not-read') return 0;
  if (info.source === 'imitation') return shiftBits;
  if (info.mi_bits === null || info.mi_interval === null) return null;
  const perJudgement = info.bound === 'upper' ? info.mi_interval[1] : info.mi_bits;
  return Math.min(shiftBits, nJudged * perJudgement);
}
