/**
 * How a (prompt, answer) pair becomes one token sequence for a text learner:
 *   prompt tokens + SEP + answer tokens + EOS
 * The learner is trained and scored on the answer tokens and EOS only, conditioned on what
 * precedes them. A free running text (`textBits`, held-out evaluation) is scored after a lone SEP,
 * as the answer to an empty prompt, by the chain rule with each token conditioned on the text going
 * on: −Σ log2 [P(token | SEP + tokens before) / (1 − P(EOS | …) − P(SEP | …))], and without a final
 * EOS. A running text has no end, so the mass a model keeps for ending is not charged to it. That
 * mass is small for an n-gram (≈ 0.01 bits/char on tinyshakespeare) but not for a transformer with
 * position embeddings trained on answers of one length: it learns that EOS comes at a fixed position
 * and, unconditioned, pays some 20 bits wherever a scoring window puts text there.
 */
import type { Prompt, TokenStepper } from '../core/types.js';
import type { Tokenizer } from './tokenize/tokenizer.js';

export interface EncodedPair {
  /** prompt + SEP + answer + EOS */
  ids: number[];
  /** Index of the first answer token (== index of SEP + 1); ids from here on are the targets. */
  answerStart: number;
}

/** prompt + SEP: what an answer is conditioned on. */
export function encodeContext(tokenizer: Tokenizer, promptText: string): number[] {
  const ids = tokenizer.encode(promptText);
  ids.push(tokenizer.specials.sep);
  return ids;
}

export function encodePair(tokenizer: Tokenizer, promptText: string, answer: string): EncodedPair {
  const ids = encodeContext(tokenizer, promptText);
  const answerStart = ids.length;
  for (const id of tokenizer.encode(answer)) ids.push(id);
  ids.push(tokenizer.specials.eos);
  return { ids, answerStart };
}

/** The answer text of generated ids: everything before the first EOS, specials dropped. */
export function decodeAnswer(tokenizer: Tokenizer, ids: number[]): string {
  const end = ids.indexOf(tokenizer.specials.eos);
  return tokenizer.decode(end < 0 ? ids : ids.slice(0, end));
}

/**
 * When sampling stops besides EOS. Tasks ask for a length through `prompt.data`: `max_chars`,
 * `max_tokens`, and `min_chars` (EOS cannot be sampled before the answer has that many characters).
 */
export interface AnswerLimits {
  maxTokens: number;
  /** Stop once the answer has this many characters, and cut it to exactly this many. */
  maxChars: number;
  /** EOS is masked (probability 0, the rest renormalised) until the answer has this many characters. */
  minChars: number;
}

export function answerLimits(prompt: Prompt, defaultMaxTokens: number): AnswerLimits {
  const data = (prompt.data ?? {}) as { max_tokens?: unknown; max_chars?: unknown; min_chars?: unknown };
  const positive = (value: unknown): value is number => Number.isInteger(value) && (value as number) > 0;
  return {
    // every token carries at least one byte and a character at most four, so 4·max_chars tokens always suffice
    maxTokens: positive(data.max_tokens) ? data.max_tokens : positive(data.max_chars) ? 4 * data.max_chars : defaultMaxTokens,
    maxChars: positive(data.max_chars) ? data.max_chars : Infinity,
    minChars: positive(data.min_chars) ? data.min_chars : 0,
  };
}

/** Characters a token adds to decoded text: its bytes that start a UTF-8 character. */
export function charStarts(bytes: Uint8Array): number {
  let count = 0;
  for (const byte of bytes) if ((byte & 0xc0) !== 0x80) count++;
  return count;
}

/** The first `maxChars` code points of a text. */
export function truncateChars(text: string, maxChars: number): string {
  if (!Number.isFinite(maxChars) || text.length <= maxChars) return text;
  return Array.from(text).slice(0, maxChars).join('');
}

/** The tokenizer half of a TokenStepper (the learner adds `start`). */
export function stepperTokens(tokenizer: Tokenizer): Omit<TokenStepper, 'start'> {
  return {
    vocabSize: tokenizer.vocabSize,
    eos: tokenizer.specials.eos,
    tokenBytes: (id) => tokenizer.tokenBytes(id),
    decode: (ids) => tokenizer.decode(ids),
    encode: (text) => tokenizer.encode(text),
  };
}
