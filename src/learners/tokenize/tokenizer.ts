/**
 * Tokenizers shared by the text learners. Ids 0..255 are the UTF-8 bytes, then the two specials
 * (end-of-answer, prompt/answer separator), then any byte-pair merges; so every tokenizer can
 * encode any string, and decode(encode(s)) === s for every well-formed UTF-8 (JS) string.
 */
import { InfoloopError } from '../../core/errors.js';
import { BytePairTokenizer, trainBytePairs } from './bpe.js';
import { ByteTokenizer } from './byte.js';
import { EOS, FIRST_MERGE, MAX_VOCAB, SEP } from './ids.js';

export interface Tokenizer {
  name: string;
  /** Number of ids: 256 bytes + 2 specials + merges. */
  vocabSize: number;
  specials: { eos: number; sep: number };
  /** Ids of a text; never contains a special. */
  encode(text: string): number[];
  /** The text of a list of ids; specials are skipped, invalid UTF-8 becomes U+FFFD. */
  decode(ids: number[]): string;
  /** The bytes a token stands for (empty for the specials). */
  tokenBytes(id: number): Uint8Array;
  toJSON(): TokenizerJson;
}

export type TokenizerSpec = { kind: 'char' } | { kind: 'bpe'; vocab_size: number };
export type TokenizerJson = { kind: 'char' } | { kind: 'bpe'; vocab_size: number; merges: number[] };

export { BYTE_COUNT, EOS, SEP, FIRST_MERGE, MAX_VOCAB } from './ids.js';

/**
 * A tokenizer from its spec. `char` is byte-level; `bpe` learns `vocab_size − 258` merges from
 * `corpus` (fewer if the corpus runs out of repeated pairs; with no corpus it has no merges yet).
 */
export function createTokenizer(spec: TokenizerSpec, corpus?: string): Tokenizer {
  if (spec.kind === 'char') return new ByteTokenizer();
  if (spec.kind === 'bpe') {
    checkVocabSize(spec.vocab_size);
    const merges = corpus ? trainBytePairs(corpus, spec.vocab_size - FIRST_MERGE) : [];
    return new BytePairTokenizer(spec.vocab_size, merges);
  }
  throw new InfoloopError('E_CONFIG', `tokenizer kind "${(spec as { kind: unknown }).kind}" is unknown`, 'use tokenizer: char or tokenizer: { kind: bpe, vocab_size: 512 }');
}

/** Rebuild a tokenizer saved with `toJSON()`. */
export function tokenizerFromJSON(json: unknown): Tokenizer {
  const value = json as Partial<{ kind: string; vocab_size: number; merges: number[] }> | null;
  if (value?.kind === 'char') return new ByteTokenizer();
  if (value?.kind === 'bpe' && Array.isArray(value.merges) && value.merges.length % 2 === 0 && typeof value.vocab_size === 'number') {
    checkVocabSize(value.vocab_size);
    const merges: Array<[number, number]> = [];
    for (let i = 0; i < value.merges.length; i += 2) {
      const [left, right] = [value.merges[i], value.merges[i + 1]];
      const limit = FIRST_MERGE + merges.length;
      if (!isId(left, limit) || !isId(right, limit) || left === EOS || left === SEP || right === EOS || right === SEP) {
        throw new InfoloopError('E_RESUME', `saved BPE merge ${merges.length} refers to an invalid id`, 'restore a tokenizer saved by toJSON()');
      }
      merges.push([left, right]);
    }
    return new BytePairTokenizer(value.vocab_size, merges);
  }
  throw new InfoloopError('E_RESUME', 'not a saved tokenizer', 'pass the object returned by tokenizer.toJSON()');
}

/** Characters (Unicode code points) of a text: the unit of bits/char. */
export function countChars(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0xdc00 || code > 0xdfff || i === 0 || !isHighSurrogate(text.charCodeAt(i - 1))) count++;
  }
  return count;
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isId = (value: unknown, limit: number): value is number => Number.isInteger(value) && (value as number) >= 0 && (value as number) < limit;

function checkVocabSize(size: number): void {
  if (!Number.isInteger(size) || size < FIRST_MERGE || size > MAX_VOCAB) {
    throw new InfoloopError('E_CONFIG', `tokenizer.vocab_size must be an integer in [${FIRST_MERGE}, ${MAX_VOCAB}], got ${size}`, 'e.g. vocab_size: 512 (256 bytes + 2 specials + 254 merges)');
  }
}
