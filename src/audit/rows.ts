/**
 * Rows of a dataset as the scan consumes them: the records of one read batch with their fields
 * extracted and their hashes computed (words.ts), packed into a few typed arrays and string arrays.
 * The packing is the same whether it runs on the calling thread or in the reader thread
 * (read-thread.ts), so the scan sees the same rows in the same order either way.
 */
import { extractFields, resolveFields, type FieldSpec } from './fields.js';
import { readDatasetBatches, type DatasetFormat, type DatasetItem, type ReadProgress } from './read.js';
import type { MalformedLine } from './summary.js';
import { RowHashes, type GramHashes } from './words.js';

export interface RowBatch {
  /** The resolved fields, set on the batch holding the first record. */
  fields: FieldSpec | null;
  malformed: MalformedLine[];
  /** Records in the batch, with or without a response. */
  records: number;
  /** Rows with a response, in file order; the arrays below have one entry per such row. */
  line: Int32Array;
  response: string[];
  /** 1, 0, or -1 for no label. */
  label: Int8Array;
  labelPresent: Uint8Array;
  /** NaN for no score (scores are finite when present). */
  score: Float64Array;
  source: (string | null)[];
  reference: (string | null)[];
  /** Word count per row; word hashes, 2-gram and 3-gram hashes of every row, concatenated. */
  words: Int32Array;
  grams: [Float64Array, Float64Array, Float64Array];
  responseHash: Float64Array;
  rowHash: Float64Array;
  progress: ReadProgress | null;
}

/** Spare hash buffers kept for reuse: those of a few batches. */
const SPARE_BUFFERS = 12;

/** Packs read batches into row batches; resolves the fields from the first record it sees. */
export class RowPacker {
  private resolved = false;
  private readonly hashes = new RowHashes();
  /** The previous batch's number of word, 2-gram and 3-gram hashes: the next batch's starting capacity. */
  private readonly gramCounts = [1 << 14, 1 << 14, 1 << 14];

  /**
   * Buffers of consumed batches handed back (read-thread.ts): reused for the next batches' hashes
   * rather than allocated and freed again, which keeps the allocator's retained memory down.
   */
  readonly spare: ArrayBuffer[] = [];

  /** Keep `buffers` for reuse, at most SPARE_BUFFERS of them (the newest). */
  giveBack(buffers: ArrayBuffer[]): void {
    this.spare.push(...buffers);
    if (this.spare.length > SPARE_BUFFERS) this.spare.splice(0, this.spare.length - SPARE_BUFFERS);
  }

  constructor(private spec: FieldSpec) {}

  pack(items: DatasetItem[], progress: ReadProgress | null): RowBatch {
    const malformed: MalformedLine[] = [];
    const lines: number[] = [];
    const response: string[] = [];
    const labels: number[] = [];
    const present: number[] = [];
    const scores: number[] = [];
    const source: (string | null)[] = [];
    const reference: (string | null)[] = [];
    const words: number[] = [];
    const responseHash: number[] = [];
    const rowHash: number[] = [];
    const grams = this.gramCounts.map((count) => new GrowingArray(count + (count >> 3), this.spare));
    let fields: FieldSpec | null = null;
    let records = 0;
    for (const item of items) {
      if ('error' in item) {
        malformed.push({ line: item.line, error: item.error });
        continue;
      }
      if (!this.resolved) {
        this.spec = fields = resolveFields(this.spec, item.record);
        this.resolved = true;
      }
      records++;
      const row = extractFields(item.record, this.spec);
      if (row.response === null) continue;
      const hashes = this.hashes.compute(row.response, row.prompt);
      lines.push(item.line);
      response.push(row.response);
      labels.push(row.label ?? -1);
      present.push(row.labelPresent ? 1 : 0);
      scores.push(row.score ?? NaN);
      source.push(row.source);
      reference.push(row.reference);
      words.push(hashes.count);
      responseHash.push(hashes.responseHash);
      rowHash.push(hashes.rowHash);
      for (let n = 1; n <= 3; n++) grams[n - 1].append(hashes.grams[n - 1], hashes.grams_of(n));
    }
    grams.forEach((array, n) => (this.gramCounts[n] = array.length));
    return {
      fields, malformed, records, response, source, reference, progress,
      line: Int32Array.from(lines),
      label: Int8Array.from(labels),
      labelPresent: Uint8Array.from(present),
      score: Float64Array.from(scores),
      words: Int32Array.from(words),
      grams: [0, 1, 2].map((n) => grams[n].values()) as RowBatch['grams'],
      responseHash: Float64Array.from(responseHash),
      rowHash: Float64Array.from(rowHash),
    };
  }
}

/** A Float64Array that doubles when full. */
class GrowingArray {
  private array: Float64Array;
  length = 0;

  /** A spare buffer of at least `capacity` values when there is one, else a new one. */
  constructor(capacity: number, spare: ArrayBuffer[]) {
    const reuse = spare.findIndex((buffer) => buffer.byteLength >= capacity * 8);
    this.array = reuse >= 0 ? new Float64Array(spare.splice(reuse, 1)[0]) : new Float64Array(capacity);
  }

  append(from: Float64Array, count: number): void {
    if (this.length + count > this.array.length) {
      const grown = new Float64Array(Math.max(2 * this.array.length, this.length + count));
      grown.set(this.array.subarray(0, this.length));
      this.array = grown;
    }
    this.array.set(from.subarray(0, count), this.length);
    this.length += count;
  }

  /** The values appended (a view: its buffer, slack included, is transferred with the batch). */
  values(): Float64Array {
    return this.array.subarray(0, this.length);
  }
}

/** The buffers of a batch's hash arrays, handed back to the reader once the batch is consumed. */
export const gramBuffers = (batch: RowBatch): ArrayBuffer[] => batch.grams.map((array) => array.buffer as ArrayBuffer);

/** The buffers of a batch's typed arrays, to transfer rather than copy it between threads. */
export function batchBuffers(batch: RowBatch): ArrayBuffer[] {
  return [batch.line, batch.label, batch.labelPresent, batch.score, batch.words, ...batch.grams, batch.responseHash, batch.rowHash].map((array) => array.buffer as ArrayBuffer);
}

/** One row of a batch at a time, seen through the `GramHashes` interface the statistics read. */
export class BatchRows implements GramHashes {
  grams: [Float64Array, Float64Array, Float64Array] = [new Float64Array(0), new Float64Array(0), new Float64Array(0)];
  count = 0;
  responseHash = 0;
  rowHash = 0;
  /** Where row `row`'s words, 2-grams and 3-grams start in the batch's arrays. */
  private readonly offsets = [0, 0, 0];
  private row = -1;

  constructor(readonly batch: RowBatch) {}

  get size(): number {
    return this.batch.line.length;
  }

  /** Move to row `i` (rows must be visited in order, from 0). */
  at(i: number): this {
    if (i !== this.row + 1) throw new Error(`batch rows are read in order: ${i} after ${this.row}`);
    const { batch, offsets } = this;
    if (this.row >= 0) for (let n = 0; n < 3; n++) offsets[n] += Math.max(0, this.count - n);
    this.row = i;
    const count = (this.count = batch.words[i]);
    this.grams = [0, 1, 2].map((n) => batch.grams[n].subarray(offsets[n], offsets[n] + Math.max(0, count - n))) as [Float64Array, Float64Array, Float64Array];
    this.responseHash = batch.responseHash[i];
    this.rowHash = batch.rowHash[i];
    return this;
  }

  grams_of(n: number): number {
    return Math.max(0, this.count - n + 1);
  }
}

/** Every row batch of `path`, read and packed on the calling thread (by `spec`'s packer when it is one). */
export async function* rowBatches(path: string, format: DatasetFormat, spec: FieldSpec | RowPacker): AsyncGenerator<RowBatch> {
  const packer = spec instanceof RowPacker ? spec : new RowPacker(spec);
  let progress: ReadProgress | null = null;
  for await (const items of readDatasetBatches(path, format, (read) => (progress = read))) yield packer.pack(items, progress);
}
