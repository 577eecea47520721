/** Claim 3 through the real engine: ledger rows obey the exact model, and the verdict rule on known inputs. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../src/config/load.js';
import { equalBitsRows, imitationBudget, manyAnswers } from '../src/experiments/claims/claim3/exact-model.js';
import { claim3Experiments } from '../src/experiments/claims/claim3/index.js';
import { claim3Verdict } from '../src/experiments/claims/claim3/verdict.js';
import { heldoutAccuracyAtBits } from '../src/experiments/claims/claim3/equal-bits.js';
import type { LedgerRow } from '../src/ledger/schema.js';
import { accuracyAfter, filterBits } from '../src/experiments/claims/claim3/prediction.js';
import type { SummaryRow } from '../src/experiments/types.js';
import { runLoop } from '../src/loop/engine.js';

const out = mkdtempSync(join(tmpdir(), 'infoloop-claim3-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('claim 3 runs through the engine', () => {
  const [many] = claim3Experiments;
  const variant = (name: string) => many.variants.find((v) => v.name === name)!;

  it('verifier rows: bits = n_kept·(−log2 â) and held-out accuracy = acc(total kept)', async () => {
    const result = await runLoop(resolveConfig(variant('verifier').config(3, true)), { out, quiet: true });
    let kept = 0;
    for (const row of result.rows.slice(1)) {
      kept += row.n_kept;
      expect(row.injected_bits).toBeCloseTo(filterBits(row.n_kept, row.n_judged), 9);
      expect(row.heldout_accuracy).toBeCloseTo(accuracyAfter(manyAnswers.sizes, kept), 12);
    }
    expect(result.rows[0].heldout_accuracy).toBeCloseTo(0.2, 12);
  });

  it('imitation rows: J references a generation, held-out accuracy = acc(J·t)', async () => {
    const result = await runLoop(resolveConfig(variant('imitation').config(3, true)), { out, quiet: true });
    const J = imitationBudget(manyAnswers.sizes, result.rows.length - 1);
    for (const row of result.rows.slice(1)) {
      expect(row.n_kept).toBe(J);
      expect(row.heldout_accuracy).toBeCloseTo(accuracyAfter(manyAnswers.sizes, J * row.generation), 12);
      // Every reference costs at least log2 D = 4 bits for its instance-level detail.
      expect(row.injected_bits).toBeGreaterThanOrEqual(4 * J - 1e-9);
    }
  });
});

function row(experiment: string, variantName: string, metric: string, mean: number, se: number, t = 5): SummaryRow {
  return { experiment, variant: variantName, params: {}, t, metric, mean, se, ci_low: mean - 2 * se, ci_high: mean + 2 * se, n_runs: 5, kind: 'measured' };
}

describe('claim 3 at equal bits', () => {
  const ledger = (points: [number, number][]) => points.map(([bits, accuracy], generation) => ({ generation, injected_bits_cum: bits, heldout_accuracy: accuracy }) as LedgerRow);

  it('interpolates held-out accuracy where the cumulative bits reach the budget', () => {
    const rows = ledger([[0, 0.2], [10, 0.4], [30, 0.8]]);
    expect(heldoutAccuracyAtBits(rows, 20)).toBeCloseTo(0.6, 12);
    expect(heldoutAccuracyAtBits(rows, 10)).toBeCloseTo(0.4, 12);
    expect(heldoutAccuracyAtBits(rows, 50)).toBeCloseTo(0.8, 12); // never reached: the last value
  });

  it('reads every run at the smaller mean final budget', () => {
    const record = (variant: string, points: [number, number][]) => ({ experiment: manyAnswers.experiment, variant, seed: 1, dir: '', rows: ledger(points) });
    const runs = [
      record('verifier', [[0, 0.2], [20, 0.6], [40, 0.9]]), record('verifier', [[0, 0.2], [20, 0.6], [40, 0.9]]),
      record('imitation', [[0, 0.2], [10, 0.25], [20, 0.3]]), record('imitation', [[0, 0.2], [10, 0.25], [20, 0.3]]),
    ];
    const [verifier, imitation] = equalBitsRows(manyAnswers, runs, 0.2);
    expect(verifier.params.bits).toBe(20);
    expect(verifier.mean).toBeCloseTo((0.6 - 0.2) / 20, 12);
    expect(imitation.mean).toBeCloseTo((0.3 - 0.2) / 20, 12);
  });
});

describe('claim 3 verdict rule', () => {
  const summary = (verifier: number, imitation: number, se: number) => [
    row('claim3-many-answers', 'verifier', 'efficiency_at_equal_bits', verifier, se),
    row('claim3-many-answers', 'imitation', 'efficiency_at_equal_bits', imitation, se),
  ];

  it('never takes its label from the exact model, which it reports as a worked example', () => {
    // a clear exact-model difference either way, no gym rows: the label stays inconclusive
    for (const [verifier, imitation] of [[0.006, 0.003], [0.003, 0.006]]) {
      const verdict = claim3Verdict(summary(verifier, imitation, 0.0002));
      expect(verdict.label).toBe('inconclusive');
      expect(verdict.statement).toMatch(/gym results \(claim3-gym\) are missing/);
      expect(verdict.statement).toMatch(/Worked example, not deciding \(exact model/);
    }
    expect(claim3Verdict([]).label).toBe('inconclusive');
  });
});
