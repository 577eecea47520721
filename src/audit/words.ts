/**
 * Words of a response for the diversity statistics: maximal runs of non-whitespace, lower-cased
 * (so "The" and "the" are one word). Each word is hashed in place, without building substrings.
 */
import { hash53 } from './hash.js';

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029;

/** Hashes of the lower-cased words of `text`, written into `out` (grown as needed); returns the count. */
export function wordHashes(text: string, out: { hashes: Float64Array }): number {
  const lower = text.toLowerCase();
  let count = 0;
  let start = -1;
  for (let i = 0; i <= lower.length; i++) {
    const space = i === lower.length || isSpace(lower.charCodeAt(i));
    if (space) {
      if (start >= 0) {
        if (count === out.hashes.length) {
          const grown = new Float64Array(out.hashes.length * 2);
          grown.set(out.hashes);
          out.hashes = grown;
        }
        out.hashes[count++] = hash53(lower, start, i);
        start = -1;
      }
    } else if (start < 0) start = i;
  }
  return count;
}

/** The first word of `text` (lower-cased), or '' when it has none. */
export function firstWord(text: string): string {
  const match = /\S+/.exec(text);
  return match ? match[0].toLowerCase() : '';
}
