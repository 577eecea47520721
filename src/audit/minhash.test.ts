import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../core/rng.js';
import { candidateProbability, clusterSignatures, DEFAULT_MINHASH, estimatedJaccard, MinHasher, SHINGLE_WORDS } from './minhash.js';
import { combine53 } from './hash.js';
import { RowHashes } from './words.js';

const randomWords = (rng: Rng, n: number): string[] => Array.from({ length: n }, () => `w${rng.int(5000)}`);

/** The slow obvious Jaccard similarity of two texts' word 3-gram shingle sets. */
function exactJaccard(a: string, b: string): number {
  const shingles = (text: string) => {
    const words = text.toLowerCase().split(/\s+/).filter((w) => w !== '').map((w) => new RowHashes().compute(w, null).grams[0][0]);
    const set = new Set<number>();
    for (let s = 0; s + SHINGLE_WORDS <= words.length; s++) set.add(combine53(words, s, s + SHINGLE_WORDS) >>> 0);
    return set;
  };
  const x = shingles(a);
  const y = shingles(b);
  let both = 0;
  for (const v of x) if (y.has(v)) both++;
  return both / (x.size + y.size - both);
}

function signaturesOf(texts: string[], hasher: MinHasher): { signatures: Uint32Array; valid: Uint8Array } {
  const p = hasher.options.permutations;
  const signatures = new Uint32Array(texts.length * p);
  const valid = new Uint8Array(texts.length);
  const hashes = new RowHashes();
  texts.forEach((text, i) => {
    valid[i] = hasher.signature(hashes.compute(text, null), signatures.subarray(i * p, (i + 1) * p)) ? 1 : 0;
  });
  return { signatures, valid };
}

describe('MinHash', () => {
  it('estimates the Jaccard similarity of planted overlaps within 4 standard errors', () => {
    const rng = createRng(7);
    const hasher = new MinHasher(DEFAULT_MINHASH, rng.fork('perm'));
    const p = DEFAULT_MINHASH.permutations;
    for (const keep of [0, 0.3, 0.6, 0.9]) {
      const base = randomWords(rng, 200);
      const other = base.map((w, i) => (i < keep * 200 ? w : `x${rng.int(5000)}`));
      const texts = [base.join(' '), other.join(' ')];
      const truth = exactJaccard(texts[0], texts[1]);
      const { signatures } = signaturesOf(texts, hasher);
      const estimate = estimatedJaccard(signatures, p, 0, 1);
      const se = Math.sqrt(Math.max(truth * (1 - truth), 1 / p) / p);
      expect(Math.abs(estimate - truth)).toBeLessThan(4 * se);
    }
  });

  it('candidate probability is 1 − (1 − J^r)^b', () => {
    expect(candidateProbability(0.8, 16, 8)).toBeCloseTo(1 - (1 - 0.8 ** 8) ** 16, 12);
    expect(candidateProbability(0, 16, 8)).toBe(0);
    expect(candidateProbability(1, 16, 8)).toBe(1);
  });

  it('clusters planted near duplicates and exact copies, and nothing among unrelated texts', () => {
    const rng = createRng(11);
    const texts: string[] = [];
    for (let i = 0; i < 300; i++) texts.push(randomWords(rng, 80).join(' '));
    // rows 0..19: one word changed in a copy appended at the end; rows 20..29: exact copies
    for (let i = 0; i < 20; i++) {
      const words = texts[i].split(' ');
      words[40] = 'changed';
      texts.push(words.join(' '));
    }
    for (let i = 20; i < 30; i++) texts.push(texts[i]);
    texts.push('');
    const hasher = new MinHasher(DEFAULT_MINHASH, rng.fork('perm'));
    const { signatures, valid } = signaturesOf(texts, hasher);
    expect(valid[texts.length - 1]).toBe(0);
    const clustering = clusterSignatures(signatures, texts.length, valid, DEFAULT_MINHASH);
    // one word in 80 changes 3 of 78 shingles: J = 75/81 ≈ 0.93, found with probability ≈ 1 − 1e-7
    expect(clustering.sizes).toEqual(new Array(30).fill(2));
    for (let i = 0; i < 30; i++) expect(clustering.clusterOf[i]).toBe(clustering.clusterOf[300 + i]);
    for (let i = 30; i < 300; i++) expect(clustering.clusterOf[i]).toBe(-1);
  });
});
