import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/temp-folder.js';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { detectFormat } from './read.js';
import { readerThreadAvailable, readRowBatches } from './read-thread.js';
import { BatchRows } from './rows.js';

const dir = tempFolder('infoloop-read-thread-');
/** The compiled worker (the test setup builds dist/); the sources alone cannot run in a thread. */
const WORKER = new URL('../../dist/audit/read-worker.js', import.meta.url);

/** ~3 MB of rows (several read chunks) with malformed, blank, CRLF, non-ASCII and response-less lines. */
function generated(): string {
  const rng = createRng(11);
  const words = ['alpha', 'Beta', 'gamma', 'délta', 'ε', '東京', 'x\u00a0y', 'tab\tbed'];
  const lines: string[] = [];
  for (let i = 0; i < 6000; i++) {
    if (i % 997 === 3) lines.push('{"response": "cut');
    else if (i % 1499 === 7) lines.push('');
    else if (i % 1201 === 9) lines.push('[1, 2]');
    else if (i % 811 === 5) lines.push(JSON.stringify({ prompt: 'no response here', label: 'kept' }));
    else {
      const response = Array.from({ length: 40 + rng.int(120) }, () => words[rng.int(words.length)]).join(' ');
      const row = JSON.stringify({ prompt: `q${i % 50}`, response, label: rng.next() < 0.5 ? 'kept' : 'rejected', score: rng.next(), source: `s${rng.int(3)}` });
      lines.push(i % 13 === 0 ? row + '\r' : row);
    }
  }
  return lines.join('\n') + '\n';
}

async function rows(path: string, thread: boolean): Promise<unknown[]> {
  const out: unknown[] = [];
  for await (const batch of readRowBatches(path, detectFormat(path), { label: 'label', score: 'score', source: 'source' }, { thread, workerUrl: WORKER })) {
    out.push({ fields: batch.fields, malformed: batch.malformed, records: batch.records });
    const view = new BatchRows(batch);
    for (let i = 0; i < view.size; i++) {
      const row = view.at(i);
      out.push([batch.line[i], batch.response[i], batch.label[i], batch.labelPresent[i], batch.score[i], batch.source[i], row.responseHash, row.rowHash, ...row.grams.map((g) => [...g])]);
    }
  }
  return out;
}

async function failure(path: string, thread: boolean): Promise<InfoloopError> {
  try {
    await rows(path, thread);
  } catch (error) {
    return error as InfoloopError;
  }
  throw new Error('expected an error');
}

describe('readRowBatches in a worker thread', () => {
  it('gives the same rows, line numbers, fields and hashes as the calling thread, plain and gzip', async () => {
    expect(readerThreadAvailable(WORKER)).toBe(true);
    const text = generated();
    const plain = join(dir, 'rows.jsonl');
    const gzip = join(dir, 'rows.jsonl.gz');
    writeFileSync(plain, text);
    writeFileSync(gzip, gzipSync(text));
    const expected = await rows(plain, false);
    const malformed = expected.flatMap((item) => (Array.isArray(item) ? [] : (item as { malformed: { line: number }[] }).malformed.map((m) => m.line)));
    expect(malformed).toEqual(text.split('\n').flatMap((line, i) => (line.startsWith('{"response": "cut') || line === '[1, 2]' ? [i + 1] : [])));
    expect(expected.filter(Array.isArray)).toHaveLength(text.split('\n').filter((line) => line.includes('"response":"')).length);
    expect(await rows(plain, true)).toEqual(expected);
    expect(await rows(gzip, true)).toEqual(await rows(gzip, false));
  });

  it('reads parquet in the thread too, row groups in order', async () => {
    const n = 2500;
    const path = join(dir, 'rows.parquet');
    const columnData = [
      { name: 'response', data: Array.from({ length: n }, (_, i) => `answer ${i % 700} of ${i % 3}`), type: 'STRING' as const },
      { name: 'source', data: Array.from({ length: n }, (_, i) => `s${i % 4}`), type: 'STRING' as const },
    ];
    writeFileSync(path, Buffer.from(parquetWriteBuffer({ columnData, rowGroupSize: 1000 })));
    const expected = await rows(path, false);
    expect(expected.filter(Array.isArray).map((row) => (row as unknown[])[0])).toEqual(Array.from({ length: n }, (_, i) => i + 1));
    expect(await rows(path, true)).toEqual(expected);
  });

  it('raises the same one-line errors: a corrupt gzip stream, and no response field', async () => {
    const corrupt = join(dir, 'corrupt.jsonl.gz');
    const zipped = gzipSync(generated());
    zipped.fill(0x55, 2000, 2400);
    writeFileSync(corrupt, zipped);
    const inThread = await failure(corrupt, false);
    const threaded = await failure(corrupt, true);
    expect(threaded).toBeInstanceOf(InfoloopError);
    expect([threaded.code, threaded.message, threaded.hint]).toEqual([inThread.code, inThread.message, inThread.hint]);
    const noResponse = join(dir, 'no-response.jsonl');
    writeFileSync(noResponse, '{"id": 1}\n');
    const missing = await failure(noResponse, true);
    expect([missing.code, missing.message]).toEqual(['E_INPUT', (await failure(noResponse, false)).message]);
  });
});
