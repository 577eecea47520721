/**
 * Body of the reader thread (read-thread.ts): read, parse and pack the rows of one file and post
 * them in order, at most `credits` batches ahead of what the calling thread has consumed.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InfoloopError } from '../core/errors.js';
import type { FieldSpec } from './fields.js';
import type { DatasetFormat } from './read.js';
import { batchBuffers, rowBatches, RowPacker } from './rows.js';
import type { ReaderMessage } from './read-thread.js';

const { path, format, fields, credits } = workerData as { path: string; format: DatasetFormat; fields: FieldSpec; credits: number };
// each message from the calling thread is a credit, with the hash buffers of a consumed batch
const port = parentPort!;
let available = credits;
let wake: (() => void) | null = null;
const packer = new RowPacker(fields);
port.on('message', (returned: ArrayBuffer[]) => {
  packer.giveBack(returned);
  available++;
  wake?.();
  wake = null;
});

const post = (message: ReaderMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

try {
  for await (const batch of rowBatches(path, format, packer)) {
    while (available === 0) await new Promise<void>((resolve) => (wake = resolve));
    available--;
    post({ type: 'batch', batch }, batchBuffers(batch));
  }
  post({ type: 'done' });
} catch (error) {
  const known = error instanceof InfoloopError ? error : new InfoloopError('E_IO', `cannot read ${path}: ${(error as Error).message}`, 'check the file is readable');
  post({ type: 'error', code: known.code, message: known.message, hint: known.hint, exitCode: known.exitCode });
}
port.close();
