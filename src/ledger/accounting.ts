/**
 * How many bits a generation's selection moved the training distribution away from the model
 * (theory.md §3). `shift_bits` is measured for every loop; `injected_bits` counts it only when the
 * signal reads the task, so a closed loop injects 0 by construction of its declared `reads`.
 */
import type { Judged, Learner, Reads, ScoreColumns, SelectionMode, Weighted } from '../core/types.js';
import { binaryEntropy, entropyOfProbs } from '../info/entropy.js';

export interface GenerationBits {
  n_judged: number;
  n_kept: number;
  acceptance: number | null;
  signal_entropy_bits: number;
  shift_bits: number;
  injected_bits: number;
  /** Which formula gave shift_bits. */
  accounting: 'filter' | 'weight' | 'imitation';
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

/** n_judged · H(score values): H2(â) for binary signals, the plug-in entropy of values otherwise. */
export function signalEntropyBits(scores: ArrayLike<number>): number {
  if (scores.length === 0) return 0;
  const counts = new Map<number, number>();
  for (let i = 0; i < scores.length; i++) counts.set(scores[i], (counts.get(scores[i]) ?? 0) + 1);
  const probs = [...counts.values()].map((c) => c / scores.length);
  return scores.length * entropyOfProbs(probs);
}

export function accountGeneration<X>(
  judged: Judged<X>[],
  selected: Weighted<X>[],
  mode: SelectionMode,
  reads: Reads,
  learner: Learner<X>,
): GenerationBits {
  const score = new Float64Array(judged.length);
  const kept = new Uint8Array(judged.length);
  judged.forEach((j, i) => {
    score[i] = j.judgement.score;
    kept[i] = j.judgement.kept === false ? 0 : 1;
  });
  const replaced = judged.filter((j) => j.judgement.replacement !== undefined);
  // Imitation: the bits needed to point the model at the reference instance it must copy.
  const imitationBits = replaced.length > 0 ? replaced.reduce((bits, j) => bits - learner.logProb(j.prompt, j.judgement.replacement as X), 0) : null;
  return accountScores({ score, kept }, selected.length, mode, reads, imitationBits);
}

/**
 * The accounting of judgements given as columns, `nSelected` the size of the selected set;
 * `imitationBits` is the reference surprisal when the signal replaced candidates (else null).
 */
export function accountScores(judged: ScoreColumns, nSelected: number, mode: SelectionMode, reads: Reads, imitationBits: number | null = null): GenerationBits {
  const { score, kept } = judged;
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
  } else {
    accounting = 'filter';
    shift = filterShiftBits(nSelected, nJudged);
  }
  return {
    n_judged: nJudged,
    n_kept: nSelected,
    acceptance,
    signal_entropy_bits: signalEntropy,
    shift_bits: shift,
    injected_bits: reads === 'task' ? shift : 0,
    accounting,
  };
}
