/**
 * The rows of a dataset file read, parsed and hashed in a worker thread (read-worker.ts) while the
 * calling thread keeps the statistics: on two cores the two halves of the work run side by side.
 * Batches arrive in file order and the worker stays at most CREDITS batches ahead (each about 1 MB
 * of the file), so memory stays bounded. An error in the worker (a corrupt gzip stream, an
 * unreadable file, no response field) is re-raised here as the same InfoloopError.
 *
 * The worker runs the compiled JavaScript (dist/); when this module runs from TypeScript sources
 * (as under the test runner) and no compiled worker exists, the rows are read on the calling thread.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InfoloopError } from '../core/errors.js';
import type { FieldSpec } from './fields.js';
import type { DatasetFormat } from './read.js';
import { gramBuffers, rowBatches, type RowBatch } from './rows.js';

/** Batches the worker may post ahead of the consumer. */
const CREDITS = 4;
/** The worker's young generation (V8's default is larger): it holds one parsed batch at a time. */
const YOUNG_MB = 8;
const WORKER_URL = new URL('./read-worker.js', import.meta.url);

export type ReaderMessage =
  | { type: 'batch'; batch: RowBatch }
  | { type: 'done' }
  | { type: 'error'; code: string; message: string; hint: string; exitCode: number }
  | { type: 'exit'; exitCode: number };

/** Whether a compiled worker exists at `url`. */
export function readerThreadAvailable(url: URL = WORKER_URL): boolean {
  return url.protocol === 'file:' && existsSync(fileURLToPath(url));
}

/**
 * The row batches of `path`: from a worker thread when `thread` is true and the worker exists
 * (`workerUrl` names another compiled worker, for tests), else from the calling thread.
 */
export async function* readRowBatches(path: string, format: DatasetFormat, spec: FieldSpec, options: { thread?: boolean; workerUrl?: URL } = {}): AsyncGenerator<RowBatch> {
  const url = options.workerUrl ?? WORKER_URL;
  if (options.thread === false || !readerThreadAvailable(url)) {
    yield* rowBatches(path, format, spec);
    return;
  }
  const worker = new Worker(url, { workerData: { path, format, fields: spec, credits: CREDITS }, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
  const queue: ReaderMessage[] = [];
  let wake: (() => void) | null = null;
  const push = (message: ReaderMessage): void => {
    queue.push(message);
    wake?.();
    wake = null;
  };
  worker.on('message', push);
  worker.on('error', (error) => push({ type: 'error', code: 'E_IO', message: `the reader thread failed on ${path}: ${error.message}`, hint: 'check the file is readable; rerun to see whether it repeats', exitCode: 2 }));
  worker.on('exit', (exitCode) => push({ type: 'exit', exitCode }));
  try {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = queue.shift()!;
      if (message.type === 'batch') {
        yield message.batch;
        // the batch is consumed (nothing keeps a view of its hashes): the worker may read one more, reusing them
        const spare = gramBuffers(message.batch);
        worker.postMessage(spare, spare);
      } else if (message.type === 'done') return;
      else if (message.type === 'error') throw new InfoloopError(message.code, message.message, message.hint, message.exitCode);
      else throw new InfoloopError('E_IO', `the reader thread stopped (exit code ${message.exitCode}) before the end of ${path}`, 'rerun; if it repeats, the machine may be out of memory');
    }
  } finally {
    await worker.terminate();
  }
}
