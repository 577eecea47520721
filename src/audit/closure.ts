/**
 * The closure estimate: how predictable each response is from the rest of the dataset. The rows
 * are split into k folds; an interpolated Kneser–Ney character n-gram (learners/ngram.ts) is fit
 * on the responses of k − 1 folds and scores each held-out response in bits per character
 * (`textBits`: each character given the ones before it in the same response). With a reference
 * text, one model fit on the reference scores the same responses. docs/audit.md says what this
 * estimates and what it does not.
 */
import type { Rng } from '../core/rng.js';
import { shuffle } from '../core/rng.js';
import { NgramLearner } from '../learners/ngram.js';
import { hash53 } from './hash.js';

export interface ClosureOptions {
  folds: number;
  order: number;
}

export interface ClosureResult {
  /** Held-out bits per character under the other folds' model (total bits / total characters). */
  self_bits_per_char: number | null;
  /** The same responses under the model fit on the reference, or null without one. */
  reference_bits_per_char: number | null;
  /** reference − self: how many bits per character the dataset saves by predicting itself. */
  self_minus_reference_gap: number | null;
  folds: number;
  order: number;
  rows: number;
  chars: number;
  reference_chars: number | null;
  /** Held-out bits of each text (NaN for an empty one), in the order given. */
  rowBits: Float64Array;
  /** Characters of each text, as `textBits` counts them. */
  rowChars: Float64Array;
}

const EMPTY_PROMPT = { id: 'audit', text: '' };

function fitModel(texts: readonly string[], order: number, rng: Rng): NgramLearner {
  const learner = new NgramLearner({ order });
  learner.fit(texts.filter((text) => text.length > 0).map((x) => ({ prompt: EMPTY_PROMPT, x, weight: 1 })), rng);
  return learner;
}

/** k-fold held-out bits per character of `texts`, and under a model of `reference` when given. */
export function closureEstimate(texts: readonly string[], options: ClosureOptions, rng: Rng, reference?: readonly string[]): ClosureResult {
  const n = texts.length;
  const folds = Math.max(2, Math.min(options.folds, n));
  const order = shuffle(rng.fork('closure-folds'), Array.from({ length: n }, (_, i) => i));
  const foldOf = new Int32Array(n);
  order.forEach((row, rank) => (foldOf[row] = rank % folds));
  const rowBits = new Float64Array(n).fill(NaN);
  const rowChars = new Float64Array(n);
  let bits = 0;
  let chars = 0;
  if (n >= 2) {
    for (let fold = 0; fold < folds; fold++) {
      const model = fitModel(texts.filter((_, i) => foldOf[i] !== fold), options.order, rng.fork(`closure-fit-${fold}`));
      for (let i = 0; i < n; i++) {
        if (foldOf[i] !== fold || texts[i].length === 0) continue;
        const scored = model.textBits(texts[i]);
        rowBits[i] = scored.bits;
        rowChars[i] = scored.chars;
        bits += scored.bits;
        chars += scored.chars;
      }
    }
  }
  let referenceBitsPerChar: number | null = null;
  let referenceChars: number | null = null;
  if (reference) {
    const model = fitModel(reference, options.order, rng.fork('closure-reference'));
    referenceChars = reference.reduce((sum, text) => sum + text.length, 0);
    let referenceBits = 0;
    let scoredChars = 0;
    for (const text of texts) {
      if (text.length === 0) continue;
      const scored = model.textBits(text);
      referenceBits += scored.bits;
      scoredChars += scored.chars;
    }
    referenceBitsPerChar = scoredChars > 0 ? referenceBits / scoredChars : null;
  }
  const self = chars > 0 ? bits / chars : null;
  return {
    self_bits_per_char: self,
    reference_bits_per_char: referenceBitsPerChar,
    self_minus_reference_gap: self !== null && referenceBitsPerChar !== null ? referenceBitsPerChar - self : null,
    folds,
    order: options.order,
    rows: n,
    chars,
    reference_chars: referenceChars,
    rowBits,
    rowChars,
  };
}

/**
 * Plug-in conditional entropy of a character given the `context` characters before it in the
 * same response, H(X_t | X_{t−c..t−1}) = [Σ_h n(h) log2 n(h) − Σ_{h,x} n(h,x) log2 n(h,x)] / N,
 * bits per character. Biased low when many contexts are seen only a few times (small samples).
 * (Context, character) and context strings are counted through their 53-bit hashes, sorted.
 */
export function entropyRate(texts: readonly string[], context = 3): number | null {
  let positions = 0;
  for (const text of texts) positions += Math.max(0, text.length - context);
  if (positions === 0) return null;
  const joint = new Float64Array(positions);
  const histories = new Float64Array(positions);
  let at = 0;
  for (const text of texts) {
    for (let i = context; i < text.length; i++, at++) {
      joint[at] = hash53(text, i - context, i + 1);
      histories[at] = hash53(text, i - context, i);
    }
  }
  return (sumCountLogCount(histories) - sumCountLogCount(joint)) / positions;
}

/** Σ over distinct values of n log2 n, n each value's count. */
function sumCountLogCount(values: Float64Array): number {
  values.sort();
  let sum = 0;
  let run = 1;
  for (let i = 1; i <= values.length; i++) {
    if (i < values.length && values[i] === values[i - 1]) run++;
    else {
      if (run > 1) sum += run * Math.log2(run);
      run = 1;
    }
  }
  return sum;
}
