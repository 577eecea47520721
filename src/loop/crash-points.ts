/**
 * Test-only crash points. With INFOLOOP_CRASH_AT=<point>:<generation> in the environment the
 * process kills itself with SIGKILL at that point, as a power cut or `kill -9` would; the crash
 * tests use it to prove a run resumes to the same ledger from every point. Unset, it does nothing.
 */
export const CRASH_POINTS = ['after-checkpoint', 'mid-row', 'after-row', 'during-cleanup', 'during-meta'] as const;
export type CrashPoint = (typeof CRASH_POINTS)[number];

export const CRASH_ENV = 'INFOLOOP_CRASH_AT';

export function crashRequested(point: CrashPoint, generation: number): boolean {
  const spec = process.env[CRASH_ENV];
  return spec !== undefined && spec === `${point}:${generation}`;
}

export function crashAt(point: CrashPoint, generation: number): void {
  if (crashRequested(point, generation)) process.kill(process.pid, 'SIGKILL');
}
