/**
 * A run on disk: config.yaml (resolved), meta.json, ledger.jsonl (append-only, fsync'd per row),
 * checkpoints/ and history/ (see checkpoint-store.ts), and `lock` while a process runs it (see
 * run-lock.ts). config.yaml and meta.json are replaced atomically; meta.json records the SHA-256
 * of the config and a checksum of itself, so an edited config or a damaged meta is refused on resume.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, truncateSync } from 'node:fs';
import { stringify as stringifyYaml, parse as parseYaml } from 'yaml';
import { InfoloopError } from '../core/errors.js';
import { canonicalStringify, parse, stringify } from '../core/json.js';
import type { Config } from '../config/schema.js';
import type { LedgerRow } from '../ledger/schema.js';
import { crashAt, crashRequested } from './crash-points.js';
import { appendDurable, sha256, writeAtomic } from './durable-files.js';
import { prepareCheckpointFolders } from './checkpoint-store.js';
import { CONFIG_FILE, LEDGER_FILE, META_FILE, runFolderPath } from './run-paths.js';

export { setDurableWrites } from './durable-files.js';

/** `stopped`: ended cleanly by a hard budget (every row kept; `--resume` with a raised budget continues). */
export type RunStatus = 'running' | 'done' | 'stopped' | 'failed';

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
  /** Why a `stopped` run stopped (the budget that was spent). */
  stop_reason?: string;
  /** SHA-256 of the resolved config as saved in config.yaml (canonical JSON, keys sorted). */
  config_sha256: string;
  /** SHA-256 of this file's other fields (canonical JSON); written by writeMeta. */
  checksum?: string;
}

export const ledgerPath = (dir: string) => runFolderPath(dir, LEDGER_FILE);

/** The hash meta.json records for a config. */
export const configHash = (config: unknown): string => sha256(canonicalStringify(config));

/** Create the run folder `dir` (and its parents); E_IO with the reason when the file system refuses. */
export function createRunFolder(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
  } catch (error) {
    throw new InfoloopError('E_IO', `cannot create run folder ${dir}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, 'pass an --out folder you can write to (not a file, not read-only, a path of sensible length)');
  }
}

/** Write config.yaml, an empty ledger and meta.json into a locked run folder. */
export function initRunDir(dir: string, config: Config, meta: Omit<Meta, 'config_sha256'>): Meta {
  if (existsSync(ledgerPath(dir)) && statSync(ledgerPath(dir)).size > 0) {
    throw new InfoloopError('E_RUN', `run folder ${dir} already has a ledger`, `continue it with --resume ${dir}, or pick another --out or run_id`, 2);
  }
  prepareCheckpointFolders(dir);
  const text = stringifyYaml(config);
  writeAtomic(runFolderPath(dir, CONFIG_FILE), text);
  writeAtomic(ledgerPath(dir), '');
  // hashed as it reads back, so resume compares like with like
  const full: Meta = { ...meta, config_sha256: configHash(parseYaml(text)) };
  writeMeta(dir, full);
  return full;
}

const notARun = (dir: string, what: string) => new InfoloopError('E_RESUME', `${dir} is not a run folder (${what})`, 'pass a folder made by `infoloop run`, e.g. runs/<run_id>');

export function isRunFolder(dir: string): boolean {
  return existsSync(runFolderPath(dir, CONFIG_FILE)) && existsSync(runFolderPath(dir, META_FILE));
}

/** config.yaml as saved; E_RESUME when it is missing or not YAML. */
export function readRunConfig(dir: string): unknown {
  const path = runFolderPath(dir, CONFIG_FILE);
  if (!existsSync(path)) throw notARun(dir, 'no config.yaml');
  try {
    return parseYaml(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InfoloopError('E_RESUME', `${path} is not valid YAML: ${(error as Error).message.split('\n')[0]}`, 'restore the config.yaml the run was started with');
  }
}

/** config.yaml, checked against the hash meta.json recorded when the run started. */
export function readVerifiedConfig(dir: string, meta: Meta): unknown {
  const config = readRunConfig(dir);
  if (configHash(config) !== meta.config_sha256) {
    throw new InfoloopError(
      'E_RESUME',
      `${runFolderPath(dir, CONFIG_FILE)} was changed after the run started (its hash differs from the one in meta.json)`,
      'restore the original config.yaml to resume; to run the edited config, start a new run (another run_id or --out) so one ledger never mixes two configs',
    );
  }
  return config;
}

/**
 * Settings a resume may change: they bound what a run may spend, never what a generation computes,
 * so the ledger stays the ledger of one config.
 */
export const RESUME_SETTABLE = ['learner.budget.max_tokens_total', 'learner.budget.max_cost'] as const;

/** Replace config.yaml with `config` (only RESUME_SETTABLE keys changed) and record its hash in meta. */
export function rewriteRunConfig(dir: string, config: unknown, meta: Meta): void {
  const text = stringifyYaml(config);
  writeAtomic(runFolderPath(dir, CONFIG_FILE), text);
  meta.config_sha256 = configHash(parseYaml(text));
  writeMeta(dir, meta);
}

export function writeMeta(dir: string, meta: Meta, generation?: number): void {
  const { checksum: _old, ...fields } = meta;
  const text = stringify({ ...fields, checksum: sha256(canonicalStringify(fields)) }, 2) + '\n';
  writeAtomic(runFolderPath(dir, META_FILE), text, generation === undefined ? undefined : () => crashAt('during-meta', generation));
}

/** meta.json, checked against its own checksum; E_RESUME naming the file when it is damaged. */
export function readMeta(dir: string): Meta {
  const path = runFolderPath(dir, META_FILE);
  if (!existsSync(path)) throw notARun(dir, 'no meta.json');
  const hint = `meta.json cannot be rebuilt from the other files safely: restore it from a backup, or start the run again in a new folder`;
  let meta: Meta;
  try {
    meta = parse<Meta>(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new InfoloopError('E_RESUME', `${path} is corrupt: ${(error as Error).message}`, hint);
  }
  if (typeof meta !== 'object' || meta === null || typeof meta.run_id !== 'string' || typeof meta.config_sha256 !== 'string') {
    throw new InfoloopError('E_RESUME', `${path} is corrupt or was written by an older infoloop (no run_id or config_sha256)`, hint);
  }
  const { checksum, ...fields } = meta;
  if (checksum !== sha256(canonicalStringify(fields))) throw new InfoloopError('E_RESUME', `${path} fails its checksum (damaged or edited)`, hint);
  return meta;
}

/** Append row t and force it to disk before anything that depends on it. */
export function appendRow(dir: string, row: LedgerRow): void {
  const line = stringify(row) + '\n';
  if (crashRequested('mid-row', row.generation)) {
    appendDurable(ledgerPath(dir), line, Math.floor(Buffer.byteLength(line) / 2));
    crashAt('mid-row', row.generation);
  }
  appendDurable(ledgerPath(dir), line);
  crashAt('after-row', row.generation);
}

export interface LedgerScan {
  /** The valid rows before anything wrong: row i has generation i. */
  rows: LedgerRow[];
  /** Bytes up to the end of the last valid row. */
  validBytes: number;
  /** Byte offset just after row i, for each valid row. */
  rowEnds: number[];
  /** The file ends in a partial row (no final newline): a write cut short by a kill. */
  torn: boolean;
  /** A complete line that is not the next row, with more after it or not: damage, not a kill. */
  corrupt: { line: number; reason: string } | null;
  /** Anything after the valid rows (torn or corrupt). */
  truncated: boolean;
}

function rowProblem(line: string, expected: number): string | null {
  let row: unknown;
  try {
    row = parse(line);
  } catch {
    return 'it is not valid JSON';
  }
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return 'it is not a JSON object';
  const generation = (row as { generation?: unknown }).generation;
  return generation === expected ? null : `it is for generation ${String(generation)} where generation ${expected} was expected`;
}

/** The rows in order, and what (if anything) follows them. */
export function scanLedger(dir: string): LedgerScan {
  const path = ledgerPath(dir);
  if (!existsSync(path)) throw notARun(dir, 'no ledger.jsonl');
  const bytes = readFileSync(path);
  const rows: LedgerRow[] = [];
  const rowEnds: number[] = [];
  let offset = 0;
  let corrupt: LedgerScan['corrupt'] = null;
  while (offset < bytes.length) {
    const end = bytes.indexOf(0x0a, offset);
    if (end < 0) break; // a final line without newline: torn
    const line = bytes.toString('utf8', offset, end);
    const problem = rowProblem(line, rows.length);
    if (problem) {
      corrupt = { line: rows.length + 1, reason: problem };
      break;
    }
    rows.push(parse<LedgerRow>(line));
    offset = end + 1;
    rowEnds.push(offset);
  }
  const torn = corrupt === null && offset < bytes.length;
  return { rows, rowEnds, validBytes: offset, torn, corrupt, truncated: offset < bytes.length };
}

export function corruptLedgerError(dir: string, corrupt: { line: number; reason: string }): InfoloopError {
  return new InfoloopError(
    'E_RESUME',
    `${ledgerPath(dir)} line ${corrupt.line} is not a valid ledger row (${corrupt.reason})`,
    `rows after it are not trusted; \`infoloop run --resume ${dir} --repair\` keeps the rows before it (the ledger is backed up first) and re-runs the rest`,
  );
}

/** The valid rows; E_INPUT when a complete line in the middle is damaged (a torn last row is dropped). */
export function readLedger(dir: string): LedgerRow[] {
  const scan = scanLedger(dir);
  if (scan.corrupt) {
    const error = corruptLedgerError(dir, scan.corrupt);
    throw new InfoloopError('E_INPUT', error.message, error.hint);
  }
  return scan.rows;
}

/** Cut the ledger after its first `validBytes` bytes so appending continues after the last valid row. */
export function truncateLedger(dir: string, validBytes: number): void {
  truncateSync(ledgerPath(dir), validBytes);
}

/** Copy ledger.jsonl to ledger.jsonl.bak-<time> before a repair changes it; returns the copy's path. */
export function backupLedger(dir: string, now = new Date()): string {
  const backup = runFolderPath(dir, `${LEDGER_FILE}.bak-${now.toISOString().replace(/[:.]/g, '-')}`);
  copyFileSync(ledgerPath(dir), backup);
  return backup;
}
