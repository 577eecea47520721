/**
 * Names inside a run folder, and the one way to turn a name into a path: `runFolderPath` refuses
 * anything that would land outside the folder, so no config value or file name can write elsewhere.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InfoloopError } from '../core/errors.js';

export const RUN_ID_MAX_LENGTH = 128;
const RUN_ID_PATTERN = /^[A-Za-z0-9._-]+$/;

/** Why `id` is not a valid run id, or null when it is one. */
export function runIdProblem(id: string): string | null {
  if (typeof id !== 'string' || id.length === 0) return 'a run id must not be empty';
  if (id.length > RUN_ID_MAX_LENGTH) return `a run id has at most ${RUN_ID_MAX_LENGTH} characters, got ${id.length}`;
  if (!RUN_ID_PATTERN.test(id)) return 'a run id uses only letters, digits, ".", "_" and "-"';
  if (id === '.' || id === '..') return `"${id}" names a folder outside the run folder`;
  return null;
}

export function checkRunId(id: string): string {
  const problem = runIdProblem(id);
  if (problem) throw new InfoloopError('E_CONFIG', `run_id "${String(id).slice(0, 40)}" is not valid: ${problem}`, 'use 1–128 letters, digits, ".", "_" or "-", e.g. run_id: my-run-1');
  return id;
}

/** A path inside the run folder `dir`; throws when `parts` would resolve outside it (or to it). */
export function runFolderPath(dir: string, ...parts: string[]): string {
  const root = resolve(dir);
  const path = resolve(root, ...parts);
  const inside = relative(root, path);
  if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
    throw new InfoloopError('E_IO', `refusing to write ${path}: it is outside the run folder ${root}`, 'file names inside a run folder must not contain ".." or absolute paths');
  }
  return path;
}

export const CONFIG_FILE = 'config.yaml';
export const META_FILE = 'meta.json';
export const LEDGER_FILE = 'ledger.jsonl';
export const LOCK_FILE = 'lock';
export const CHECKPOINT_DIR = 'checkpoints';
export const HISTORY_DIR = 'history';

const generationName = (t: number, ext: string) => `gen-${String(t).padStart(4, '0')}.${ext}`;

/** `checkpoints/gen-0007.json` (or `.bin`), relative to the run folder. */
export const checkpointName = (t: number, ext: 'json' | 'bin') => `${CHECKPOINT_DIR}/${generationName(t, ext)}`;

/** `history/gen-0007.json`: the kept set of generation 7, written once (accumulate). */
export const historyName = (t: number) => `${HISTORY_DIR}/${generationName(t, 'json')}`;

/** The generation of a checkpoint file name this code writes, or null for any other name. */
export function checkpointGeneration(file: string): { generation: number; ext: 'json' | 'bin' } | null {
  const match = /^gen-(\d{4,})\.(json|bin)$/.exec(file);
  if (!match) return null;
  const generation = Number(match[1]);
  const ext = match[2] as 'json' | 'bin';
  // exact names only: "gen-00007.json" is not what generation 7 is written as
  return `${CHECKPOINT_DIR}/${file}` === checkpointName(generation, ext) ? { generation, ext } : null;
}
