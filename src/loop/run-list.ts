/** The run folders under a parent folder, with the status each meta.json records (damaged ones say so). */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { InfoloopError } from '../core/errors.js';
import { isRunFolder, readMeta, readRunConfig } from './run-store.js';

export interface RunSummary {
  dir: string;
  run_id: string;
  status: string;
  generations_done: number | null;
  generations: number | null;
  updated_at: string | null;
  /** Why it stopped or failed; what is wrong with a damaged folder. */
  note: string;
}

function summarise(dir: string, name: string): RunSummary {
  try {
    const meta = readMeta(dir);
    const generations = (readRunConfig(dir) as { generations?: unknown }).generations;
    return {
      dir, run_id: meta.run_id, status: meta.status, generations_done: meta.generations_done,
      generations: typeof generations === 'number' ? generations : null, updated_at: meta.updated_at, note: meta.stop_reason ?? meta.error ?? '',
    };
  } catch (error) {
    return { dir, run_id: name, status: 'unreadable', generations_done: null, generations: null, updated_at: null, note: (error as Error).message };
  }
}

/** Every run folder directly under `parent`, by name. */
export function listRuns(parent: string): RunSummary[] {
  if (!existsSync(parent)) throw new InfoloopError('E_INPUT', `${parent} does not exist`, 'pass the folder given to `infoloop run --out` (default runs)');
  return readdirSync(parent, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && isRunFolder(join(parent, entry.name)))
    .map((entry) => summarise(join(parent, entry.name), entry.name))
    .sort((a, b) => a.run_id.localeCompare(b.run_id));
}
