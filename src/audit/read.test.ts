import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/temp-folder.js';
import { InfoloopError } from '../core/errors.js';
import { detectFormat, readDataset, type DatasetItem } from './read.js';

const dir = tempFolder('infoloop-read-');

async function collect(path: string): Promise<DatasetItem[]> {
  const items: DatasetItem[] = [];
  for await (const item of readDataset(path, detectFormat(path))) items.push(item);
  return items;
}

const lines = ['{"a": 1}', '', 'not json', '[1, 2]', '{"a": 2}\r', 'null', '{"a": "ü"}', '{"a": 3'];

describe('readDataset', () => {
  it('yields records with line numbers and reports malformed lines without stopping', async () => {
    const path = join(dir, 'mixed.jsonl');
    writeFileSync(path, '\ufeff' + lines.join('\n'));
    const items = await collect(path);
    expect(items.map((item) => item.line)).toEqual([1, 3, 4, 5, 6, 7, 8]);
    expect(items.filter((item) => 'record' in item).map((item) => ('record' in item ? item.record.a : null))).toEqual([1, 2, 'ü']);
    const errors = items.filter((item): item is { line: number; error: string } => 'error' in item);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 6, 8]);
    expect(errors[1].error).toContain('array');
  });

  it('reads gzip JSON lines identically, across chunk boundaries', async () => {
    const big = Array.from({ length: 20_000 }, (_, i) => JSON.stringify({ i, text: 'x'.repeat(i % 97) }));
    const plain = join(dir, 'big.jsonl');
    const gz = join(dir, 'big.jsonl.gz');
    writeFileSync(plain, big.join('\n') + '\n');
    writeFileSync(gz, gzipSync(readFileSync(plain)));
    expect(detectFormat(gz)).toBe('jsonl.gz');
    const a = await collect(plain);
    const b = await collect(gz);
    expect(b).toEqual(a);
    expect(a.length).toBe(20_000);
    expect(a[19_999]).toEqual({ line: 20_000, record: { i: 19_999, text: 'x'.repeat(19_999 % 97) } });
  });

  it('a truncated gzip file is E_IO after the lines it could read', async () => {
    const path = join(dir, 'truncated.jsonl.gz');
    const whole = gzipSync(Buffer.from(Array.from({ length: 5000 }, (_, i) => JSON.stringify({ i })).join('\n')));
    writeFileSync(path, whole.subarray(0, whole.length - 200));
    await expect(collect(path)).rejects.toThrow(InfoloopError);
  });

  it('reads parquet written by hyparquet-writer, across row groups, with its column types', async () => {
    const path = join(dir, 'chat.parquet');
    const n = 2500; // three row groups of 1000
    const buffer = parquetWriteBuffer({
      columnData: [
        { name: 'id', data: Array.from({ length: n }, (_, i) => i), type: 'INT32' },
        { name: 'response', data: Array.from({ length: n }, (_, i) => `answer ${i}`), type: 'STRING' },
        { name: 'kept', data: Array.from({ length: n }, (_, i) => i % 3 === 0), type: 'BOOLEAN' },
      ],
      rowGroupSize: 1000,
    });
    writeFileSync(path, Buffer.from(buffer));
    expect(detectFormat(path)).toBe('parquet');
    const items = await collect(path);
    expect(items.length).toBe(n);
    expect(items[1234]).toEqual({ line: 1235, record: { id: 1234, response: 'answer 1234', kept: false } });
  });

  it('a corrupt parquet file or a missing file is a one-line error', async () => {
    const path = join(dir, 'bad.parquet');
    writeFileSync(path, 'PAR1 this is not parquet');
    await expect(collect(path)).rejects.toThrow(/cannot read parquet/);
    expect(() => detectFormat(join(dir, 'missing.jsonl'))).toThrow(/cannot open/);
  });
});
