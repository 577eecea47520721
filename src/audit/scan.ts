/**
 * The one streaming pass of an audit: every record is read once; exact statistics are updated
 * and the seeded samples (fold texts, MinHash signatures) take the rows they draw.
 */
import type { Rng } from '../core/rng.js';
import { flagColumn, intColumn } from './column.js';
import { CompressionMeter } from './compression.js';
import { DiversityAccumulator, firstItem } from './diversity.js';
import { DuplicateIndex, NEW, REPEAT_IN_SOURCE } from './duplicates.js';
import type { FieldSpec } from './fields.js';
import { MinHasher, type MinHashOptions } from './minhash.js';
import type { DatasetFormat, ReadProgress } from './read.js';
import { readRowBatches } from './read-thread.js';
import { Reservoir } from './reservoir.js';
import { SignalAccumulator } from './signal.js';
import type { MalformedLine } from './summary.js';
import type { AuditVerifier } from './verifiers.js';
import { BatchRows } from './rows.js';

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
  sketchSize: number;
  maxSources: number;
  /** Compress every k-th block of responses (compression.ts). */
  compressEvery: number;
  /** Keep per-row columns (line numbers, exact-duplicate flags) for `--rows`. */
  keepRows: boolean;
  /** Read and parse in a worker thread when one is available (read-thread.ts); default true. */
  readerThread?: boolean;
  onProgress?: (progress: ReadProgress & { rows: number }) => void;
}

export interface SourceState {
  /** The source's number in the duplicate index. */
  tag: number;
  diversity: DiversityAccumulator;
  signal: SignalAccumulator;
}

export interface ScanState {
  fields: FieldSpec;
  rows: number;
  missingResponse: number;
  malformedCount: number;
  malformed: MalformedLine[];
  /** Rows with a response. */
  audited: number;
  /** Per audited row, kept only with `keepRows`: its line number and whether it repeats an earlier row. */
  lines: ReturnType<typeof intColumn> | null;
  exactDuplicate: ReturnType<typeof flagColumn> | null;
  duplicates: DuplicateIndex;
  diversity: DiversityAccumulator;
  signal: SignalAccumulator;
  compression: CompressionMeter;
  sources: Map<string, SourceState> | null;
  /** The samples; `rowOf` is the audited row's index, `lineOf` its line number. */
  fold: { reservoir: Reservoir; texts: string[]; rowOf: Int32Array };
  minhash: { reservoir: Reservoir; hasher: MinHasher; signatures: Uint32Array; valid: Uint8Array; rowOf: Int32Array; lineOf: Int32Array; previews: string[] };
}

function newState(options: ScanOptions, rng: Rng): ScanState {
  return {
    fields: options.fields,
    rows: 0,
    missingResponse: 0,
    malformedCount: 0,
    malformed: [],
    audited: 0,
    lines: options.keepRows ? intColumn() : null,
    exactDuplicate: options.keepRows ? flagColumn() : null,
    duplicates: new DuplicateIndex(),
    diversity: new DiversityAccumulator(options.exactLimit, { sketchSize: options.sketchSize, responses: true }),
    signal: new SignalAccumulator({ scores: options.fields.score !== undefined }),
    compression: new CompressionMeter(options.compressEvery),
    sources: options.fields.source ? new Map() : null,
    fold: { reservoir: new Reservoir(options.foldRows, rng.fork('fold-sample')), texts: [], rowOf: new Int32Array(options.foldRows) },
    minhash: {
      reservoir: new Reservoir(options.minhashRows, rng.fork('minhash-sample')),
      hasher: new MinHasher(options.minhash, rng.fork('minhash-permutations')),
      signatures: new Uint32Array(0),
      valid: new Uint8Array(0),
      rowOf: new Int32Array(0),
      lineOf: new Int32Array(0),
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
  const lineOf = new Int32Array(capacity);
  lineOf.set(sample.lineOf);
  Object.assign(sample, { signatures, valid, rowOf, lineOf });
}

/** Per source: a quarter of the exact limit and of the sketch (at least 1024 each). */
export function sourceDistinctLimits(exactLimit: number, sketchSize: number): { exactLimit: number; sketchSize: number } {
  return { exactLimit: Math.max(1024, exactLimit >> 2), sketchSize: Math.max(1024, sketchSize >> 2) };
}

function sourceState(state: ScanState, source: string, options: ScanOptions): SourceState {
  const sources = state.sources!;
  const key = sources.has(source) || sources.size < options.maxSources ? source : OTHER_SOURCES;
  let entry = sources.get(key);
  if (!entry) {
    // no table of repeated responses per source (not reported per source)
    const limits = sourceDistinctLimits(options.exactLimit, options.sketchSize);
    const diversity = new DiversityAccumulator(limits.exactLimit, { sketchSize: limits.sketchSize, responses: false });
    entry = { tag: sources.size + 1, diversity, signal: new SignalAccumulator({ scores: options.fields.score !== undefined }) };
    sources.set(key, entry);
  }
  return entry;
}

/**
 * A copy of a short string that does not keep the string it was cut from alive (V8 may represent
 * a slice as a view of its parent: 100 characters of preview would hold a whole response).
 */
const ownCopy = (text: string): string => JSON.parse(JSON.stringify(text)) as string; // a lone surrogate survives the round trip

/** Read `path` once and gather every statistic the summary needs. */
export async function scanDataset(path: string, format: DatasetFormat, options: ScanOptions, rng: Rng): Promise<ScanState> {
  const state = newState(options, rng);
  const permutations = options.minhash.permutations;
  for await (const batch of readRowBatches(path, format, options.fields, { thread: options.readerThread })) {
    for (const bad of batch.malformed) {
      state.malformedCount++;
      if (state.malformed.length < MALFORMED_LISTED) state.malformed.push(bad);
    }
    if (batch.fields) state.fields = batch.fields;
    state.rows += batch.records;
    const rows = new BatchRows(batch);
    state.missingResponse += batch.records - rows.size;
    for (let i = 0; i < rows.size; i++) {
      const hashes = rows.at(i);
      const line = batch.line[i];
      const index = state.audited++;
      state.lines?.push(line);
      const response = batch.response[i];
      const label = batch.label[i] < 0 ? null : batch.label[i];
      const score = Number.isNaN(batch.score[i]) ? null : batch.score[i];
      const reference = batch.reference[i] ?? null;
      const labelPresent = batch.labelPresent[i] === 1;
      const answer = options.verifier ? options.verifier.answer(response) : undefined;
      const verdict = options.verifier && reference !== null ? options.verifier.verify(response, reference) : null;
      const source = state.sources ? sourceState(state, batch.source[i] ?? '(missing)', options) : null;
      const repeat = state.duplicates.add(hashes.rowHash, source?.tag ?? 0);
      state.exactDuplicate?.push(repeat === NEW ? 0 : 1);
      const first = firstItem(response, answer);
      state.diversity.add(response, hashes, repeat !== NEW, first);
      state.signal.add(label, labelPresent, score, verdict);
      state.compression.add(response);
      if (source) {
        source.diversity.add(response, hashes, repeat === REPEAT_IN_SOURCE, first);
        source.signal.add(label, labelPresent, score, verdict);
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
        sample.lineOf[minhashSlot] = line;
        sample.previews[minhashSlot] = ownCopy(response.slice(0, PREVIEW_CHARS));
      }
    }
    if (batch.progress) options.onProgress?.({ ...batch.progress, rows: state.rows });
  }
  return state;
}
