/** Writing an audit to disk: `<out>/summary.json` and, when asked, one JSON line per audited row. */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { InfoloopError } from '../core/errors.js';
import { parse, stringify } from '../core/json.js';
import type { AuditResult } from './audit.js';
import type { AuditSummary } from './summary.js';

const ioError = (path: string, error: unknown): InfoloopError =>
  new InfoloopError('E_IO', `could not write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'pick a writable folder with --out (or path with --rows)');

/** Write `<outDir>/summary.json`; returns its path. */
export function writeAuditSummary(summary: AuditSummary, outDir: string): string {
  const path = join(outDir, 'summary.json');
  try {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path, stringify(summary, 2) + '\n');
  } catch (error) {
    throw ioError(path, error);
  }
  return path;
}

/** Read a summary.json written by `writeAuditSummary`. */
export function readAuditSummary(outDir: string): AuditSummary {
  const path = join(outDir, 'summary.json');
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InfoloopError('E_INPUT', `${path} does not exist`, 'run `infoloop audit <file> --out <dir>` first');
  }
  const summary = parse<AuditSummary>(text);
  if (summary?.schema !== 'infoloop.audit/1') throw new InfoloopError('E_INPUT', `${path} is not an infoloop audit summary`, 'pass the folder written by `infoloop audit`');
  return summary;
}

/** Stream the per-row records to `path` as JSON lines; returns how many were written. */
export async function writeAuditRows(result: AuditResult, path: string): Promise<number> {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (error) {
    throw ioError(path, error);
  }
  const stream = createWriteStream(path);
  let failure: unknown = null;
  stream.on('error', (error) => (failure = error));
  let written = 0;
  let buffer = '';
  for (const row of result.rows()) {
    buffer += JSON.stringify(row) + '\n';
    written++;
    if (buffer.length > 1 << 16) {
      if (!stream.write(buffer)) await once(stream, 'drain');
      buffer = '';
    }
    if (failure) break;
  }
  stream.end(buffer);
  await once(stream, 'close').catch(() => undefined);
  if (failure) throw ioError(path, failure);
  return written;
}
