/**
 * `auditDataset`: the information ledger of a dataset file someone already has. One streaming
 * pass (scan.ts), then the sampled parts (fold models, MinHash clusters) and the summary.
 */
import { statSync } from 'node:fs';
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import { createRng, shuffle } from '../core/rng.js';
import { closureEstimate, entropyRate, type ClosureResult } from './closure.js';
import type { DiversityCounts } from './diversity.js';
import { clusterSignatures, DEFAULT_MINHASH, type Clustering } from './minhash.js';
import { detectFormat, type ReadProgress } from './read.js';
import { readReference } from './reference.js';
import { scanDataset, sourceDistinctLimits, type ScanState, type SourceState } from './scan.js';
import { binaryJudgements, summarizeSignal, summarizeVerifier, verifierFilterBits, type SignalAccumulator } from './signal.js';
import { AUDIT_SCHEMA, type AuditSummary, type ClusterSummary, type DiversitySummary, type SampleNote, type SourceSummary } from './summary.js';
import { auditVerifier, checkVerifierFields } from './verifiers.js';

const fieldPath = z.string().min(1).optional();

export const auditOptionsSchema = z
  .object({
    prompt_field: fieldPath,
    response_field: fieldPath,
    messages_field: fieldPath,
    label_field: fieldPath,
    score_field: fieldPath,
    source_field: fieldPath,
    reference_field: fieldPath,
    verifier: z.string().default('none'),
    /** A reference text (plain text, or a dataset file whose responses are the reference) for the closure estimate. */
    reference: z.string().optional(),
    score_threshold: z.number().finite().optional(),
    seed: z.number().int().default(1),
    folds: z.number().int().min(2).max(20).default(5),
    order: z.number().int().min(1).max(8).default(5),
    /** Fold models: at most this many rows and characters, a seeded uniform sample beyond. */
    fold_rows: z.number().int().min(2).default(8000),
    fold_chars: z.number().int().min(1000).default(2_500_000),
    minhash_rows: z.number().int().min(2).default(50_000),
    minhash_permutations: z.number().int().min(8).default(DEFAULT_MINHASH.permutations),
    minhash_bands: z.number().int().min(1).default(DEFAULT_MINHASH.bands),
    near_duplicate_threshold: z.number().min(0).max(1).default(DEFAULT_MINHASH.threshold),
    /** Distinct n-grams counted exactly up to this many, by a KMV sketch of `distinct_sketch_size` hashes beyond. */
    distinct_exact_limit: z.number().int().min(64).default(1 << 18),
    distinct_sketch_size: z.number().int().min(64).default(1 << 16),
    /** The compression ratio reads at most about this many MB of responses, a systematic sample of 1 MB blocks beyond. */
    compression_mb: z.number().int().min(1).default(64),
    bootstrap: z.number().int().min(2).default(1000),
    max_sources: z.number().int().min(1).default(50),
    /** Keep what `rows()` needs (a line number and a flag per row); without it `rows()` is an error. */
    keep_rows: z.boolean().default(true),
  })
  .strict();
export type AuditOptions = z.input<typeof auditOptionsSchema>;
type Resolved = z.infer<typeof auditOptionsSchema>;

export interface AuditResult {
  summary: AuditSummary;
  /** Per audited row, for `--rows`: line number, held-out bits (sampled rows), cluster id, verdict. */
  rows: () => Generator<AuditRow>;
}

export interface AuditRow {
  line: number;
  /** Held-out bits of the response under the fold model (rows in the fold sample; else null). */
  surprisal_bits: number | null;
  bits_per_char: number | null;
  /** Near-duplicate cluster id (null: in no cluster; "not sampled": outside the MinHash sample). */
  cluster: number | null | 'not sampled';
  exact_duplicate: boolean;
  /** true pass, false fail, null not verified. */
  verified: boolean | null;
  label: number | null;
}

function parseOptions(options: AuditOptions): Resolved {
  const parsed = auditOptionsSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InfoloopError('E_INPUT', `audit option ${issue.path.join('.') || '(options)'}: ${issue.message}`, 'see `infoloop audit --help` for the options and their ranges');
  }
  const resolved = parsed.data;
  if (resolved.minhash_permutations % resolved.minhash_bands !== 0) {
    throw new InfoloopError('E_INPUT', `MinHash permutations (${resolved.minhash_permutations}) must be a multiple of the bands (${resolved.minhash_bands})`, 'e.g. 128 permutations in 16 bands');
  }
  return resolved;
}

/** Audit the dataset at `path`. */
export async function auditDataset(path: string, options: AuditOptions = {}, onProgress?: (progress: ReadProgress & { rows: number }) => void): Promise<AuditResult> {
  const o = parseOptions(options);
  const verifier = auditVerifier(o.verifier);
  checkVerifierFields(verifier, o.reference_field);
  const format = detectFormat(path);
  const rng = createRng(o.seed);
  const minhash = { permutations: o.minhash_permutations, bands: o.minhash_bands, threshold: o.near_duplicate_threshold };
  const fields = { prompt: o.prompt_field, response: o.response_field, messages: o.messages_field, label: o.label_field, score: o.score_field, source: o.source_field, reference: o.reference_field };
  const reference = o.reference ? await readReference(o.reference, o.fold_chars) : undefined;
  const state = await scanDataset(path, format, { fields, verifier, foldRows: o.fold_rows, minhashRows: o.minhash_rows, minhash, exactLimit: o.distinct_exact_limit, sketchSize: o.distinct_sketch_size, maxSources: o.max_sources, compressEvery: Math.max(1, Math.ceil(statSync(path).size / 1e6 / o.compression_mb)), keepRows: o.keep_rows, onProgress }, rng);

  const sampleSize = state.minhash.reservoir.size;
  const clustering = clusterSignatures(state.minhash.signatures, sampleSize, state.minhash.valid, minhash);
  const clusters = clusterSummary(clustering, state, minhash);
  state.minhash.signatures = new Uint32Array(0); // the fold models below need the memory more
  const signalOf = (signal: SignalAccumulator, replicates: number) => {
    const own = summarizeSignal(signal, { scoreThreshold: o.score_threshold });
    const judged = verifier ? summarizeVerifier(verifier.name, signal, binaryJudgements(signal, own, o.score_threshold), own, { seed: o.seed, replicates }) : null;
    return { own, judged };
  };
  const counts = state.diversity.summary();
  const sourcesExact = [...(state.sources?.values() ?? [])].every((source) => source.diversity.distinctExact);
  const sources = state.sources ? bySource(state.sources, (signal) => signalOf(signal, Math.min(200, o.bootstrap))) : null;
  // the streaming statistics are summarised: free their hash tables before the fold models are built
  state.diversity.release();
  for (const source of state.sources?.values() ?? []) source.diversity.release();
  const fold = foldSample(state, o.fold_chars, rng);
  state.fold.texts = [];
  const closure = closureEstimate(fold.texts, { folds: o.folds, order: o.order }, rng.fork('closure'), reference?.texts);
  const overall = signalOf(state.signal, o.bootstrap);
  const diversity: DiversitySummary = {
    ...diversityCore(counts),
    entropy_rate_bits_per_char: entropyRate(fold.texts),
    compression_ratio: state.compression.ratio(),
    near_duplicate_fraction: sampleSize > 0 ? clustering.sizes.reduce((a, b) => a + b, 0) / sampleSize : null,
    clusters,
  };
  const summary: AuditSummary = {
    schema: AUDIT_SCHEMA,
    file: path,
    format,
    bytes: statSync(path).size,
    seed: o.seed,
    rows: state.rows,
    malformed: { count: state.malformedCount, first: state.malformed },
    missing_response: state.missingResponse,
    fields: { ...state.fields, verifier: o.verifier },
    signal: overall.own,
    acceptance: overall.own.acceptance,
    signal_entropy_bits: overall.own.signal_entropy_bits,
    shift_bits: overall.own.shift_bits,
    verifier: overall.judged,
    closure: { ...withoutRowBits(closure), reference_file: o.reference ?? null },
    diversity,
    filter_bits: verifierFilterBits(overall.judged),
    sampling: samplingNotes(state, fold.texts.length, fold.dropped, sampleSize, counts, sourcesExact, reference?.truncated ?? false, o),
    by_source: sources,
  };
  return { summary, rows: () => auditRows(state, fold.rowOf, closure, clustering) };
}

/** The fold sample in a seeded random order, cut to `maxChars` characters. */
function foldSample(state: ScanState, maxChars: number, rng: ReturnType<typeof createRng>): { texts: string[]; rowOf: number[]; dropped: number } {
  const slots = shuffle(rng.fork('fold-order'), Array.from({ length: state.fold.reservoir.size }, (_, i) => i));
  const texts: string[] = [];
  const rowOf: number[] = [];
  let chars = 0;
  for (const slot of slots) {
    const text = state.fold.texts[slot];
    if (chars + text.length > maxChars && texts.length >= 2) break;
    chars += text.length;
    texts.push(text);
    rowOf.push(state.fold.rowOf[slot]);
  }
  return { texts, rowOf, dropped: slots.length - texts.length };
}

function withoutRowBits(closure: ClosureResult): Omit<ClosureResult, 'rowBits' | 'rowChars'> {
  const { rowBits: _rowBits, rowChars: _rowChars, ...rest } = closure;
  return rest;
}

function diversityCore(counts: DiversityCounts): Pick<DiversitySummary, 'distinct_1' | 'distinct_2' | 'distinct_3' | 'distinct_exact' | 'nsb_entropy_bits' | 'nsb_of' | 'nsb_distinct' | 'length' | 'exact_duplicate_fraction' | 'duplicate_response_fraction'> {
  return {
    distinct_1: counts.distinct[0].ratio,
    distinct_2: counts.distinct[1].ratio,
    distinct_3: counts.distinct[2].ratio,
    distinct_exact: counts.distinct.every((d) => d.exact),
    nsb_entropy_bits: counts.nsb?.entropy_bits ?? null,
    nsb_of: counts.nsb?.of ?? null,
    nsb_distinct: counts.nsb?.distinct ?? null,
    length: counts.length,
    exact_duplicate_fraction: counts.exact_duplicate_fraction,
    duplicate_response_fraction: counts.duplicate_response_fraction,
  };
}

function clusterSummary(clustering: Clustering, state: ScanState, minhash: { permutations: number; bands: number; threshold: number }): ClusterSummary {
  const sample = state.minhash;
  const lineOf = (slot: number) => sample.lineOf[slot];
  const members = new Map<number, number[]>();
  for (let slot = 0; slot < clustering.clusterOf.length; slot++) {
    const id = clustering.clusterOf[slot];
    if (id >= 0) members.set(id, [...(members.get(id) ?? []), slot]);
  }
  const largest = [...members.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]).slice(0, 5);
  return {
    count: clustering.sizes.length,
    largest: clustering.sizes.reduce((a, b) => Math.max(a, b), 0),
    rows_in_clusters: clustering.sizes.reduce((a, b) => a + b, 0),
    examples: largest.map(([, slots]) => ({ size: slots.length, lines: slots.map(lineOf).sort((a, b) => a - b).slice(0, 5), preview: sample.previews[slots[0]] })),
    pairs: clustering.pairs.slice(0, 5).map((pair) => ({ line_a: lineOf(pair.a), line_b: lineOf(pair.b), jaccard: pair.jaccard, preview_a: sample.previews[pair.a], preview_b: sample.previews[pair.b] })),
    ...minhash,
  };
}

function samplingNotes(state: ScanState, foldRows: number, foldDropped: number, minhashRows: number, counts: DiversityCounts, sourcesExact: boolean, referenceTruncated: boolean, o: Resolved): AuditSummary['sampling'] {
  const audited = state.audited;
  const sampled: SampleNote[] = [];
  const exact = ['rows', 'malformed', 'acceptance', 'signal_entropy_bits', 'shift_bits', 'verifier', 'filter_bits', 'length', 'exact_duplicate_fraction', 'nsb_entropy_bits'];
  const compression = state.compression;
  if (compression.every === 1) exact.push('compression_ratio');
  else sampled.push({ what: 'compression_ratio', rows: 0, of_rows: audited, method: `every ${compression.every}th 1 MB block of responses: ${compression.blocksCompressed} of ${compression.blocks} blocks` });
  const k = Math.min(o.distinct_sketch_size, o.distinct_exact_limit);
  if (counts.distinct.every((d) => d.exact)) exact.push('distinct_1', 'distinct_2', 'distinct_3');
  else sampled.push({ what: 'distinct_1/2/3', rows: audited, of_rows: audited, method: `k-minimum-values sketch of ${k} hashes per n (relative standard error ≈ ${(1 / Math.sqrt(k - 2)).toPrecision(2)})` });
  if (!sourcesExact) {
    const limits = sourceDistinctLimits(o.distinct_exact_limit, o.distinct_sketch_size);
    const ks = Math.min(limits.sketchSize, limits.exactLimit);
    sampled.push({ what: 'by_source distinct_1/2/3', rows: audited, of_rows: audited, method: `per source, exact up to ${limits.exactLimit} distinct n-grams, then a k-minimum-values sketch of ${ks} hashes per n (relative standard error ≈ ${(1 / Math.sqrt(ks - 2)).toPrecision(2)})` });
  }
  const foldMethod = `seeded uniform sample (reservoir, seed ${o.seed}) of at most ${o.fold_rows} rows and ${o.fold_chars} characters${foldDropped > 0 ? `; ${foldDropped} sampled rows dropped for the character limit` : ''}`;
  if (foldRows < audited) sampled.push({ what: 'closure, entropy_rate_bits_per_char', rows: foldRows, of_rows: audited, method: foldMethod });
  else exact.push('closure', 'entropy_rate_bits_per_char');
  if (minhashRows < audited) sampled.push({ what: 'near_duplicate_fraction, clusters', rows: minhashRows, of_rows: audited, method: `seeded uniform sample (reservoir, seed ${o.seed}) of ${o.minhash_rows} rows; a near duplicate whose partner is outside the sample is not found` });
  else exact.push('near_duplicate_fraction', 'clusters');
  if (referenceTruncated) sampled.push({ what: 'closure.reference_bits_per_char (reference text)', rows: 0, of_rows: 0, method: `the first ${o.fold_chars} characters of the reference` });
  return { exact, sampled };
}

function bySource(sources: Map<string, SourceState>, signalOf: (signal: SignalAccumulator) => { own: ReturnType<typeof summarizeSignal>; judged: ReturnType<typeof summarizeVerifier> | null }): Record<string, SourceSummary> {
  const out: Record<string, SourceSummary> = {};
  for (const [name, source] of [...sources.entries()].sort((a, b) => a[0].localeCompare(b[0]))) {
    const { own, judged } = signalOf(source.signal);
    const core = diversityCore(source.diversity.summary());
    out[name] = {
      rows: source.diversity.rows,
      acceptance: own.acceptance,
      signal_entropy_bits: own.signal_entropy_bits,
      shift_bits: own.shift_bits,
      verifier: judged,
      filter_bits: verifierFilterBits(judged),
      diversity: { distinct_1: core.distinct_1, distinct_2: core.distinct_2, distinct_3: core.distinct_3, nsb_entropy_bits: core.nsb_entropy_bits, length: core.length, exact_duplicate_fraction: core.exact_duplicate_fraction },
    };
  }
  return out;
}

function* auditRows(state: ScanState, foldRowOf: number[], closure: ClosureResult, clustering: Clustering): Generator<AuditRow> {
  const { lines, exactDuplicate } = state;
  if (!lines || !exactDuplicate) throw new InfoloopError('E_INPUT', 'the audit kept no per-row data (keep_rows: false)', 'audit again with keep_rows: true (the CLI does when --rows is given)');
  const audited = state.audited;
  const bits = new Float64Array(audited).fill(NaN);
  const chars = new Float64Array(audited);
  foldRowOf.forEach((row, i) => {
    bits[row] = closure.rowBits[i];
    chars[row] = closure.rowChars[i];
  });
  const cluster = new Int32Array(audited).fill(-2); // −2 not sampled, −1 no cluster
  for (let slot = 0; slot < state.minhash.reservoir.size; slot++) cluster[state.minhash.rowOf[slot]] = clustering.clusterOf[slot];
  const verdicts = state.signal.verdicts.values();
  const labels = state.signal.labels.values();
  for (let row = 0; row < audited; row++) {
    const surprisal = Number.isNaN(bits[row]) ? null : bits[row];
    yield {
      line: lines.get(row),
      surprisal_bits: surprisal,
      bits_per_char: surprisal === null || chars[row] === 0 ? null : surprisal / chars[row],
      cluster: cluster[row] === -2 ? 'not sampled' : cluster[row] === -1 ? null : cluster[row],
      exact_duplicate: exactDuplicate.get(row) === 1,
      verified: verdicts[row] < 0 ? null : verdicts[row] === 1,
      label: labels[row] < 0 ? null : labels[row],
    };
  }
}
