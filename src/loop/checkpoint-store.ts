/**
 * Checkpoints and the accumulate history. A checkpoint (`checkpoints/gen-NNNN.json`, plus `.bin`
 * for learners with raw bytes) is a sealed file: its header carries the SHA-256 of its body, and the
 * body the SHA-256 of the `.bin`. The kept sets an accumulating policy trains on are written once
 * per generation to `history/gen-NNNN.json` (sealed too) and a checkpoint records only how many
 * there are, so a run's disk use grows as O(t·n), not O(t²·n).
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { InfoloopError } from '../core/errors.js';
import { parse, stringify } from '../core/json.js';
import type { RngState } from '../core/rng.js';
import type { Snapshot, Weighted } from '../core/types.js';
import { crashAt } from './crash-points.js';
import { readChecked, readSealed, sealed, sha256, writeAtomic } from './durable-files.js';
import { CHECKPOINT_DIR, checkpointGeneration, checkpointName, HISTORY_DIR, historyName, runFolderPath } from './run-paths.js';

export interface Checkpoint {
  generation: number;
  learner: string;
  snapshot: unknown;
  rng: RngState;
  injected_bits_cum: number | null;
  /** The history holds generations 1…history_generations (0 for policies that keep none). */
  history_generations: number;
}

interface CheckpointBody extends Checkpoint {
  binary: { sha256: string; bytes: number } | null;
}

const hint = (dir: string) =>
  `the file was deleted, damaged or edited after the run wrote it; run \`infoloop run --resume ${dir} --repair\` to continue from the newest intact checkpoint (the ledger is backed up first), or start the run again`;

export function prepareCheckpointFolders(dir: string): void {
  mkdirSync(runFolderPath(dir, CHECKPOINT_DIR), { recursive: true });
}

/** Write checkpoint t: the `.bin` first, then the sealed JSON that names its checksum. */
export function writeCheckpoint(dir: string, checkpoint: Checkpoint, snapshot: Snapshot): void {
  const binary = snapshot.binary ? { sha256: sha256(snapshot.binary), bytes: snapshot.binary.length } : null;
  if (snapshot.binary) writeAtomic(runFolderPath(dir, checkpointName(checkpoint.generation, 'bin')), snapshot.binary);
  const body: CheckpointBody = { ...checkpoint, binary };
  writeAtomic(runFolderPath(dir, checkpointName(checkpoint.generation, 'json')), sealed(stringify(body)));
}

export function hasCheckpoint(dir: string, t: number): boolean {
  return readdirSafe(runFolderPath(dir, CHECKPOINT_DIR)).includes(checkpointName(t, 'json').slice(CHECKPOINT_DIR.length + 1));
}

/** Checkpoint t, verified against its checksums; E_RESUME naming the file when it is missing or damaged. */
export function readCheckpoint(dir: string, t: number): { checkpoint: Checkpoint; snapshot: Snapshot } {
  const path = runFolderPath(dir, checkpointName(t, 'json'));
  if (!hasCheckpoint(dir, t)) {
    throw new InfoloopError('E_RESUME', `checkpoint for generation ${t} is missing: ${path}`, hint(dir));
  }
  const body = parse<CheckpointBody>(readSealed(path, hint(dir)));
  if (body.generation !== t) throw new InfoloopError('E_RESUME', `${path} holds generation ${body.generation}, not ${t}`, hint(dir));
  const binary = body.binary ? readChecked(runFolderPath(dir, checkpointName(t, 'bin')), body.binary, hint(dir)) : undefined;
  const { binary: _ignored, ...checkpoint } = body;
  return { checkpoint, snapshot: { learner: body.learner, json: body.snapshot, ...(binary ? { binary } : {}) } };
}

/**
 * `checkpoints: last` clean-up: delete the checkpoints of generations before `t`. Only names this
 * code writes for a generation are touched (`gen-0007.json`, `gen-0007.bin`), nothing else.
 */
export function removeCheckpointsBefore(dir: string, t: number): void {
  const files = readdirSafe(runFolderPath(dir, CHECKPOINT_DIR))
    .map((file) => ({ file, parsed: checkpointGeneration(file) }))
    .filter((entry) => entry.parsed !== null && entry.parsed.generation < t)
    // the JSON goes first: a checkpoint never exists as a JSON whose `.bin` is gone
    .sort((a, b) => a.parsed!.generation - b.parsed!.generation || (a.parsed!.ext === 'json' ? -1 : 1));
  files.forEach(({ parsed }, i) => {
    rmSync(runFolderPath(dir, checkpointName(parsed!.generation, parsed!.ext)), { force: true });
    if (i === 0) crashAt('during-cleanup', t);
  });
}

function readdirSafe(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** Generation t's kept set, written once; a re-run of t after a crash writes the same bytes. */
export function appendHistory(dir: string, t: number, kept: Weighted<unknown>[]): void {
  mkdirSync(runFolderPath(dir, HISTORY_DIR), { recursive: true }); // only runs that keep a history have the folder
  writeAtomic(runFolderPath(dir, historyName(t)), sealed(stringify({ generation: t, kept })));
}

/** Kept sets of generations 1…count, each verified. */
export function readHistory(dir: string, count: number): Weighted<unknown>[][] {
  const history: Weighted<unknown>[][] = [];
  for (let t = 1; t <= count; t++) {
    const path = runFolderPath(dir, historyName(t));
    const body = parse<{ generation: number; kept: Weighted<unknown>[] }>(readSealed(path, hint(dir)));
    if (body.generation !== t) throw new InfoloopError('E_RESUME', `${path} holds generation ${body.generation}, not ${t}`, hint(dir));
    history.push(body.kept);
  }
  return history;
}
