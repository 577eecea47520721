import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultScratch, openScratch, removeStaleScratch, scratchFullHint, STALE_MS } from './scratch.js';

const base = mkdtempSync(join(tmpdir(), 'infoloop-scratch-test-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** The pid of a process that has exited (so no process has it now, barring reuse within the test). */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('worker scratch folder', () => {
  it('uses a memory folder only when it is writable and has the room asked for', () => {
    const memory = mkdtempSync(join(base, 'shm-'));
    expect(defaultScratch(memory, 1)).toBe(memory);
    expect(defaultScratch(memory, Number.MAX_SAFE_INTEGER)).toBe(tmpdir()); // no disk has 8 PiB free
    expect(defaultScratch(join(base, 'absent'), 1)).toBe(tmpdir());
    const file = join(base, 'a-file');
    writeFileSync(file, '');
    expect(defaultScratch(file, 1)).toBe(tmpdir());
  });

  it('gives each job attempt an empty folder and removes it, then its own folder on close', () => {
    const dir = mkdtempSync(join(base, 'open-'));
    const scratch = openScratch(dir);
    expect(scratch.root.startsWith(join(dir, `infoloop-worker-${process.pid}-`))).toBe(true);
    const folder = scratch.take('run-abc');
    writeFileSync(join(folder, 'an-attempt-still-running'), 'x');
    const again = scratch.take('run-abc');
    expect(again).not.toBe(folder);
    expect(readdirSync(again)).toEqual([]);
    expect(readdirSync(folder)).toEqual(['an-attempt-still-running']); // the other attempt's folder is left alone
    scratch.release(folder);
    mkdirSync(join(again, 'run', 'checkpoints'), { recursive: true });
    writeFileSync(join(again, 'run', 'checkpoints', 'gen-0000.json'), '{}');
    scratch.release(again);
    expect(existsSync(again)).toBe(false);
    scratch.close();
    expect(readdirSync(dir)).toEqual([]);
  });

  it("removes the folders of workers that are gone and untouched for 10 minutes, never a running one's", () => {
    const dir = mkdtempSync(join(base, 'stale-'));
    const pid = deadPid();
    const dead = join(dir, `infoloop-worker-${pid}-AbCdEf`);
    const touchedLately = join(dir, `infoloop-worker-${pid}-GhIjKl`); // a live worker whose process ids this one cannot see
    const running = join(dir, `infoloop-worker-${process.ppid}-AbCdEf`);
    const other = join(dir, 'someone-elses-folder');
    for (const folder of [dead, touchedLately, running, other]) mkdirSync(join(folder, 'run-1'), { recursive: true });
    const old = new Date(Date.now() - STALE_MS - 60_000);
    for (const folder of [dead, running, other]) utimesSync(folder, old, old);
    expect(removeStaleScratch(dir)).toBe(1);
    expect([dead, touchedLately, running, other].map((folder) => existsSync(folder))).toEqual([false, true, true, true]);
    expect(removeStaleScratch(dir, Date.now() + STALE_MS + 1000)).toBe(1); // ten minutes on, untouched
    expect(existsSync(touchedLately)).toBe(false);
  });

  it('says a folder it cannot write in one line with what to do', () => {
    const file = join(base, 'not-a-folder');
    writeFileSync(file, '');
    expect(() => openScratch(join(file, 'below'))).toThrow(expect.objectContaining({ code: 'E_INPUT', hint: 'pass --scratch <a writable folder>' }));
  });

  it('turns a full scratch folder into a hint, and nothing else', () => {
    expect(scratchFullHint('ENOSPC: no space left on device, write', '/dev/shm/w')).toMatch(/scratch folder \/dev\/shm\/w is full: start the worker with --scratch/);
    expect(scratchFullHint('E_CONFIG: unknown signal', '/dev/shm/w')).toBeNull();
  });
});
