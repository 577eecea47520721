/**
 * Progress over a known number of steps (a run's generations, an experiment's runs): one bar
 * redrawn in place on a terminal, plain lines otherwise (logs, CI). Messages such as warnings are
 * printed above the bar, never through it. Times are wall clock, shown only, never used for results.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface ProgressOptions {
  label: string;
  total: number;
  /** What a step is, plural: `generations`, `runs`. */
  unit: string;
  stream?: ProgressStream;
  /** Redraw a bar in place (default: when the stream is a terminal). */
  interactive?: boolean;
  /** Off a terminal, at most one line per this many milliseconds (the last step always prints); 0 = every step. */
  throttleMs?: number;
}

export interface Progress {
  /** `done` steps finished; `detail` describes the last one; `ran` is false for a step done before (reused, resumed). */
  update(done: number, detail: string, ran?: boolean): void;
  /** A line printed above the bar. */
  log(line: string): void;
  stop(): void;
}

/** Drops everything: `--quiet`. */
export const silentProgress: Progress = { update: () => {}, log: () => {}, stop: () => {} };

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

const BAR_WIDTH = 24;

export function createProgress(options: ProgressOptions): Progress {
  const stream = options.stream ?? process.stderr;
  const interactive = options.interactive ?? stream.isTTY === true;
  const throttleMs = options.throttleMs ?? 0;
  const startedAt = performance.now();
  let done = 0;
  let ran = 0;
  let reused = 0;
  let detail = '';
  let drawn = false;
  let lastLine = -Infinity;

  const elapsed = () => (performance.now() - startedAt) / 1000;
  /** Time left from the pace of the steps that did work here; empty until one has. */
  const timeLeft = () => (ran > 0 && done < options.total ? `, ~${formatSeconds((elapsed() / ran) * (options.total - done))} left` : '');
  const counts = () => `${done}/${options.total} ${options.unit}${reused > 0 ? ` (${reused} reused)` : ''}`;

  const barLine = (): string => {
    const filled = options.total > 0 ? Math.round((BAR_WIDTH * Math.min(done, options.total)) / options.total) : BAR_WIDTH;
    const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
    const line = `${options.label} [${bar}] ${counts()} | ${formatSeconds(elapsed())}${timeLeft()}${detail ? ` | ${detail}` : ''}`;
    const width = Math.max(20, (stream.columns ?? 100) - 1);
    return line.length > width ? `${line.slice(0, width - 1)}…` : line;
  };
  const draw = () => {
    stream.write(`\r\x1b[2K${barLine()}`);
    drawn = true;
  };
  const clear = () => {
    if (drawn) stream.write('\r\x1b[2K');
    drawn = false;
  };

  if (interactive) draw();
  return {
    update(doneNow, detailNow, didWork = true) {
      done = doneNow;
      detail = detailNow;
      if (didWork) ran++;
      else reused++;
      if (interactive) return draw();
      const now = performance.now();
      if (done < options.total && now - lastLine < throttleMs) return;
      lastLine = now;
      const time = done < options.total ? timeLeft().replace(/^, /, ' ') : ` in ${formatSeconds(elapsed())}`;
      stream.write(`${options.label}: ${counts()}${time}${detail ? ` | ${detail}` : ''}\n`);
    },
    log(line) {
      if (!interactive) return void stream.write(`${line}\n`);
      clear();
      stream.write(`${line}\n`);
      draw();
    },
    stop() {
      if (!interactive) return;
      if (drawn) stream.write(`\r\x1b[2K${barLine()}\n`);
      drawn = false;
    },
  };
}
