import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../ledger/schema.js';
import { summarizeExperiment } from './aggregate.js';
import type { Experiment, RunRecord } from '../types.js';

const ledger = (values: number[]): LedgerRow[] => values.map((accuracy, generation) => ({ generation, accuracy }) as LedgerRow);
const run = (variant: string, seed: number, values: number[]): RunRecord => ({ experiment: 'toy', variant, seed, dir: '', rows: ledger(values) });

const toy: Experiment = {
  claim: 'claim2',
  name: 'toy',
  description: 'hand-made ledgers',
  variants: [{ name: 'a', params: { k: 1 }, config: () => ({}) as never }],
  seeds: { full: 3, quick: 3 },
  metrics: { accuracy: (row) => row.accuracy },
  closedForms: (rows) => rows.filter((r) => r.t === 1).map((r) => ({ ...r, mean: 0.5, kind: 'closed_form' as const })),
};

describe('summarizeExperiment', () => {
  it('computes per-generation means and t intervals over seeds by hand', () => {
    const rows = summarizeExperiment(toy, [run('a', 2, [0.25, 0.6]), run('a', 1, [0.25, 0.4]), run('a', 3, [0.25, 0.5]), run('other', 1, [1, 1])]);
    const measured = rows.filter((r) => r.kind === 'measured');
    expect(measured.map((r) => r.t)).toEqual([0, 1]);
    expect(measured[0]).toMatchObject({ mean: 0.25, se: 0, ci_low: 0.25, ci_high: 0.25, n_runs: 3, params: { k: 1 } });
    // values 0.4, 0.5, 0.6: sd 0.1, se 0.1/√3, t_{0.975,2} = 4.302653
    expect(measured[1].mean).toBeCloseTo(0.5, 12);
    expect(measured[1].se).toBeCloseTo(0.1 / Math.sqrt(3), 12);
    expect(measured[1].ci_high - 0.5).toBeCloseTo(4.302653 * (0.1 / Math.sqrt(3)), 6);
    expect(rows.filter((r) => r.kind === 'closed_form')).toHaveLength(1);
  });

  it('skips missing values and does not depend on the order runs arrive in', () => {
    const runs = [run('a', 1, [0.1, 0.2]), run('a', 2, [0.3, 0.4]), { ...run('a', 3, [0.5]), rows: [{ generation: 0, accuracy: null } as LedgerRow] }];
    const forward = summarizeExperiment(toy, runs);
    expect(forward.find((r) => r.t === 0)!.n_runs).toBe(2);
    expect(summarizeExperiment(toy, [...runs].reverse())).toEqual(forward);
  });
});
