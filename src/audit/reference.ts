/**
 * The reference text of the closure estimate: a plain text file (split into paragraph chunks), or
 * a dataset file (JSON lines, gzip, parquet) whose responses, found like the audited file's, are
 * the reference. At most `maxChars` characters are used.
 */
import { openSync, readSync, closeSync } from 'node:fs';
import { InfoloopError } from '../core/errors.js';
import { extractFields, resolveFields, type FieldSpec } from './fields.js';
import { detectFormat, readDataset } from './read.js';

/** Chunks of a plain text about this long, cut at blank lines. */
const CHUNK_CHARS = 1000;

export interface ReferenceText {
  texts: string[];
  chars: number;
  truncated: boolean;
}

function readHead(path: string, maxBytes: number): { text: string; truncated: boolean } {
  const buffer = Buffer.alloc(maxBytes + 1);
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new InfoloopError('E_IO', `cannot open reference ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'check the path given to --reference');
  }
  let length = 0;
  for (let read = -1; read !== 0 && length < buffer.length; length += read) read = readSync(fd, buffer, length, buffer.length - length, null);
  closeSync(fd);
  const truncated = length > maxBytes;
  return { text: buffer.subarray(0, Math.min(length, maxBytes)).toString('utf8'), truncated };
}

/** Paragraphs of `text` joined into chunks of about CHUNK_CHARS characters. */
export function chunkText(text: string): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const paragraph of text.split(/\n\s*\n/)) {
    current = current === '' ? paragraph : `${current}\n\n${paragraph}`;
    if (current.length >= CHUNK_CHARS) {
      chunks.push(current);
      current = '';
    }
  }
  if (current.trim() !== '') chunks.push(current);
  return chunks;
}

export async function readReference(path: string, maxChars: number, fields: FieldSpec = {}): Promise<ReferenceText> {
  const format = detectFormat(path);
  const head = format === 'jsonl' ? readHead(path, maxChars * 4) : null;
  if (head && !head.text.trimStart().startsWith('{')) {
    const text = head.text.length > maxChars ? head.text.slice(0, maxChars) : head.text;
    return { texts: chunkText(text), chars: text.length, truncated: head.truncated || head.text.length > maxChars };
  }
  const texts: string[] = [];
  let chars = 0;
  let resolved: FieldSpec | null = null;
  for await (const item of readDataset(path, format)) {
    if ('error' in item) continue;
    resolved ??= resolveFields(fields, item.record);
    const response = extractFields(item.record, resolved).response;
    if (response === null) continue;
    if (chars + response.length > maxChars) return { texts, chars, truncated: true };
    texts.push(response);
    chars += response.length;
  }
  return { texts, chars, truncated: false };
}
