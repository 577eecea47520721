/** The one error type users see: a stable code, a one-line message and a hint saying what to do. */
export type ErrorCode =
  | 'E_CONFIG'
  | 'E_INPUT'
  | 'E_IO'
  | 'E_RNG'
  | 'E_RESUME'
  | 'E_UNKNOWN_NAME'
  | 'E_RUN'
  | 'E_ENDPOINT'
  | (string & {});

export class InfoloopError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  /** Exit code for the CLI: 2 for bad input, 1 for a failed run. */
  readonly exitCode: number;

  constructor(code: ErrorCode, message: string, hint: string, exitCode = 2) {
    super(message);
    this.name = 'InfoloopError';
    this.code = code;
    this.hint = hint;
    this.exitCode = exitCode;
  }

  /** `error[CODE]: message` and `hint: ...`, the CLI's two lines. */
  format(): string {
    return `error[${this.code}]: ${this.message}\nhint: ${this.hint}`;
  }
}

/** A hard limit the user set (a spending budget) was reached: the run stops cleanly, it has not failed. */
export function isStop(error: unknown): error is InfoloopError {
  return error instanceof InfoloopError && error.code === 'E_BUDGET';
}

/** Levenshtein distance, for "did you mean" hints. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** `did you mean "x"? known: a, b, c` for an unknown name. */
export function suggest(name: string, known: readonly string[]): string {
  const ranked = [...known].sort((x, y) => editDistance(name, x) - editDistance(name, y));
  const best = ranked[0];
  const close = best !== undefined && editDistance(name, best) <= Math.max(2, Math.floor(best.length / 3));
  const list = `known: ${[...known].sort().join(', ')}`;
  return close ? `did you mean "${best}"? ${list}` : list;
}

export function unknownName(kind: string, name: string, known: readonly string[]): InfoloopError {
  return new InfoloopError('E_UNKNOWN_NAME', `${kind} "${name}" is unknown`, suggest(name, known));
}

const SYSTEM_HINTS: Record<string, string> = {
  EACCES: 'the path is not writable (or readable) for you: pick another location, e.g. another --out, or fix its permissions',
  EPERM: 'the operation is not permitted there: pick another location, e.g. another --out',
  EROFS: 'the file system is read-only: pick another location, e.g. another --out',
  ENOSPC: 'the disk is full: free some space, then continue with `infoloop run --resume <run folder>`',
  EDQUOT: 'the disk quota is used up: free some space, then continue with `infoloop run --resume <run folder>`',
  ENOTDIR: 'a part of the path is a file where a folder is needed: pick another path',
  EISDIR: 'the path is a folder where a file is needed: pick another path',
  EEXIST: 'something already exists at that path: pick another path',
  ENAMETOOLONG: 'the path or one of its names is too long: use a shorter path',
  ENOENT: 'check that the path exists',
  EMFILE: 'too many files are open: close other programs or raise the limit (ulimit -n)',
};

/**
 * A failure of the operating system (permissions, a full disk, a file where a folder should be) as
 * E_IO with a hint: these are faults of the environment, not bugs. null for anything else.
 */
export function fromSystemError(error: unknown): InfoloopError | null {
  const system = error as NodeJS.ErrnoException | null;
  if (!system || typeof system.code !== 'string' || !/^E[A-Z]+$/.test(system.code) || typeof system.syscall !== 'string') return null;
  const where = system.path ? ` ${system.path}` : '';
  return new InfoloopError('E_IO', `${system.syscall}${where} failed: ${system.code}`, SYSTEM_HINTS[system.code] ?? 'check the path, its permissions and the free disk space');
}
