/**
 * The built-in demo: the same categorical loop closed (no signal) and opened by a verifier,
 * side by side. K=100 answers of which 10 are correct, n=200 samples, α=0.5.
 */
import type { ConfigInput } from '../config/schema.js';
import { resolveConfig } from '../config/load.js';
import type { LedgerRow } from '../ledger/schema.js';
import { runLoop, type RunOptions } from './engine.js';

export function demoConfig(signal: 'none' | 'verifier', seed = 1): ConfigInput {
  return {
    seed,
    generations: 12,
    n: 200,
    run_id: `demo-${signal}`,
    task: { name: 'categorical-target', K: 100, correct: 10 },
    learner: { name: 'categorical', K: 100, alpha: 0.5 },
    signal: { name: signal },
    select: { name: 'filter' },
    policy: { name: 'replace' },
  };
}

export interface DemoResult {
  closed: LedgerRow[];
  open: LedgerRow[];
  dirs: string[];
}

export async function runDemo(out: string, options: RunOptions = {}): Promise<DemoResult> {
  const closed = await runLoop(resolveConfig(demoConfig('none')), { ...options, out });
  const open = await runLoop(resolveConfig(demoConfig('verifier')), { ...options, out });
  return { closed: closed.rows, open: open.rows, dirs: [closed.dir, open.dir] };
}

/** Header and rows of the side-by-side table. */
export function demoTable(result: DemoResult): { header: string[]; rows: unknown[][] } {
  const header = ['gen', 'closed acc', 'closed gap', 'closed H', 'open acc', 'open gap', 'open kept', 'open injected', 'open inj cum'];
  const rows = result.closed.map((c, t) => {
    const o = result.open[t];
    return [t, c.accuracy, c.gap_bits, c.entropy_bits, o.accuracy, o.gap_bits, o.n_kept, o.injected_bits, o.injected_bits_cum];
  });
  return { header, rows };
}
