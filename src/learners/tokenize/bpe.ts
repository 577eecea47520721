/**
 * Byte-pair encoding (as in minbpe / GPT-2): text is split into word-like chunks, and the most
 * frequent adjacent pair of ids inside chunks is merged into a new id, repeatedly. Merges never
 * cross chunk boundaries, so training counts pairs over the distinct chunks weighted by frequency.
 */
import { EOS, FIRST_MERGE, SEP } from './ids.js';
import type { Tokenizer, TokenizerJson } from './tokenizer.js';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });
const EMPTY = new Uint8Array(0);
/** GPT-2's pre-tokenisation pattern; gaps between matches (none expected) are kept as chunks. */
const CHUNK_PATTERN = /'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+/gu;
const CACHE_LIMIT = 200_000;

/** The chunks of a text, in order; their concatenation is the text. */
export function splitChunks(text: string): string[] {
  const chunks: string[] = [];
  let end = 0;
  for (const match of text.matchAll(CHUNK_PATTERN)) {
    if (match.index > end) chunks.push(text.slice(end, match.index));
    if (match[0].length > 0) chunks.push(match[0]);
    end = match.index + match[0].length;
  }
  if (end < text.length) chunks.push(text.slice(end));
  return chunks;
}

const pairKey = (left: number, right: number): number => left * 65_536 + right;

/** Learn up to `mergeCount` merges; stops early when no pair occurs twice. Ties go to the smaller pair key. */
export function trainBytePairs(corpus: string, mergeCount: number): Array<[number, number]> {
  const frequency = new Map<string, number>();
  for (const chunk of splitChunks(corpus)) frequency.set(chunk, (frequency.get(chunk) ?? 0) + 1);
  const words: number[][] = [];
  const counts: number[] = [];
  for (const [chunk, count] of frequency) {
    words.push(Array.from(encoder.encode(chunk)));
    counts.push(count);
  }
  const pairCount = new Map<number, number>();
  const pairWords = new Map<number, Set<number>>(); // may hold stale entries; they are harmless
  const tally = (index: number, sign: 1 | -1): void => {
    const word = words[index];
    for (let j = 0; j + 1 < word.length; j++) {
      const key = pairKey(word[j], word[j + 1]);
      const next = (pairCount.get(key) ?? 0) + sign * counts[index];
      if (next > 0) pairCount.set(key, next);
      else pairCount.delete(key);
      if (sign > 0) {
        let set = pairWords.get(key);
        if (!set) pairWords.set(key, (set = new Set()));
        set.add(index);
      }
    }
  };
  for (let i = 0; i < words.length; i++) tally(i, 1);

  const merges: Array<[number, number]> = [];
  while (merges.length < mergeCount) {
    let bestKey = -1;
    let bestCount = 1;
    for (const [key, count] of pairCount) {
      if (count > bestCount || (count === bestCount && bestKey >= 0 && key < bestKey)) [bestKey, bestCount] = [key, count];
    }
    if (bestKey < 0) break;
    const left = Math.floor(bestKey / 65_536);
    const right = bestKey % 65_536;
    const id = FIRST_MERGE + merges.length;
    merges.push([left, right]);
    for (const index of [...(pairWords.get(bestKey) ?? [])].sort((a, b) => a - b)) {
      tally(index, -1);
      words[index] = mergePair(words[index], left, right, id);
      tally(index, 1);
    }
    pairWords.delete(bestKey);
  }
  return merges;
}

/** Replace every non-overlapping (left, right), scanning left to right, by `id`. */
function mergePair(word: number[], left: number, right: number, id: number): number[] {
  const out: number[] = [];
  for (let j = 0; j < word.length; j++) {
    if (j + 1 < word.length && word[j] === left && word[j + 1] === right) {
      out.push(id);
      j++;
    } else out.push(word[j]);
  }
  return out;
}

export class BytePairTokenizer implements Tokenizer {
  readonly name = 'bpe';
  readonly specials = { eos: EOS, sep: SEP };
  readonly vocabSize: number;
  private readonly rank = new Map<number, number>();
  private readonly bytesOf: Uint8Array[] = [];
  private readonly cache = new Map<string, number[]>();

  constructor(
    private readonly requestedSize: number,
    private readonly merges: Array<[number, number]>,
  ) {
    this.vocabSize = FIRST_MERGE + merges.length;
    for (let byte = 0; byte < 256; byte++) this.bytesOf.push(Uint8Array.of(byte));
    this.bytesOf.push(EMPTY, EMPTY);
    merges.forEach(([left, right], index) => {
      this.rank.set(pairKey(left, right), index);
      const [a, b] = [this.bytesOf[left], this.bytesOf[right]];
      const joined = new Uint8Array(a.length + b.length);
      joined.set(a);
      joined.set(b, a.length);
      this.bytesOf.push(joined);
    });
  }

  encode(text: string): number[] {
    const ids: number[] = [];
    for (const chunk of splitChunks(text)) {
      let chunkIds = this.cache.get(chunk);
      if (!chunkIds) {
        chunkIds = this.encodeChunk(chunk);
        if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
        this.cache.set(chunk, chunkIds);
      }
      for (const id of chunkIds) ids.push(id);
    }
    return ids;
  }

  /** Apply merges in the order they were learned: always the lowest-ranked pair present first. */
  private encodeChunk(chunk: string): number[] {
    let word = Array.from(encoder.encode(chunk));
    for (;;) {
      let bestRank = Infinity;
      for (let j = 0; j + 1 < word.length; j++) {
        const rank = this.rank.get(pairKey(word[j], word[j + 1]));
        if (rank !== undefined && rank < bestRank) bestRank = rank;
      }
      if (bestRank === Infinity) return word;
      const [left, right] = this.merges[bestRank];
      word = mergePair(word, left, right, FIRST_MERGE + bestRank);
    }
  }

  decode(ids: number[]): string {
    let length = 0;
    for (const id of ids) length += this.tokenBytes(id).length;
    const bytes = new Uint8Array(length);
    let offset = 0;
    for (const id of ids) {
      const piece = this.tokenBytes(id);
      bytes.set(piece, offset);
      offset += piece.length;
    }
    return decoder.decode(bytes);
  }

  tokenBytes(id: number): Uint8Array {
    return this.bytesOf[id] ?? EMPTY;
  }

  toJSON(): TokenizerJson {
    return { kind: 'bpe', vocab_size: this.requestedSize, merges: this.merges.flat() };
  }
}
