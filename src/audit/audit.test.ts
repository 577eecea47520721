/**
 * Known-answer tests of the whole audit on generated datasets with planted properties: a set
 * duplicate fraction, a known acceptance, a set label–correctness mutual information (zero
 * included), a known entropy per character. Tolerances are 4 standard errors of the estimate.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/temp-folder.js';
import { createRng, type Rng } from '../core/rng.js';
import { binaryEntropy } from '../info/entropy.js';
import { auditDataset, type AuditOptions } from './audit.js';
import { writeAuditRows } from './output.js';
import { REQUIRED_DIVERSITY_KEYS, REQUIRED_KEYS } from './summary.js';

const dir = tempFolder('infoloop-audit-');
const FAST: AuditOptions = { fold_rows: 400, bootstrap: 300 };

function writeJsonl(name: string, records: unknown[], extraLines: string[] = []): string {
  const path = join(dir, name);
  writeFileSync(path, [...records.map((r) => JSON.stringify(r)), ...extraLines].join('\n') + '\n');
  return path;
}

const words = (rng: Rng, n: number): string => Array.from({ length: n }, () => `w${rng.int(5000)}`).join(' ');

describe('audit: duplicates', () => {
  // 1400 unique rows, then 300 exact copies of rows 0–299, 200 one-word edits of rows 300–499, 100 unique rows
  const rng = createRng(1);
  const records: { prompt: string; response: string }[] = [];
  for (let i = 0; i < 1400; i++) records.push({ prompt: `p${i}`, response: words(rng, 80) });
  for (let i = 0; i < 300; i++) records.push({ ...records[i] });
  for (let i = 300; i < 500; i++) {
    const edited = records[i].response.split(' ');
    edited[40] = 'edited';
    records.push({ prompt: `p${i}`, response: edited.join(' ') });
  }
  for (let i = 0; i < 100; i++) records.push({ prompt: `q${i}`, response: words(rng, 80) });
  const malformed = Array.from({ length: 25 }, (_, i) => (i % 2 ? '{"prompt": ' : 'garbage'));
  const path = writeJsonl('duplicates.jsonl', records, malformed);

  it('finds the planted exact duplicate fraction exactly, the near-duplicate fraction within tolerance, and lists malformed lines', async () => {
    const { summary } = await auditDataset(path, FAST);
    expect(summary.rows).toBe(2000);
    expect(summary.diversity.exact_duplicate_fraction).toBe(300 / 2000);
    expect(summary.malformed.count).toBe(25);
    expect(summary.malformed.first.map((m) => m.line)).toEqual(Array.from({ length: 20 }, (_, i) => 2001 + i));
    // 500 planted pairs, each found with probability > 1 − 1e-6 (J ≥ 75/81 with 16 bands of 8); unrelated texts have J ≈ 0
    expect(summary.diversity.near_duplicate_fraction).toBeCloseTo(1000 / 2000, 2);
    expect(summary.diversity.clusters?.count).toBe(500);
    expect(summary.diversity.clusters?.largest).toBe(2);
    expect(summary.sampling.sampled).toEqual([{ what: 'closure, entropy_rate_bits_per_char', rows: 400, of_rows: 2000, method: expect.stringContaining('seeded uniform sample') }]);
    for (const key of REQUIRED_KEYS) expect(summary).toHaveProperty(key);
    for (const key of REQUIRED_DIVERSITY_KEYS) expect(summary.diversity).toHaveProperty(key);
  });

  it('--rows marks the copies as exact duplicates and the pairs with one cluster id', async () => {
    const result = await auditDataset(path, FAST);
    const out = join(dir, 'rows.jsonl');
    expect(await writeAuditRows(result, out)).toBe(2000);
    const rows = readFileSync(out, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
    expect(rows.filter((r) => r.exact_duplicate).map((r) => r.line)).toEqual(Array.from({ length: 300 }, (_, i) => 1401 + i));
    for (let i = 0; i < 500; i++) expect(rows[1400 + i].cluster).toBe(rows[i].cluster);
    expect(rows.filter((r) => r.surprisal_bits !== null).length).toBe(400);
  });

  it('counts exact duplicates within each source apart from repeats across sources; keep_rows: false keeps no per-row data', async () => {
    // the 300 copies (rows 1401–1700) go to source "b" when their row number is odd, else to "a"; originals are in "a"
    const tagged = records.map((record, i) => ({ ...record, source: i >= 1400 && i < 1700 && i % 2 === 1 ? 'b' : 'a' }));
    const result = await auditDataset(writeJsonl('sources.jsonl', tagged), { ...FAST, source_field: 'source', keep_rows: false });
    expect(result.summary.diversity.exact_duplicate_fraction).toBe(300 / 2000);
    const sources = result.summary.by_source!;
    expect(sources.a.rows).toBe(1850);
    expect(sources.a.diversity.exact_duplicate_fraction).toBe(150 / 1850);
    expect(sources.b.diversity.exact_duplicate_fraction).toBe(0);
    expect(() => [...result.rows()]).toThrow(/keep_rows/);
  });

  it('says under sampling when the per-source distinct-n counts became sketches', async () => {
    const tagged = writeJsonl('sources-sketched.jsonl', records.map((record, i) => ({ ...record, source: i % 2 ? 'a' : 'b' })));
    const perSource = (sampled: { what: string; method: string }[]) => sampled.find((note) => note.what === 'by_source distinct_1/2/3');
    const exact = await auditDataset(tagged, { ...FAST, source_field: 'source', keep_rows: false });
    expect(perSource(exact.summary.sampling.sampled)).toBeUndefined();
    // 1000 rows of 80 words from 5000 per source: more than 1024 distinct words, so the 1024-hash sketches take over
    const sketched = await auditDataset(tagged, { ...FAST, source_field: 'source', keep_rows: false, distinct_exact_limit: 64, distinct_sketch_size: 64 });
    expect(perSource(sketched.summary.sampling.sampled)?.method).toContain('exact up to 1024 distinct n-grams, then a k-minimum-values sketch of 1024 hashes');
  });

  it('is deterministic under a seed', async () => {
    const a = await auditDataset(path, { ...FAST, seed: 5 });
    const b = await auditDataset(path, { ...FAST, seed: 5 });
    expect(JSON.stringify(b.summary)).toBe(JSON.stringify(a.summary));
  });
});

/** Rows whose response is correct with probability ½ and whose label is the correctness flipped with probability ε (ε = ½: independent, acceptance `independentAcceptance`). */
function labelled(rng: Rng, n: number, epsilon: number, independentAcceptance = 0.3) {
  return Array.from({ length: n }, (_, i) => {
    const answer = rng.int(1000);
    const correct = rng.next() < 0.5;
    const label = epsilon === 0.5 ? rng.next() < independentAcceptance : correct !== rng.next() < epsilon;
    return { prompt: `question ${i}`, response: `We compute and get ${correct ? answer : answer + 1}.`, reference: `steps\n#### ${answer}`, kept: label ? 'kept' : 'rejected', source: i % 2 ? 'gen-b' : 'gen-a' };
  });
}

describe('audit: signal bits and verifier agreement', () => {
  const n = 4000;

  it('recovers a known acceptance, and uses the ledger formulas for its bits', async () => {
    const path = writeJsonl('independent.jsonl', labelled(createRng(2), n, 0.5));
    const { summary } = await auditDataset(path, { ...FAST, label_field: 'kept', verifier: 'gsm8k', reference_field: 'reference' });
    const a = summary.acceptance!;
    expect(Math.abs(a - 0.3)).toBeLessThan(4 * Math.sqrt((0.3 * 0.7) / n));
    const kept = Math.round(a * n);
    expect(summary.signal.n_kept).toBe(kept);
    expect(summary.signal_entropy_bits).toBeCloseTo(n * binaryEntropy(a), 9);
    expect(summary.shift_bits).toBeCloseTo(kept * -Math.log2(a), 9);
    const v = summary.verifier!;
    expect(Math.abs(v.pass_rate! - 0.5)).toBeLessThan(4 * Math.sqrt(0.25 / n));
    expect(summary.filter_bits).toBeCloseTo(v.n_pass * Math.log2(n / v.n_pass), 9);
  });

  it('a label independent of correctness: I(label; verified) is indistinguishable from 0', async () => {
    const path = writeJsonl('independent.jsonl', labelled(createRng(3), n, 0.5));
    const { summary } = await auditDataset(path, { ...FAST, label_field: 'kept', verifier: 'gsm8k', reference_field: 'reference' });
    const v = summary.verifier!;
    // under independence G = 2N ln2 · I ~ χ²₁: the 0.999 quantile is 10.83
    expect(v.mi_label_verified_bits!).toBeLessThan(10.83 / (2 * n * Math.LN2));
    expect(v.mi_p_value!).toBeGreaterThan(0.001);
    expect(v.label_informative).toBe(false);
    expect(v.mi_ci![0]).toBeLessThan(2 / (n * Math.LN2));
    expect(v.label_injected_bits_bound!).toBeLessThan(summary.shift_bits! / 100);
    const c = v.confusion!;
    expect(c.label_kept_pass + c.label_kept_fail + c.label_rejected_pass + c.label_rejected_fail).toBe(n);
    expect(v.agreement).toBeCloseTo((c.label_kept_pass + c.label_rejected_fail) / n, 12);
  });

  it('a label that is correctness flipped with probability 0.1: I = H2(½) − H2(0.1) within its interval', async () => {
    const path = writeJsonl('noisy.jsonl', labelled(createRng(4), n, 0.1));
    const { summary } = await auditDataset(path, { ...FAST, label_field: 'kept', verifier: 'gsm8k', reference_field: 'reference', source_field: 'source' });
    const v = summary.verifier!;
    const truth = 1 - binaryEntropy(0.1);
    const [low, high] = v.mi_ci!;
    const se = (high - low) / (2 * 1.96);
    expect(Math.abs(v.mi_label_verified_bits! - truth)).toBeLessThan(4 * se);
    expect(low).toBeLessThan(truth);
    expect(high).toBeGreaterThan(truth);
    expect(v.label_informative).toBe(true);
    expect(Math.abs(v.agreement! - 0.9)).toBeLessThan(4 * Math.sqrt(0.09 / n));
    const sources = summary.by_source!;
    expect(Object.keys(sources)).toEqual(['gen-a', 'gen-b']);
    expect(sources['gen-a'].rows + sources['gen-b'].rows).toBe(n);
    for (const source of Object.values(sources)) expect(Math.abs(source.verifier!.mi_label_verified_bits! - truth)).toBeLessThan(4 * Math.sqrt(2) * se);
  });

  it('a score: thresholded into a filter, or used as weights', async () => {
    const rng = createRng(5);
    const path = writeJsonl('scores.jsonl', Array.from({ length: n }, (_, i) => ({ response: `r ${i}`, score: rng.next() })));
    const filtered = await auditDataset(path, { ...FAST, score_field: 'score', score_threshold: 0.7 });
    expect(filtered.summary.signal.kind).toBe('score-threshold');
    expect(Math.abs(filtered.summary.acceptance! - 0.3)).toBeLessThan(4 * Math.sqrt(0.21 / n));
    const weighted = await auditDataset(path, { ...FAST, score_field: 'score' });
    expect(weighted.summary.signal.kind).toBe('score-weight');
    expect(weighted.summary.acceptance).toBeNull();
    // w ~ U(0,1): Q has density 2w, KL(Q‖P) = ∫ 2w log2(2w) dw = 1 − 1/(2 ln 2) bits, and the effective
    // sample size (Σw)²/Σw² → N (E w)² / E w² = 3N/4. The per-sample KL estimate has SE ≈ 0.01 bits.
    const perSample = weighted.summary.shift_bits! / (0.75 * n);
    expect(Math.abs(perSample - (1 - 1 / (2 * Math.LN2)))).toBeLessThan(0.04);
    // every score distinct, so it is binned into ⌈√n⌉ equal-width bins (info/binned.ts): a uniform score
    // fills them evenly, log2 ⌈√n⌉ bits per row less the plug-in's bias ≈ (bins − 1)/(2n ln 2)
    const bins = Math.ceil(Math.sqrt(n));
    expect(Math.abs(weighted.summary.signal_entropy_bits! / n - Math.log2(bins))).toBeLessThan(bins / (n * Math.LN2));
  });
});

describe('audit: closure and diversity', () => {
  it('i.i.d. uniform text over 16 letters: held-out bits/char ≈ 4, entropy rate and compression below their bounds', async () => {
    const rng = createRng(6);
    const letters = 'abcdefghijklmnop';
    const records = Array.from({ length: 2000 }, () => ({ response: Array.from({ length: 200 }, () => letters[rng.int(16)]).join('') }));
    const path = writeJsonl('uniform.jsonl', records);
    const { summary } = await auditDataset(path, { fold_rows: 2000, order: 2, bootstrap: 2 });
    // an order-2 Kneser–Ney model with 320k training characters pays a small learning cost above 4 bits
    expect(summary.closure.self_bits_per_char!).toBeGreaterThan(4);
    expect(summary.closure.self_bits_per_char!).toBeLessThan(4.02);
    // plug-in H(X | 3 chars) is biased low by about (contexts · 15) / (2N ln 2) = 0.11 bits
    const bias = (16 ** 3 * 15) / (2 * 2000 * 197 * Math.LN2);
    expect(Math.abs(summary.diversity.entropy_rate_bits_per_char! - (4 - bias))).toBeLessThan(0.03);
    // a compressor cannot beat the entropy: 8 bits per byte / 4 bits per letter
    expect(summary.diversity.compression_ratio!).toBeLessThan(2);
    expect(summary.diversity.compression_ratio!).toBeGreaterThan(1.3);
  });

  it('a templated dataset predicts itself far better than an unrelated reference predicts it', async () => {
    const rng = createRng(7);
    const templated = Array.from({ length: 600 }, (_, i) => ({ response: `Sure! Here is the answer you asked for: item ${i % 50}. Let me know if you need more help.` }));
    const path = writeJsonl('templated.jsonl', templated);
    const reference = join(dir, 'reference.txt');
    writeFileSync(reference, Array.from({ length: 400 }, () => words(rng, 60)).join('\n\n'));
    const { summary } = await auditDataset(path, { ...FAST, reference });
    expect(summary.closure.self_bits_per_char!).toBeLessThan(0.5);
    expect(summary.closure.reference_bits_per_char!).toBeGreaterThan(3);
    expect(summary.closure.self_minus_reference_gap!).toBeGreaterThan(2.5);
    expect(summary.diversity.exact_duplicate_fraction).toBe(550 / 600);
  });

  it('NSB entropy of first words recovers a uniform choice among 64 (6 bits); distinct-1 matches a slow count', async () => {
    const rng = createRng(8);
    const records = Array.from({ length: 3000 }, () => ({ response: `start${rng.int(64)} ${words(rng, 5)}` }));
    const path = writeJsonl('first-words.jsonl', records);
    const { summary } = await auditDataset(path, FAST);
    expect(summary.diversity.nsb_of).toBe('first_word');
    expect(Math.abs(summary.diversity.nsb_entropy_bits! - 6)).toBeLessThan(0.1);
    const all = records.flatMap((r) => r.response.split(' '));
    expect(summary.diversity.distinct_1).toBeCloseTo(new Set(all).size / all.length, 12);
    const bigrams = records.flatMap((r) => r.response.split(' ').slice(1).map((w, i, ws) => `${i === 0 ? r.response.split(' ')[0] : ws[i - 1]} ${w}`));
    expect(summary.diversity.distinct_2).toBeCloseTo(new Set(bigrams).size / bigrams.length, 12);
  });

  it('chat records: the last assistant turn is the response', async () => {
    const path = writeJsonl('chat.jsonl', [
      { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant', content: 'hello there' }] },
      { messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'first' }, { role: 'user', content: 'b' }, { role: 'assistant', content: 'hello there' }] },
      { messages: [{ role: 'user', content: 'no answer yet' }] },
    ]);
    const { summary } = await auditDataset(path, FAST);
    expect(summary.fields.messages).toBe('messages');
    expect(summary.rows).toBe(3);
    expect(summary.missing_response).toBe(1);
    expect(summary.diversity.duplicate_response_fraction).toBe(1 / 2);
    expect(summary.diversity.exact_duplicate_fraction).toBe(0);
  });
});
