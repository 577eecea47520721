/**
 * Records of a dataset file, streamed: JSON lines (plain or gzip) and parquet (hyparquet, read one
 * row group at a time). A line that is not a JSON object is reported as malformed with its line
 * number and never stops the stream; blank lines are skipped.
 */
import { createReadStream, openSync, readSync, closeSync, statSync } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { InfoloopError } from '../core/errors.js';

export type DatasetFormat = 'jsonl' | 'jsonl.gz' | 'parquet';

export type DatasetItem =
  | { line: number; record: Record<string, unknown> }
  | { line: number; error: string };

export interface ReadProgress {
  /** Bytes of the file read so far (compressed bytes for gzip) and the file's size. */
  bytesRead: number;
  bytesTotal: number;
}

const GZIP_MAGIC = [0x1f, 0x8b];
const PARQUET_MAGIC = 'PAR1';

/** The format of `path`: from its first bytes (gzip, parquet), else JSON lines. */
export function detectFormat(path: string): DatasetFormat {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InfoloopError('E_IO', `cannot open ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'check the path of the dataset file');
  }
  const head = Buffer.alloc(4);
  const read = readSync(fd, head, 0, 4, 0);
  closeSync(fd);
  if (read >= 2 && head[0] === GZIP_MAGIC[0] && head[1] === GZIP_MAGIC[1]) return 'jsonl.gz';
  if (read === 4 && head.toString('latin1') === PARQUET_MAGIC) return 'parquet';
  if (path.endsWith('.parquet')) throw new InfoloopError('E_IO', `${path} is named .parquet but does not start with the parquet magic bytes`, 'check the file is a complete parquet file');
  return 'jsonl';
}

/** Parse one JSON line into a record, or the reason it is malformed. */
export function parseLine(text: string): { record: Record<string, unknown> } | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return { error: `a JSON ${Array.isArray(value) ? 'array' : value === null ? 'null' : typeof value}, not an object` };
  return { record: value as Record<string, unknown> };
}

/** Every record of `path` in file order; `onProgress` is called after each chunk read. */
export async function* readDataset(path: string, format: DatasetFormat, onProgress?: (progress: ReadProgress) => void): AsyncGenerator<DatasetItem> {
  for await (const batch of readDatasetBatches(path, format, onProgress)) yield* batch;
}

/**
 * The same records in batches (those of one chunk of the file, or of one parquet row group): one
 * asynchronous step per batch rather than per record, which matters at millions of records.
 */
export async function* readDatasetBatches(path: string, format: DatasetFormat, onProgress?: (progress: ReadProgress) => void): AsyncGenerator<DatasetItem[]> {
  if (format === 'parquet') yield* readParquet(path, onProgress);
  else yield* readJsonLines(path, format === 'jsonl.gz', onProgress);
}

async function* readJsonLines(path: string, gzip: boolean, onProgress?: (progress: ReadProgress) => void): AsyncGenerator<DatasetItem[]> {
  const bytesTotal = statSync(path).size;
  const file = createReadStream(path, { highWaterMark: 1 << 20 });
  let bytesRead = 0;
  file.on('data', (chunk) => {
    bytesRead += chunk.length;
  });
  const stream = gzip ? file.pipe(createGunzip()) : file;
  if (gzip) file.on('error', (error) => stream.destroy(error));
  const decoder = new TextDecoder('utf-8');
  let rest = '';
  let line = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const text = rest + decoder.decode(chunk, { stream: true });
      const batch: DatasetItem[] = [];
      let start = 0;
      for (let end = text.indexOf('\n'); end >= 0; end = text.indexOf('\n', start)) {
        line++;
        const item = lineItem(text, start, end, line);
        if (item) batch.push(item);
        start = end + 1;
      }
      rest = text.slice(start);
      onProgress?.({ bytesRead, bytesTotal });
      yield batch;
    }
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new InfoloopError('E_IO', `cannot read ${path} after line ${line}: ${reason}`, gzip ? 'the gzip stream is corrupt or truncated; re-compress the file or audit the uncompressed one' : 'check the file is readable');
  }
  rest += decoder.decode();
  if (rest.length > 0) {
    const item = lineItem(rest, 0, rest.length, line + 1);
    if (item) yield [item];
  }
  onProgress?.({ bytesRead, bytesTotal });
}

function lineItem(text: string, start: number, end: number, line: number): DatasetItem | null {
  if (end > start && text.charCodeAt(end - 1) === 13) end--; // CRLF
  if (line === 1 && text.charCodeAt(start) === 0xfeff) start++; // byte order mark
  let blank = true;
  for (let i = start; i < end && blank; i++) blank = text.charCodeAt(i) <= 32;
  if (blank) return null;
  const parsed = parseLine(text.slice(start, end));
  return 'record' in parsed ? { line, record: parsed.record } : { line, error: parsed.error };
}

async function* readParquet(path: string, onProgress?: (progress: ReadProgress) => void): AsyncGenerator<DatasetItem[]> {
  const failure = (error: unknown): InfoloopError =>
    new InfoloopError('E_IO', `cannot read parquet file ${path}: ${(error as Error).message}`, 'check the file is a complete parquet file (a truncated or corrupt one cannot be read)');
  // loaded only for parquet files: the reader thread of a JSON-lines file is smaller without them
  const { asyncBufferFromFile, parquetMetadataAsync, parquetReadObjects } = await import('hyparquet');
  const { compressors } = await import('hyparquet-compressors');
  let file;
  let metadata;
  try {
    file = await asyncBufferFromFile(path);
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    throw failure(error);
  }
  const bytesTotal = file.byteLength;
  let rowStart = 0;
  let bytesDone = 0;
  for (const group of metadata.row_groups) {
    const rowEnd = rowStart + Number(group.num_rows);
    let rows: Record<string, unknown>[];
    try {
      rows = (await parquetReadObjects({ file, metadata, rowStart, rowEnd, compressors })) as Record<string, unknown>[];
    } catch (error) {
      throw failure(error);
    }
    const first = rowStart + 1;
    rowStart = rowEnd;
    const groupBytes = group.columns.reduce((sum, column) => sum + Number(column.meta_data?.total_compressed_size ?? 0), 0);
    onProgress?.({ bytesRead: Math.min(bytesTotal, (bytesDone += groupBytes)), bytesTotal });
    yield rows.map((record, i) => ({ line: first + i, record }));
  }
  onProgress?.({ bytesRead: bytesTotal, bytesTotal });
}
