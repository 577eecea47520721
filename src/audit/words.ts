/**
 * The hashes of one response that every statistic shares, computed once per row: its words
 * (maximal runs of non-whitespace, lower-cased, so "The" and "the" are one word), word 2- and
 * 3-grams, the response and the (prompt, response) pair. Words are hashed in place, without
 * building substrings.
 */
import { combine53, hash53 } from './hash.js';

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029;

export class RowHashes {
  /** Word hashes, then 2-gram and 3-gram hashes; `grams[n - 1]` has `count − n + 1` entries. */
  readonly grams: [Float64Array, Float64Array, Float64Array] = [new Float64Array(256), new Float64Array(256), new Float64Array(256)];
  count = 0;
  responseHash = 0;
  rowHash = 0;
  private readonly pair = new Float64Array(2);

  compute(response: string, prompt: string | null): this {
    const lower = response.toLowerCase();
    let count = 0;
    let start = -1;
    for (let i = 0; i <= lower.length; i++) {
      const space = i === lower.length || isSpace(lower.charCodeAt(i));
      if (space) {
        if (start >= 0) {
          if (count === this.grams[0].length) this.grow();
          this.grams[0][count++] = hash53(lower, start, i);
          start = -1;
        }
      } else if (start < 0) start = i;
    }
    const [words, bigrams, trigrams] = this.grams;
    for (let i = 0; i + 2 <= count; i++) bigrams[i] = combine53(words, i, i + 2);
    for (let i = 0; i + 3 <= count; i++) trigrams[i] = combine53(words, i, i + 3);
    this.count = count;
    this.responseHash = hash53(response);
    this.pair[0] = this.responseHash;
    this.pair[1] = prompt === null ? 0 : hash53(prompt);
    this.rowHash = combine53(this.pair, 0, 2);
    return this;
  }

  /** Number of word n-grams. */
  grams_of(n: number): number {
    return Math.max(0, this.count - n + 1);
  }

  private grow(): void {
    for (let n = 0; n < 3; n++) {
      const grown = new Float64Array(this.grams[n].length * 2);
      grown.set(this.grams[n]);
      this.grams[n] = grown;
    }
  }
}

/** The first word of `text` (lower-cased), or '' when it has none. */
export function firstWord(text: string): string {
  const match = /\S+/.exec(text);
  return match ? match[0].toLowerCase() : '';
}
