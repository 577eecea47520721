/**
 * Writing files so that a kill at any moment leaves either the old or the new version: write a
 * temporary file, fsync it, rename it over the target, fsync the folder. And "sealed" files, whose
 * first line records the SHA-256 and length of the rest, so truncation, bit flips and hand edits
 * are found when the file is read back.
 */
import { createHash } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readFileSync, renameSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { InfoloopError } from '../core/errors.js';

/**
 * Whether writes are forced to disk. A killed process loses nothing either way (the page cache
 * survives it); fsync also survives a power cut. Many-run experiments may turn it off for speed.
 */
let durable = true;
export function setDurableWrites(on: boolean): void {
  durable = on;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function fsyncFolder(path: string): void {
  if (!durable) return;
  let fd: number | undefined;
  try {
    fd = openSync(dirname(path), 'r');
    fsyncSync(fd);
  } catch {
    // some file systems cannot fsync a folder; the rename itself is still atomic
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Every byte of `data` at the file's current position (writeSync may write fewer than asked). */
function writeAll(fd: number, data: string | Uint8Array): void {
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  for (let done = 0; done < bytes.length; ) done += writeSync(fd, bytes, done, bytes.length - done);
}

/** Write temp, fsync, and (unless `beforeRename` kills the process) rename over `path`. */
export function writeAtomic(path: string, data: string | Uint8Array, beforeRename?: () => void): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeAll(fd, data);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  beforeRename?.();
  renameSync(tmp, path);
  fsyncFolder(path);
}

/** Append `text` and force it to disk; `cut` writes only that many bytes (the mid-row crash test). */
export function appendDurable(path: string, text: string, cut?: number): void {
  const fd = openSync(path, 'a');
  try {
    const bytes = Buffer.from(text);
    writeAll(fd, cut === undefined ? bytes : bytes.subarray(0, cut));
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

const SEAL_FORMAT = 'infoloop-sealed/1';

/** A sealed file: one header line {format, sha256, bytes} and then the body, byte for byte. */
export function sealed(body: string): string {
  const bytes = Buffer.byteLength(body);
  return `${JSON.stringify({ format: SEAL_FORMAT, sha256: sha256(body), bytes })}\n${body}`;
}

const refuse = (path: string, what: string, hint: string) => new InfoloopError('E_RESUME', `${path} ${what}`, hint);

/** The body of a sealed file, after checking its length and checksum. */
export function readSealed(path: string, hint: string): string {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw refuse(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, hint);
  }
  const newline = raw.indexOf(0x0a);
  let header: { format?: unknown; sha256?: unknown; bytes?: unknown } = {};
  try {
    header = newline < 0 ? {} : JSON.parse(raw.subarray(0, newline).toString('utf8'));
  } catch {
    // reported below as a missing header
  }
  if (header.format !== SEAL_FORMAT || typeof header.sha256 !== 'string' || typeof header.bytes !== 'number') {
    throw refuse(path, 'has no valid checksum header (not written by this version of infoloop, or damaged)', hint);
  }
  const body = raw.subarray(newline + 1);
  if (body.length !== header.bytes) throw refuse(path, `is ${body.length} bytes long where its header says ${header.bytes} (truncated or edited)`, hint);
  if (sha256(body) !== header.sha256) throw refuse(path, 'fails its SHA-256 checksum (damaged or edited)', hint);
  return body.toString('utf8');
}

/** Check a raw file against a recorded checksum. */
export function readChecked(path: string, expected: { sha256: string; bytes: number }, hint: string): Uint8Array {
  let raw: Buffer;
  try {
    raw = readFileSync(path);
  } catch (error) {
    throw refuse(path, `cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, hint);
  }
  if (raw.length !== expected.bytes) throw refuse(path, `is ${raw.length} bytes long where its checkpoint says ${expected.bytes} (truncated or edited)`, hint);
  if (sha256(raw) !== expected.sha256) throw refuse(path, 'fails its SHA-256 checksum (damaged or edited)', hint);
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
}
