/**
 * A worker's scratch folder: where its jobs' run folders live until their files are handed back.
 * Nothing in it is kept (a retried job starts again elsewhere), so it goes to memory (/dev/shm)
 * when there is room: a run folder's many small writes cost several times more on a disk.
 * Each worker takes a folder of its own, named after its process id, and removes it when it
 * stops; one left by a worker that was killed is removed by the next worker to start there.
 */
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfoloopError } from '../../core/errors.js';

/** Free space a memory-backed folder needs before it is used for scratch by default. */
export const MIN_MEMORY_SCRATCH_BYTES = 1024 ** 3;

const PREFIX = 'infoloop-worker-';

function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

/** /dev/shm when it is a writable folder with at least 1 GiB free, else the system's temporary folder. */
export function defaultScratch(memory = '/dev/shm', minBytes = MIN_MEMORY_SCRATCH_BYTES): string {
  try {
    if (statSync(memory).isDirectory() && (accessSync(memory, constants.W_OK), true) && freeBytes(memory) >= minBytes) return memory;
  } catch {
    // absent or not writable: fall through
  }
  return tmpdir();
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, belongs to someone else
  }
}

/** Remove the folders of workers that are no longer running (killed before they could clean up). */
export function removeStaleScratch(dir: string): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const pid = Number(/^infoloop-worker-(\d+)-/.exec(name)?.[1]);
    if (!pid || pid === process.pid || alive(pid)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed++;
  }
  return removed;
}

export interface Scratch {
  /** The worker's own folder. */
  root: string;
  /** A new empty folder for one attempt of one job. */
  take(name: string): string;
  /** Remove a folder given by `take`. */
  release(folder: string): void;
  /** Remove the worker's folder. */
  close(): void;
}

export function openScratch(dir: string): Scratch {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new InfoloopError('E_INPUT', `the scratch folder ${dir} cannot be written: ${(error as Error).message}`, 'pass --scratch <a writable folder>');
  }
  removeStaleScratch(dir);
  const root = mkdtempSync(join(dir, `${PREFIX}${process.pid}-`));
  return {
    root,
    take(name) {
      const folder = join(root, name);
      rmSync(folder, { recursive: true, force: true }); // a previous attempt of the same job, here
      mkdirSync(folder);
      return folder;
    },
    // Synchronous on purpose: Node's promise-based recursive rm costs several times the CPU.
    release: (folder) => rmSync(folder, { recursive: true, force: true }),
    close: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A scratch folder that ran out of space, said with what to do. */
export function scratchFullHint(message: string, dir: string): string | null {
  return /ENOSPC|no space left/i.test(message) ? `the worker's scratch folder ${dir} is full: start the worker with --scratch <a folder with more room>` : null;
}
