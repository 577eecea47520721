/**
 * A run on disk: config.yaml (resolved), ledger.jsonl (append-only, fsync'd per row),
 * checkpoints/gen-NNNN.json (+ .bin), meta.json. Files are replaced atomically (write, fsync,
 * rename) so a kill at any moment leaves either the old or the new version.
 */
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, truncateSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as stringifyYaml, parse as parseYaml } from 'yaml';
import { InfoloopError } from '../core/errors.js';
import { parse, stringify } from '../core/json.js';
import type { RngState } from '../core/rng.js';
import type { Snapshot, Weighted } from '../core/types.js';
import type { Config } from '../config/schema.js';
import type { LedgerRow } from '../ledger/schema.js';

export type RunStatus = 'running' | 'done' | 'failed';

export interface Meta {
  package_version: string;
  run_id: string;
  status: RunStatus;
  started_at: string;
  updated_at: string;
  closed: boolean;
  generations_done: number;
  warnings: string[];
  error?: string;
}

export interface Checkpoint {
  generation: number;
  learner: string;
  snapshot: unknown;
  rng: RngState;
  injected_bits_cum: number | null;
  history: Weighted<unknown>[][];
}

/**
 * Whether writes are forced to disk. A killed process loses nothing either way (the page cache
 * survives it); fsync also survives a power cut. Many-run experiments may turn it off for speed.
 */
let durable = true;
export function setDurableWrites(on: boolean): void {
  durable = on;
}

function writeAtomic(path: string, data: string | Uint8Array): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    if (typeof data === 'string') writeSync(fd, data);
    else writeSync(fd, data);
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

export const ledgerPath = (dir: string) => join(dir, 'ledger.jsonl');
const checkpointPath = (dir: string, t: number, ext: string) => join(dir, 'checkpoints', `gen-${String(t).padStart(4, '0')}.${ext}`);

export function initRunDir(dir: string, config: Config, meta: Meta): void {
  if (existsSync(ledgerPath(dir)) && readFileSync(ledgerPath(dir)).length > 0) {
    throw new InfoloopError('E_RUN', `run folder ${dir} already has a ledger`, `continue it with --resume ${dir}, or pick another --out or run_id`);
  }
  mkdirSync(join(dir, 'checkpoints'), { recursive: true });
  writeAtomic(join(dir, 'config.yaml'), stringifyYaml(config));
  writeAtomic(ledgerPath(dir), '');
  writeMeta(dir, meta);
}

export function readRunConfig(dir: string): unknown {
  const path = join(dir, 'config.yaml');
  if (!existsSync(path)) throw new InfoloopError('E_RESUME', `${dir} is not a run folder (no config.yaml)`, 'pass a folder made by `infoloop run`, e.g. runs/<run_id>');
  return parseYaml(readFileSync(path, 'utf8'));
}

export function writeMeta(dir: string, meta: Meta): void {
  writeAtomic(join(dir, 'meta.json'), stringify(meta, 2) + '\n');
}

export function readMeta(dir: string): Meta {
  const path = join(dir, 'meta.json');
  if (!existsSync(path)) throw new InfoloopError('E_RESUME', `${dir} has no meta.json`, 'pass a folder made by `infoloop run`');
  return parse<Meta>(readFileSync(path, 'utf8'));
}

/** Append one row and force it to disk before the next generation starts. */
export function appendRow(dir: string, row: LedgerRow): void {
  const fd = openSync(ledgerPath(dir), 'a');
  try {
    writeSync(fd, stringify(row) + '\n');
    if (durable) fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export interface LedgerScan {
  rows: LedgerRow[];
  /** Bytes up to the end of the last complete row. */
  validBytes: number;
  /** A partial or corrupt tail was found after the complete rows. */
  truncated: boolean;
}

/** Complete rows in order; a row is complete when its line ends in a newline and parses. */
export function scanLedger(dir: string): LedgerScan {
  const path = ledgerPath(dir);
  if (!existsSync(path)) throw new InfoloopError('E_RESUME', `${dir} has no ledger.jsonl`, 'pass a folder made by `infoloop run`');
  const text = readFileSync(path, 'utf8');
  const rows: LedgerRow[] = [];
  let offset = 0;
  while (offset < text.length) {
    const end = text.indexOf('\n', offset);
    if (end < 0) break;
    let row: LedgerRow;
    try {
      row = parse<LedgerRow>(text.slice(offset, end));
    } catch {
      break;
    }
    if (typeof row !== 'object' || row === null || row.generation !== rows.length) break;
    rows.push(row);
    offset = end + 1;
  }
  return { rows, validBytes: Buffer.byteLength(text.slice(0, offset)), truncated: offset < text.length };
}

export function readLedger(dir: string): LedgerRow[] {
  return scanLedger(dir).rows;
}

/** Cut a partial tail so appending continues after the last complete row. */
export function truncateLedger(dir: string, validBytes: number): void {
  truncateSync(ledgerPath(dir), validBytes);
}

export function writeCheckpoint(dir: string, checkpoint: Checkpoint, snapshot: Snapshot, keep: 'all' | 'last'): void {
  if (snapshot.binary) writeAtomic(checkpointPath(dir, checkpoint.generation, 'bin'), snapshot.binary);
  writeAtomic(checkpointPath(dir, checkpoint.generation, 'json'), stringify({ ...checkpoint, has_binary: !!snapshot.binary }));
  if (keep === 'last') {
    for (const file of readdirSync(join(dir, 'checkpoints'))) {
      const t = Number(file.slice(4, 8));
      if (t < checkpoint.generation) rmSync(join(dir, 'checkpoints', file));
    }
  }
}

export function readCheckpoint(dir: string, t: number): { checkpoint: Checkpoint; snapshot: Snapshot } {
  const path = checkpointPath(dir, t, 'json');
  if (!existsSync(path)) {
    throw new InfoloopError('E_RESUME', `checkpoint for generation ${t} is missing in ${dir}`, 'the run cannot continue from here; start it again without --resume');
  }
  const data = parse<Checkpoint & { has_binary: boolean }>(readFileSync(path, 'utf8'));
  const binary = data.has_binary ? new Uint8Array(readFileSync(checkpointPath(dir, t, 'bin'))) : undefined;
  return { checkpoint: data, snapshot: { learner: data.learner, json: data.snapshot, ...(binary ? { binary } : {}) } };
}
