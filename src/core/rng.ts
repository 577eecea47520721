/**
 * Seeded, forkable, serialisable random numbers.
 *
 * Generator: xoshiro128** 1.1 (Blackman & Vigna, https://prng.di.unimi.it/xoshiro128starstar.c),
 * 32-bit words so every step is exact in JavaScript integer arithmetic. Seeds are expanded to
 * the 128-bit state with splitmix32. `fork(label)` derives an independent stream from the
 * current state and a label without advancing the parent (JAX-style explicit keys), so the
 * order in which children are forked never changes their streams.
 */
import { InfoloopError } from './errors.js';
import { fnv1a } from './hash.js';

export interface RngState {
  algorithm: 'xoshiro128**';
  s: [number, number, number, number];
}

export interface Rng {
  /** Uniform double in [0, 1) with 53 random bits. */
  next(): number;
  /** Uniform integer in [0, n), unbiased. */
  int(n: number): number;
  /** Standard normal N(0, 1). */
  normal(): number;
  /** Raw 32-bit unsigned output. */
  uint32(): number;
  /** Fills `out` with the next `out.length` uint32() outputs, in order, far faster than one call each. */
  fillUint32(out: Uint32Array): Uint32Array;
  /** Writes into out[from..to) what as many next() calls return, in order, without a call per value. */
  fillNext(out: Float64Array, from?: number, to?: number): Float64Array;
  /** An independent child stream named by `label`; the parent does not advance. */
  fork(label: string): Rng;
  state(): RngState;
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** splitmix32 step: returns [output, nextState]. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) >>> 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
  return [(z ^ (z >>> 16)) >>> 0, next];
}

function expand(seed32: number, salt: number[]): [number, number, number, number] {
  let state = seed32 >>> 0;
  const out: number[] = [];
  for (let i = 0; i < 4; i++) {
    state = (state ^ (salt[i] ?? 0)) >>> 0;
    const [z, next] = splitmix32(state);
    out.push(z);
    state = next;
  }
  if ((out[0] | out[1] | out[2] | out[3]) === 0) out[0] = 1; // the all-zero state is a fixed point
  return out as [number, number, number, number];
}

/** Values per block of fillNext: the block's raw words fit in the CPU cache. */
const NEXT_CHUNK = 4096;
/** Below this many values a bulk fill draws one value at a time. */
const SMALL_FILL = 32;

export class Xoshiro128 implements Rng {
  private s0: number;
  private s1: number;
  private s2: number;
  private s3: number;

  constructor(state: [number, number, number, number]) {
    [this.s0, this.s1, this.s2, this.s3] = state.map((v) => v >>> 0) as [number, number, number, number];
    if ((this.s0 | this.s1 | this.s2 | this.s3) === 0) {
      throw new InfoloopError('E_RNG', 'xoshiro128** state must not be all zeros', 'seed through createRng(seed)');
    }
  }

  uint32(): number {
    const result = Math.imul(rotl(Math.imul(this.s1, 5) >>> 0, 7), 9) >>> 0;
    const t = (this.s1 << 9) >>> 0;
    this.s2 = (this.s2 ^ this.s0) >>> 0;
    this.s3 = (this.s3 ^ this.s1) >>> 0;
    this.s1 = (this.s1 ^ this.s2) >>> 0;
    this.s0 = (this.s0 ^ this.s3) >>> 0;
    this.s2 = (this.s2 ^ t) >>> 0;
    this.s3 = rotl(this.s3, 11);
    return result;
  }

  fillUint32(out: Uint32Array): Uint32Array {
    // the same steps as uint32() on signed 32-bit locals, which stay unboxed; the typed array
    // store reinterprets each result as unsigned
    let s0 = this.s0 | 0;
    let s1 = this.s1 | 0;
    let s2 = this.s2 | 0;
    let s3 = this.s3 | 0;
    for (let i = 0; i < out.length; i++) {
      const r = Math.imul(s1, 5);
      out[i] = Math.imul((r << 7) | (r >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
    }
    [this.s0, this.s1, this.s2, this.s3] = [s0 >>> 0, s1 >>> 0, s2 >>> 0, s3 >>> 0];
    return out;
  }

  fillNext(out: Float64Array, from = 0, to = out.length): Float64Array {
    if (to - from < SMALL_FILL) {
      for (let i = from; i < to; i++) out[i] = this.next(); // a scratch array would cost more than it saves
      return out;
    }
    const words = new Uint32Array(Math.min(2 * (to - from), 2 * NEXT_CHUNK));
    for (let start = from; start < to; start += NEXT_CHUNK) {
      const end = Math.min(to, start + NEXT_CHUNK);
      this.fillUint32(words.subarray(0, 2 * (end - start)));
      for (let i = start, w = 0; i < end; i++, w += 2) out[i] = ((words[w] >>> 5) * 67108864 + (words[w + 1] >>> 6)) / 9007199254740992;
    }
    return out;
  }

  next(): number {
    const hi = this.uint32() >>> 5; // 27 bits
    const lo = this.uint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0 || n > 2 ** 32) {
      throw new InfoloopError('E_RNG', `int(n) needs an integer 1 <= n <= 2^32, got ${n}`, 'pass a positive integer range');
    }
    // Rejection sampling on the top of the 32-bit range keeps every value equally likely.
    const limit = 2 ** 32 - (2 ** 32 % n);
    for (;;) {
      const u = this.uint32();
      if (u < limit) return u % n;
    }
  }

  normal(): number {
    // Box–Muller; 1 - next() lies in (0, 1] so the log is finite.
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  fork(label: string): Rng {
    const key = fnv1a(label); // over UTF-16 code units
    const mixed = (this.s0 ^ Math.imul(this.s1, 0x9e3779b1) ^ rotl(this.s2, 13) ^ rotl(this.s3, 27) ^ key) >>> 0;
    return new Xoshiro128(expand(mixed, [this.s0, this.s1 ^ key, this.s2, this.s3]));
  }

  state(): RngState {
    return { algorithm: 'xoshiro128**', s: [this.s0, this.s1, this.s2, this.s3] };
  }
}

/** A generator from an integer seed (any safe integer; both 32-bit halves are used). */
export function createRng(seed: number): Rng {
  if (!Number.isSafeInteger(seed)) {
    throw new InfoloopError('E_RNG', `seed must be a safe integer, got ${seed}`, 'use e.g. seed: 1');
  }
  const lo = seed >>> 0;
  const hi = Math.floor(seed / 2 ** 32) >>> 0;
  return new Xoshiro128(expand(lo, [0, hi, 0, 0]));
}

export function restoreRng(state: RngState): Rng {
  if (!state || state.algorithm !== 'xoshiro128**' || !Array.isArray(state.s) || state.s.length !== 4) {
    throw new InfoloopError('E_RNG', 'not a saved xoshiro128** state', 'pass the object returned by rng.state()');
  }
  return new Xoshiro128(state.s);
}

/** Writes into out[from..to) what as many rng.normal() calls return, in order. */
export function fillNormal(rng: Rng, out: Float64Array, from = 0, to = out.length): Float64Array {
  if (to - from < SMALL_FILL) {
    for (let i = from; i < to; i++) out[i] = rng.normal();
    return out;
  }
  const uniforms = new Float64Array(Math.min(2 * (to - from), 2 * NEXT_CHUNK));
  for (let start = from; start < to; start += NEXT_CHUNK) {
    const end = Math.min(to, start + NEXT_CHUNK);
    rng.fillNext(uniforms, 0, 2 * (end - start));
    // the same Box–Muller arithmetic as normal(), on the same pairs of uniforms
    for (let i = start, k = 0; i < end; i++, k += 2) out[i] = Math.sqrt(-2 * Math.log(1 - uniforms[k])) * Math.cos(2 * Math.PI * uniforms[k + 1]);
  }
  return out;
}

/** Fisher–Yates shuffle in place. */
export function shuffle<T>(rng: Rng, xs: T[]): T[] {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
  return xs;
}

/** Index drawn from unnormalised non-negative weights (linear scan; callers with many draws use an alias table). */
export function sampleIndex(rng: Rng, weights: ArrayLike<number>, total?: number): number {
  let sum = total ?? 0;
  if (total === undefined) for (let i = 0; i < weights.length; i++) sum += weights[i];
  let u = rng.next() * sum;
  for (let i = 0; i < weights.length; i++) {
    u -= weights[i];
    if (u < 0) return i;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i] > 0) return i;
  throw new InfoloopError('E_RNG', 'cannot sample from all-zero weights', 'check the distribution has positive mass');
}
