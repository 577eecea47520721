/**
 * Verdicts name the rows they read through their experiments' own constants; this checks that
 * every such name is one the experiments produce, and that a summary holding exactly those rows
 * is enough for each verdict (so a rename cannot turn a verdict into "results missing" silently).
 */
import { describe, expect, it } from 'vitest';
import { claims } from '../registry.js';
import type { ClaimDefinition, RowRef, SummaryRow } from '../types.js';

function produced(claim: ClaimDefinition, experiment: string): { variants: Set<string>; metrics: Set<string> } {
  const own = claim.experiments.filter((e) => e.name === experiment);
  return {
    variants: new Set(own.flatMap((e) => [...e.variants.map((v) => v.name), ...(e.pooledVariants ?? [])])),
    metrics: new Set(own.flatMap((e) => [...Object.keys(e.metrics), ...(e.runMetrics ?? [])])),
  };
}

/** Measured and closed-form rows at generations 0..3 for each reference, nothing else. */
function summaryOf(reads: readonly RowRef[]): SummaryRow[] {
  return reads.flatMap((ref) =>
    [0, 1, 2, 3].flatMap((t) =>
      (['measured', 'closed_form'] as const).map((kind) => ({
        ...ref, params: { bits: 10 }, t, mean: 0.5, se: 0.1, ci_low: 0.3, ci_high: 0.7, n_runs: 5, kind,
      })),
    ),
  );
}

describe.each(claims.map((claim) => [claim.name, claim] as const))('%s verdict', (_name, claim) => {
  it('reads only rows its experiments produce', () => {
    expect(claim.reads.length).toBeGreaterThan(0);
    for (const ref of claim.reads) {
      const { variants, metrics } = produced(claim, ref.experiment);
      expect(variants.size, `experiment ${ref.experiment}`).toBeGreaterThan(0);
      expect([...variants], `${ref.experiment}: variant ${ref.variant}`).toContain(ref.variant);
      expect([...metrics], `${ref.experiment}: metric ${ref.metric}`).toContain(ref.metric);
    }
  });

  it('finds every row it needs among the rows it declares', () => {
    const verdict = claim.verdict(summaryOf(claim.reads), []);
    expect(verdict.claim).toBe(claim.name);
    expect(verdict.statement).not.toMatch(/missing|no claim4-gym results/);
  });

  it('says "missing" when its rows are absent', () => {
    expect(claim.verdict([], []).statement).toMatch(/missing/);
  });
});
