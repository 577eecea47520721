/**
 * The hashes of one response that every statistic shares, computed once per row: its words
 * (maximal runs of non-whitespace, lower-cased, so "The" and "the" are one word), word 2- and
 * 3-grams, the response and the (prompt, response) pair. Words are hashed in place, without
 * building substrings; an ASCII response is lower-cased character by character in the same pass
 * that hashes it whole (other text is lower-cased by `toLowerCase`, whose length may differ).
 */
import { combine53, combineLanes, finalize, finalize53, hash53, HASH_A, HASH_B, mixHigh, stepA, stepB } from './hash.js';

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029;

/** The hashes of one response the statistics read (a `RowHashes`, or a row of a packed batch, rows.ts). */
export interface GramHashes {
  /** Word hashes, then 2-gram and 3-gram hashes; `grams[n - 1]` has `grams_of(n)` entries. */
  readonly grams: readonly [Float64Array, Float64Array, Float64Array];
  /** Number of words. */
  readonly count: number;
  readonly responseHash: number;
  grams_of(n: number): number;
}

export class RowHashes implements GramHashes {
  /** Word hashes, then 2-gram and 3-gram hashes; `grams[n - 1]` has `count − n + 1` entries. */
  readonly grams: [Float64Array, Float64Array, Float64Array] = [new Float64Array(256), new Float64Array(256), new Float64Array(256)];
  count = 0;
  responseHash = 0;
  rowHash = 0;
  private readonly pair = new Float64Array(2);
  /** Each word hash's low 32 and high 21 bits, for combining into n-grams without splitting doubles. */
  private lows = new Uint32Array(256);
  private highs = new Uint32Array(256);

  compute(response: string, prompt: string | null): this {
    if (!this.asciiWords(response)) {
      this.words(response.toLowerCase());
      this.responseHash = hash53(response);
    }
    const [, bigrams, trigrams] = this.grams;
    const { count, lows, highs } = this;
    for (let i = 0; i + 2 <= count; i++) bigrams[i] = combineLanes(lows, highs, i, i + 2);
    for (let i = 0; i + 3 <= count; i++) trigrams[i] = combineLanes(lows, highs, i, i + 3);
    this.pair[0] = this.responseHash;
    this.pair[1] = prompt === null ? 0 : hash53(prompt);
    this.rowHash = combine53(this.pair, 0, 2);
    return this;
  }

  /** Number of word n-grams. */
  grams_of(n: number): number {
    return Math.max(0, this.count - n + 1);
  }

  /**
   * Words and the whole-response hash in one pass, when every character is ASCII (A–Z lower-cased
   * by setting bit 5, as `toLowerCase` does); false, with nothing kept, at the first other character.
   */
  private asciiWords(text: string): boolean {
    let a = HASH_A;
    let b = HASH_B;
    let wa = HASH_A;
    let wb = HASH_B;
    let count = 0;
    let inWord = false;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) return false;
      a = stepA(a, c);
      b = stepB(b, c);
      if (c === 32 || (c >= 9 && c <= 13)) {
        if (inWord) {
          this.setWord(count++, finalize(wa) >>> 0, mixHigh(wb));
          inWord = false;
        }
        continue;
      }
      const lower = c >= 65 && c <= 90 ? c | 32 : c;
      if (!inWord) {
        wa = HASH_A;
        wb = HASH_B;
        inWord = true;
      }
      wa = stepA(wa, lower);
      wb = stepB(wb, lower);
    }
    if (inWord) this.setWord(count++, finalize(wa) >>> 0, mixHigh(wb));
    this.count = count;
    this.responseHash = finalize53(a, b);
    return true;
  }

  /** Words of already lower-cased text. */
  private words(lower: string): void {
    let count = 0;
    let start = -1;
    for (let i = 0; i <= lower.length; i++) {
      const space = i === lower.length || isSpace(lower.charCodeAt(i));
      if (space) {
        if (start >= 0) {
          const hash = hash53(lower, start, i);
          this.setWord(count++, hash >>> 0, Math.floor(hash / 2 ** 32));
          start = -1;
        }
      } else if (start < 0) start = i;
    }
    this.count = count;
  }

  /** Word `i`'s hash, given as its two parts. */
  private setWord(i: number, low: number, high: number): void {
    if (i === this.lows.length) this.grow();
    this.lows[i] = low;
    this.highs[i] = high;
    this.grams[0][i] = high * 2 ** 32 + low;
  }

  private grow(): void {
    const size = this.lows.length * 2;
    for (let n = 0; n < 3; n++) {
      const grown = new Float64Array(size);
      grown.set(this.grams[n]);
      this.grams[n] = grown;
    }
    const [lows, highs] = [new Uint32Array(size), new Uint32Array(size)];
    lows.set(this.lows);
    highs.set(this.highs);
    [this.lows, this.highs] = [lows, highs];
  }
}

/** The first word of `text` (lower-cased), or '' when it has none. */
export function firstWord(text: string): string {
  const match = /\S+/.exec(text);
  return match ? match[0].toLowerCase() : '';
}
