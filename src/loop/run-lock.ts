/**
 * The exclusive lock on a run folder: a lease file `lock` holding {pid, host, token, expires_at_ms},
 * created atomically (written under a temporary name, then hard-linked to `lock`, which fails when
 * a lock exists) and renewed by a heartbeat thread while the holder lives, so renewal continues
 * while a long generation keeps the main thread busy. A lease is stale when its holder's process
 * is gone (same host) or it has expired (any host); a stale lease is moved aside and taken over.
 */
import { randomBytes } from 'node:crypto';
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { Worker } from 'node:worker_threads';
import { InfoloopError } from '../core/errors.js';
import { LOCK_FILE, runFolderPath } from './run-paths.js';

export interface Lease {
  pid: number;
  host: string;
  token: string;
  acquired_at: string;
  expires_at_ms: number;
}

/** How long a lease lives without renewal, and how often the heartbeat renews it. */
export const LEASE_TTL_MS = 30_000;
export const HEARTBEAT_MS = 5_000;

export interface RunLock {
  readonly path: string;
  readonly lease: Lease;
  /** Throws E_LOCKED when another process has taken the lease over (this one stalled past expiry). */
  verify(): void;
  release(): void;
}

// One heartbeat thread per process renews every lease it holds; unref'd so it never keeps node alive.
const HEARTBEAT_SOURCE = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const timers = new Map();
function renew(path, token, ttl) {
  try {
    const lease = JSON.parse(fs.readFileSync(path, 'utf8'));
    if (lease.token !== token) return;
    lease.expires_at_ms = Date.now() + ttl;
    const tmp = path + '.' + token + '.renew';
    fs.writeFileSync(tmp, JSON.stringify(lease));
    fs.renameSync(tmp, path);
  } catch {}
}
parentPort.on('message', (m) => {
  if (m.add) timers.set(m.add, setInterval(renew, m.every, m.add, m.token, m.ttl));
  else { clearInterval(timers.get(m.remove)); timers.delete(m.remove); }
});
`;
let heartbeat: Worker | null = null;
function heartbeatThread(): Worker {
  if (!heartbeat) {
    heartbeat = new Worker(HEARTBEAT_SOURCE, { eval: true });
    heartbeat.unref();
  }
  return heartbeat;
}

export interface LockTiming {
  /** Lease lifetime without renewal (default LEASE_TTL_MS). */
  ttlMs?: number;
  /** Renewal period (default HEARTBEAT_MS). */
  heartbeatMs?: number;
}

function readLease(path: string): Lease | null | 'unreadable' {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
  try {
    const lease = JSON.parse(text) as Lease;
    return typeof lease.pid === 'number' && typeof lease.token === 'string' && typeof lease.expires_at_ms === 'number' ? lease : 'unreadable';
  } catch {
    return 'unreadable';
  }
}

/** Whether a process with this id runs on this machine (one owned by another user counts). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // exists, owned by someone else
  }
}

/** Why a lease no longer holds (its holder died, it expired), or null while it is live. */
export { readLease };

export function staleReason(lease: Lease, now = Date.now(), host = hostname()): string | null {
  if (lease.host === host && !processAlive(lease.pid)) return `its holder (pid ${lease.pid}) has exited`;
  if (lease.expires_at_ms < now) return `it expired ${Math.round((now - lease.expires_at_ms) / 1000)} s ago`;
  return null;
}

function lockedError(dir: string, lease: Lease): InfoloopError {
  const until = Math.max(0, Math.round((lease.expires_at_ms - Date.now()) / 1000));
  return new InfoloopError(
    'E_LOCKED',
    `run folder ${dir} is in use by process ${lease.pid} on ${lease.host} (lease renewed, expires in ${until} s unless renewed again)`,
    'wait for that run to finish (or stop it); a lease whose process died is taken over automatically',
  );
}

/** Create `lock` atomically with `lease`; false when a lock file already exists. */
function tryCreate(path: string, lease: Lease): boolean {
  const tmp = `${path}.${lease.token}.new`;
  writeFileSync(tmp, JSON.stringify(lease));
  try {
    linkSync(tmp, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
}

/** Take the exclusive lock on run folder `dir` (which must exist), or throw E_LOCKED. */
export function acquireRunLock(dir: string, onTakeover?: (message: string) => void, timing: LockTiming = {}): RunLock {
  const ttl = timing.ttlMs ?? LEASE_TTL_MS;
  const path = runFolderPath(dir, LOCK_FILE);
  const now = Date.now();
  const lease: Lease = { pid: process.pid, host: hostname(), token: randomBytes(12).toString('hex'), acquired_at: new Date(now).toISOString(), expires_at_ms: now + ttl };
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(path, lease)) return holdLock(dir, path, lease, ttl, timing.heartbeatMs ?? HEARTBEAT_MS);
    const current = readLease(path);
    if (current === null) continue; // released in between: try again
    if (current === 'unreadable') throw new InfoloopError('E_LOCKED', `${path} exists but is not a lease infoloop can read`, `if no live process holds ${dir}, delete ${path} and retry`);
    const reason = staleReason(current);
    if (!reason) throw lockedError(dir, current);
    // Move the stale lease aside; only one contender's rename of this very lease can win.
    const aside = `${path}.stale-${lease.token}`;
    try {
      renameSync(path, aside);
    } catch {
      continue;
    }
    const moved = readLease(aside);
    if (moved && moved !== 'unreadable' && moved.token !== current.token) {
      // another contender took over between our read and our rename: give its lease back
      try {
        linkSync(aside, path);
      } catch {
        /* a third process holds it now */
      }
      rmSync(aside, { force: true });
      throw lockedError(dir, moved);
    }
    rmSync(aside, { force: true });
    onTakeover?.(`took over the lock on ${dir}: the previous lease was stale (${reason})`);
  }
  const current = readLease(path);
  if (current && current !== 'unreadable') throw lockedError(dir, current);
  throw new InfoloopError('E_LOCKED', `could not lock run folder ${dir}`, 'another process keeps creating and releasing its lock; retry when it is idle');
}

function holdLock(dir: string, path: string, lease: Lease, ttl: number, every: number): RunLock {
  const thread = heartbeatThread();
  thread.postMessage({ add: path, token: lease.token, ttl, every });
  let released = false;
  return {
    path,
    lease,
    verify() {
      const current = readLease(path);
      if (current === null || current === 'unreadable' || current.token !== lease.token) {
        throw new InfoloopError('E_LOCKED', `lost the lock on run folder ${dir}: another process took it over`, 'this process stalled past its lease; let the other run finish, then resume');
      }
    },
    release() {
      if (released) return;
      released = true;
      thread.postMessage({ remove: path });
      const current = readLease(path);
      if (current && current !== 'unreadable' && current.token === lease.token) rmSync(path, { force: true });
    },
  };
}
