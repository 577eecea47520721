/**
 * Hashes of text for counting distinct items without keeping the text: a 53-bit value from two
 * independent 32-bit multiplicative hashes, so a JavaScript number holds it exactly and a Set of
 * numbers stays small. Two different strings collide with probability about 2^-53.
 */

const HIGH_BITS = 2 ** 21; // 53 − 32

/** The two lanes' starting values, and one character's step in each (FNV-1a, and a murmur-style lane). */
export const HASH_A = 0x811c9dc5;
export const HASH_B = 0x9747b28c;
export const stepA = (a: number, c: number): number => Math.imul(a ^ c, 0x01000193);
export const stepB = (b: number, c: number): number => {
  const h = Math.imul(b ^ c, 0x5bd1e995);
  return h ^ (h >>> 15);
};

/** The 53-bit hash of the two lanes after the last character. */
export const finalize53 = (a: number, b: number): number => mixHigh(b) * 2 ** 32 + (finalize(a) >>> 0);

/** 53-bit hash of text[start, end) as a non-negative safe integer. */
export function hash53(text: string, start = 0, end = text.length): number {
  let a = HASH_A;
  let b = HASH_B;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    a = stepA(a, c);
    b = stepB(b, c);
  }
  return finalize53(a, b);
}

/** Combine an ordered sequence of 53-bit hashes (e.g. a word n-gram) into one 53-bit hash. */
export function combine53(hashes: ArrayLike<number>, start: number, end: number): number {
  let a = COMBINE_A;
  let b = COMBINE_B;
  for (let i = start; i < end; i++) {
    const value = hashes[i];
    a = combineA(a, value >>> 0, Math.floor(value / 2 ** 32));
    b = combineB(b, value >>> 0, Math.floor(value / 2 ** 32));
  }
  return finalize53(a, b);
}

/**
 * `combine53` of hashes given as their low 32 bits and high 21 bits (hash = high·2^32 + low), which
 * spares splitting each double again: the same value for the same hashes.
 */
export function combineLanes(lows: ArrayLike<number>, highs: ArrayLike<number>, start: number, end: number): number {
  let a = COMBINE_A;
  let b = COMBINE_B;
  for (let i = start; i < end; i++) {
    a = combineA(a, lows[i], highs[i]);
    b = combineB(b, lows[i], highs[i]);
  }
  return finalize53(a, b);
}

const COMBINE_A = 0x2545f491;
const COMBINE_B = 0x6c8e9cf5;
const combineA = (a: number, low: number, high: number): number => Math.imul(a ^ low, 0x01000193) ^ high;
const combineB = (b: number, low: number, high: number): number => {
  const h = Math.imul(b ^ high, 0x5bd1e995) ^ low;
  return h ^ (h >>> 13);
};

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function finalize(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The high 21 bits of a 53-bit hash from the second lane. */
export function mixHigh(b: number): number {
  return finalize(b) % HIGH_BITS;
}

/** A 53-bit hash mapped to [0, 1), for sketches that keep the smallest values. */
export const unitInterval = (hash: number): number => hash / 2 ** 53;
