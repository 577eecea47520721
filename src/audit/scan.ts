/**
 * The one streaming pass of an audit: every record is read once; exact statistics are updated
 * and the seeded samples (fold texts, MinHash signatures) take the rows they draw.
 */
import type { Rng } from '../core/rng.js';
import { intColumn } from './column.js';
import { CompressionMeter } from './compression.js';
import { DiversityAccumulator } from './diversity.js';
import { extractFields, resolveFields, type FieldSpec } from './fields.js';
import { MinHasher, type MinHashOptions } from './minhash.js';
import { readDataset, type DatasetFormat, type ReadProgress } from './read.js';
import { Reservoir } from './reservoir.js';
import { SignalAccumulator } from './signal.js';
import type { MalformedLine } from './summary.js';
import type { AuditVerifier } from './verifiers.js';
import { RowHashes } from './words.js';

export const MALFORMED_LISTED = 20;
export const OTHER_SOURCES = '(other sources)';
const PREVIEW_CHARS = 100;

export interface ScanOptions {
  fields: FieldSpec;
  verifier: AuditVerifier | null;
  foldRows: number;
  minhashRows: number;
  minhash: MinHashOptions;
  exactLimit: number;
  maxSources: number;
  /** Compress every k-th block of responses (compression.ts). */
  compressEvery: number;
  onProgress?: (progress: ReadProgress & { rows: number }) => void;
}

export interface SourceState {
  diversity: DiversityAccumulator;
  signal: SignalAccumulator;
}

export interface ScanState {
  fields: FieldSpec;
  rows: number;
  missingResponse: number;
  malformedCount: number;
  malformed: MalformedLine[];
  /** Per audited row (rows with a response): its line number. */
  lines: ReturnType<typeof intColumn>;
  exactDuplicate: ReturnType<typeof intColumn>;
  diversity: DiversityAccumulator;
  signal: SignalAccumulator;
  compression: CompressionMeter;
  sources: Map<string, SourceState> | null;
  fold: { reservoir: Reservoir; texts: string[]; rowOf: Int32Array };
  minhash: { reservoir: Reservoir; hasher: MinHasher; signatures: Uint32Array; valid: Uint8Array; rowOf: Int32Array; previews: string[] };
}

function newState(options: ScanOptions, rng: Rng): ScanState {
  return {
    fields: options.fields,
    rows: 0,
    missingResponse: 0,
    malformedCount: 0,
    malformed: [],
    lines: intColumn(),
    exactDuplicate: intColumn(),
    diversity: new DiversityAccumulator(options.exactLimit),
    signal: new SignalAccumulator(),
    compression: new CompressionMeter(options.compressEvery),
    sources: options.fields.source ? new Map() : null,
    fold: { reservoir: new Reservoir(options.foldRows, rng.fork('fold-sample')), texts: [], rowOf: new Int32Array(options.foldRows) },
    minhash: {
      reservoir: new Reservoir(options.minhashRows, rng.fork('minhash-sample')),
      hasher: new MinHasher(options.minhash, rng.fork('minhash-permutations')),
      signatures: new Uint32Array(0),
      valid: new Uint8Array(0),
      rowOf: new Int32Array(0),
      previews: [],
    },
  };
}

/** Grow the MinHash sample's arrays (they start empty so that a small file costs little). */
function ensureMinhashSlot(state: ScanState, slot: number, permutations: number): void {
  const sample = state.minhash;
  if (slot < sample.rowOf.length) return;
  const capacity = Math.min(sample.reservoir.capacity, Math.max(1024, sample.rowOf.length * 2));
  const signatures = new Uint32Array(capacity * permutations);
  signatures.set(sample.signatures);
  const valid = new Uint8Array(capacity);
  valid.set(sample.valid);
  const rowOf = new Int32Array(capacity);
  rowOf.set(sample.rowOf);
  Object.assign(sample, { signatures, valid, rowOf });
}

function sourceState(state: ScanState, source: string, options: ScanOptions): SourceState {
  const sources = state.sources!;
  const key = sources.has(source) || sources.size < options.maxSources ? source : OTHER_SOURCES;
  let entry = sources.get(key);
  if (!entry) {
    entry = { diversity: new DiversityAccumulator(Math.max(1024, options.exactLimit >> 4)), signal: new SignalAccumulator() }; // per source: a smaller sketch
    sources.set(key, entry);
  }
  return entry;
}

/** Read `path` once and gather every statistic the summary needs. */
export async function scanDataset(path: string, format: DatasetFormat, options: ScanOptions, rng: Rng): Promise<ScanState> {
  const state = newState(options, rng);
  const hashes = new RowHashes();
  const permutations = options.minhash.permutations;
  let resolved = false;
  for await (const item of readDataset(path, format, (progress) => options.onProgress?.({ ...progress, rows: state.rows }))) {
    if ('error' in item) {
      state.malformedCount++;
      if (state.malformed.length < MALFORMED_LISTED) state.malformed.push({ line: item.line, error: item.error });
      continue;
    }
    if (!resolved) {
      state.fields = resolveFields(options.fields, item.record);
      resolved = true;
    }
    state.rows++;
    const row = extractFields(item.record, state.fields);
    if (row.response === null) {
      state.missingResponse++;
      continue;
    }
    const index = state.lines.length;
    state.lines.push(item.line);
    const response = row.response;
    hashes.compute(response, row.prompt);
    const answer = options.verifier ? options.verifier.answer(response) : undefined;
    const verdict = options.verifier && row.reference !== null ? options.verifier.verify(response, row.reference) : null;
    state.exactDuplicate.push(state.diversity.add(response, hashes, answer) ? 1 : 0);
    state.signal.add(row.label, row.labelPresent, row.score, verdict);
    state.compression.add(response);
    if (state.sources) {
      const source = sourceState(state, row.source ?? '(missing)', options);
      source.diversity.add(response, hashes, answer);
      source.signal.add(row.label, row.labelPresent, row.score, verdict);
    }
    const foldSlot = state.fold.reservoir.offer();
    if (foldSlot >= 0) {
      state.fold.texts[foldSlot] = response;
      state.fold.rowOf[foldSlot] = index;
    }
    const minhashSlot = state.minhash.reservoir.offer();
    if (minhashSlot >= 0) {
      ensureMinhashSlot(state, minhashSlot, permutations);
      const sample = state.minhash;
      sample.valid[minhashSlot] = sample.hasher.signature(hashes, sample.signatures.subarray(minhashSlot * permutations, (minhashSlot + 1) * permutations)) ? 1 : 0;
      sample.rowOf[minhashSlot] = index;
      sample.previews[minhashSlot] = response.slice(0, PREVIEW_CHARS);
    }
  }
  return state;
}
