/**
 * Progress over an experiment's jobs: a bar with ETA (cli-progress) on a terminal, otherwise plain
 * lines at most every few seconds. The ETA counts only jobs that actually ran, not reused folders.
 */
import cliProgress from 'cli-progress';
import type { JobEvent } from './runner.js';

export interface Progress {
  update(event: JobEvent): void;
  stop(): void;
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return '?';
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Seconds left from the pace of the jobs that ran (wall-clock only; never used for results). */
function estimate(startedAt: number, ran: number, left: number): number {
  if (ran === 0) return Infinity;
  return ((performance.now() - startedAt) / 1000 / ran) * left;
}

export function createProgress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr, interactive = stream.isTTY === true): Progress {
  const startedAt = performance.now();
  let ran = 0;
  if (interactive) {
    const bar = new cliProgress.SingleBar(
      { format: `${label} [{bar}] {value}/{total} runs | eta {eta_text} | {last}`, hideCursor: true, stream, clearOnComplete: false },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { eta_text: '?', last: '' });
    return {
      update(event) {
        if (event.outcome !== 'reused') ran++;
        const last = `${event.job.variant} seed ${event.job.seed}${event.outcome === 'reused' ? ' (reused)' : ''}`;
        bar.update(event.done, { eta_text: formatSeconds(estimate(startedAt, ran, total - event.done)), last });
      },
      stop: () => bar.stop(),
    };
  }
  let lastLine = -Infinity;
  let reused = 0;
  return {
    update(event) {
      if (event.outcome === 'reused') reused++;
      else ran++;
      const now = performance.now();
      if (event.done < total && now - lastLine < 3000) return;
      lastLine = now;
      const eta = event.done < total ? ` eta ${formatSeconds(estimate(startedAt, ran, total - event.done))}` : ` in ${formatSeconds((now - startedAt) / 1000)}`;
      stream.write(`${label}: ${event.done}/${total} runs (${reused} reused)${eta}\n`);
    },
    stop() {},
  };
}
