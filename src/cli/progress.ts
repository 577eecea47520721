/** A progress bar on a terminal, one plain line per step otherwise (logs, CI) or nothing when quiet. */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, line: string): void;
  stop(): void;
}

export function createProgress(total: number, label: string, quiet = false): Progress {
  if (quiet) return { update: () => {}, stop: () => {} };
  if (!process.stderr.isTTY) {
    return { update: (_done, line) => process.stderr.write(`${line}\n`), stop: () => {} };
  }
  const bar = new cliProgress.SingleBar(
    { format: `${label} [{bar}] {value}/{total} | ETA {eta_formatted} | {line}`, stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { line: '' });
  return { update: (done, line) => bar.update(done, { line }), stop: () => bar.stop() };
}
