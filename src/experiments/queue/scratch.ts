/**
 * A worker's scratch folder: where its jobs' run folders live until their files are handed back.
 * Nothing in it is kept (a retried job starts again elsewhere), so it goes to memory (/dev/shm)
 * when there is room: a run folder's many small writes cost several times more on a disk.
 * Each worker takes a folder of its own, named after its process id, touches it every minute and
 * removes it when it stops. One left by a killed worker is removed by the next worker to start
 * there, once no process has its id and it has not been touched for 10 minutes (a worker in another
 * container that shares the folder but not the process ids still touches its own).
 */
import { accessSync, constants, mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, statSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InfoloopError } from '../../core/errors.js';
import { processAlive } from '../../loop/run-lock.js';

/** Free space a memory-backed folder needs before it is used for scratch by default. */
export const MIN_MEMORY_SCRATCH_BYTES = 1024 ** 3;

const PREFIX = 'infoloop-worker-';
/** How often a worker touches its folder, and how long untouched makes a dead worker's folder removable. */
const TOUCH_MS = 60_000;
export const STALE_MS = 10 * 60_000;

function freeBytes(dir: string): number {
  const stats = statfsSync(dir);
  return Number(stats.bavail) * Number(stats.bsize);
}

/** /dev/shm when it is a writable folder with at least 1 GiB free, else the system's temporary folder. */
export function defaultScratch(memory = '/dev/shm', minBytes = MIN_MEMORY_SCRATCH_BYTES): string {
  try {
    accessSync(memory, constants.W_OK);
    if (statSync(memory).isDirectory() && freeBytes(memory) >= minBytes) return memory;
  } catch {
    // absent or not writable: fall through
  }
  return tmpdir();
}

/** Remove the folders of workers that are no longer running (killed before they could clean up). */
export function removeStaleScratch(dir: string, now = Date.now()): number {
  let removed = 0;
  for (const name of readdirSync(dir)) {
    const pid = name.startsWith(PREFIX) ? parseInt(name.slice(PREFIX.length), 10) : NaN;
    if (!pid || pid === process.pid || processAlive(pid)) continue;
    try {
      if (now - statSync(join(dir, name)).mtimeMs < STALE_MS) continue; // touched lately: a live worker elsewhere
      rmSync(join(dir, name), { recursive: true, force: true });
      removed++;
    } catch {
      // gone meanwhile, or another user's: theirs to remove
    }
  }
  return removed;
}

export interface Scratch {
  /** The worker's own folder. */
  root: string;
  /** A new empty folder for one attempt of one job (a folder of its own for every call). */
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
  const touch = setInterval(() => {
    const now = new Date();
    try {
      utimesSync(root, now, now);
    } catch {
      // removed from outside: `take` makes it again
    }
  }, TOUCH_MS).unref();
  let taken = 0;
  return {
    root,
    take(name) {
      // numbered, so two attempts of one job never share a folder (BullMQ hands a job whose lock
      // lapsed to a worker again, maybe this one, while the first attempt may still be running)
      const folder = join(root, `${name}-${++taken}`);
      mkdirSync(folder, { recursive: true });
      return folder;
    },
    // Synchronous on purpose: Node's promise-based recursive rm costs several times the CPU.
    release: (folder) => rmSync(folder, { recursive: true, force: true }),
    close: () => {
      clearInterval(touch);
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** A scratch folder that ran out of space, said with what to do. */
export function scratchFullHint(message: string, dir: string): string | null {
  return /ENOSPC|no space left/i.test(message) ? `the worker's scratch folder ${dir} is full: start the worker with --scratch <a folder with more room>` : null;
}
