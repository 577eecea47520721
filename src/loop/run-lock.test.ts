import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from '../../test/temp-folder.js';
import { InfoloopError } from '../core/errors.js';
import { acquireRunLock, readLease, staleReason, type Lease } from './run-lock.js';

const folder = () => tempFolder('infoloop-lock-');
const lease = (fields: Partial<Lease>): Lease => ({ pid: process.pid, host: hostname(), token: 'someone-else', acquired_at: new Date().toISOString(), expires_at_ms: Date.now() + 60_000, ...fields });

function expectLocked(dir: string): void {
  try {
    acquireRunLock(dir);
    expect.unreachable('the second lock was granted');
  } catch (error) {
    expect(error).toBeInstanceOf(InfoloopError);
    expect((error as InfoloopError).code).toBe('E_LOCKED');
    expect((error as InfoloopError).exitCode).toBe(2);
  }
}

/** A pid that has certainly exited: a child that ran and finished. */
const deadPid = () => spawnSync(process.execPath, ['-e', '0']).pid!;

describe('run folder lock', () => {
  it('is exclusive while held and free again once released', () => {
    const dir = folder();
    const lock = acquireRunLock(dir);
    expect(readLease(join(dir, 'lock'))).toMatchObject({ pid: process.pid, host: hostname() });
    expectLocked(dir);
    lock.release();
    expect(existsSync(join(dir, 'lock'))).toBe(false);
    acquireRunLock(dir).release();
  });

  it('refuses a live lease of another process, on this host or another', () => {
    const dir = folder();
    writeFileSync(join(dir, 'lock'), JSON.stringify(lease({ pid: process.ppid })));
    expectLocked(dir);
    writeFileSync(join(dir, 'lock'), JSON.stringify(lease({ host: 'elsewhere', pid: 1 })));
    expectLocked(dir);
  });

  it('takes over a lease whose holder died on this host, or one that expired anywhere', () => {
    for (const stale of [lease({ pid: deadPid() }), lease({ host: 'elsewhere', expires_at_ms: Date.now() - 1 })]) {
      const dir = folder();
      writeFileSync(join(dir, 'lock'), JSON.stringify(stale));
      const messages: string[] = [];
      const lock = acquireRunLock(dir, (message) => messages.push(message));
      expect(messages[0]).toMatch(/took over the lock .*stale \((its holder \(pid \d+\) has exited|it expired)/);
      expect((readLease(join(dir, 'lock')) as Lease).token).toBe(lock.lease.token);
      lock.release();
    }
  });

  it('a holder notices when its lease was taken over', () => {
    const dir = folder();
    const lock = acquireRunLock(dir);
    lock.verify();
    writeFileSync(join(dir, 'lock'), JSON.stringify(lease({ host: 'elsewhere' })));
    expect(() => lock.verify()).toThrow(/lost the lock/);
    lock.release(); // leaves the other holder's lease alone
    expect((readLease(join(dir, 'lock')) as Lease).token).toBe('someone-else');
  });

  it('the heartbeat renews the lease while the main thread is blocked', () => {
    const dir = folder();
    const lock = acquireRunLock(dir, undefined, { ttlMs: 600, heartbeatMs: 100 });
    const first = lock.lease.expires_at_ms;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500); // a long synchronous generation
    const current = JSON.parse(readFileSync(join(dir, 'lock'), 'utf8')) as Lease;
    expect(current.expires_at_ms).toBeGreaterThan(first + 500);
    expect(staleReason({ ...current, host: 'elsewhere' })).toBeNull();
    lock.release();
  });

  it('an unreadable lock file is reported, not silently replaced', () => {
    const dir = folder();
    writeFileSync(join(dir, 'lock'), 'garbage');
    expect(() => acquireRunLock(dir)).toThrow(/not a lease infoloop can read/);
  });
});
