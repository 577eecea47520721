import { describe, expect, it } from 'vitest';
import { fmt, fmtInterval } from './rows.js';
import { renderMarkdown, shownGenerations } from './markdown.js';
import type { ClaimDefinition, SummaryRow } from '../types.js';

describe('summary.md', () => {
  it('shows generation 0, the quarters and the horizon', () => {
    expect(shownGenerations(20)).toEqual([0, 5, 10, 15, 20]);
    expect(shownGenerations(2)).toEqual([0, 1, 2]);
    expect(shownGenerations(0)).toEqual([0]);
  });

  it('formats numbers to four significant digits', () => {
    expect(fmt(0.123456)).toBe('0.1235');
    expect(fmt(-4.41125)).toBe('-4.411');
    expect(fmt(1234567)).toBe('1.23e+6');
    expect(fmt(Infinity)).toBe('Infinity');
    expect(fmtInterval({ mean: 1, ci_low: 0.5, ci_high: 1.5 })).toBe('1 [0.5, 1.5]');
  });

  it('never prints a narrow interval as zero-width: its ends get the digits they need to differ', () => {
    expect(fmtInterval({ mean: 0.99996, ci_low: 0.99993, ci_high: 0.99999, n_runs: 30, ci_method: 't' })).toBe('1 [0.9999, 1]');
    expect(fmtInterval({ mean: 0.99998, ci_low: 0.999972, ci_high: 0.999988, n_runs: 30, ci_method: 't' })).toBe('0.99998 [0.99997, 0.99999]');
    expect(fmtInterval({ mean: 0.9965, ci_low: 0.996481, ci_high: 0.996519, n_runs: 30, ci_method: 't' })).toBe('0.9965 [0.99648, 0.99652]');
    expect(fmtInterval({ mean: 0.25, ci_low: 0.2, ci_high: 0.3, n_runs: 3, ci_method: 't' })).toBe('0.25 [0.2, 0.3] (3 runs < 10)');
    // three different runs whose gains coincide (0.38 − 0.345, 0.305 − 0.27, 0.365 − 0.33): a width of 1e-16
    const gains = [0.38 - 0.345, 0.305 - 0.27, 0.365 - 0.33];
    const mean = gains.reduce((a, b) => a + b) / 3;
    expect(fmtInterval({ mean, ci_low: mean - 1e-16, ci_high: mean + 1e-16, n_runs: 3, ci_method: 't' })).toBe('0.035 (3 runs agree to 12 digits: no spread to measure)');
    expect(fmtInterval({ mean: 0.5, ci_low: 0.5, ci_high: 0.5, n_runs: 4, ci_method: 'deterministic' })).toBe('0.5 (deterministic, 4 identical runs)');
    // different runs whose t interval rounds to one double
    expect(fmtInterval({ mean: 1, ci_low: 1, ci_high: 1, n_runs: 20, ci_method: 't' })).toBe('1 (20 runs agree to 12 digits: no spread to measure)');
  });

  it('renders the verdict, a table per metric with theory beside the measurement, and run-level rows', () => {
    const row = (t: number, metric: string, m: number, kind: 'measured' | 'closed_form' = 'measured'): SummaryRow =>
      ({ experiment: 'e', variant: 'v', params: {}, t, metric, mean: m, se: 0.05, ci_low: m - 0.5, ci_high: m + 0.5, n_runs: 2, kind });
    const claim: ClaimDefinition = {
      name: 'claim1',
      title: 'closed loops collapse',
      experiments: [{ claim: 'claim1', name: 'e', description: 'toy', variants: [], seeds: { full: 2, quick: 2 }, metrics: { sigma2: () => null } }],
      reads: [],
      rule: { thresholds: { LIMIT: 1 }, comparison: 'the one comparison' },
      verdict: () => ({ claim: 'claim1', label: 'supported', statement: 'because' }),
    };
    const summary = [row(0, 'sigma2', 1), row(4, 'sigma2', 0.6), row(4, 'sigma2', 0.6561, 'closed_form'), row(4, 'first_crossing', 2)];
    const markdown = renderMarkdown(claim, summary, { claim: 'claim1', label: 'supported', statement: 'because' }, { quick: true, seeds: { e: 2 }, rules_hash: '0123456789abcdef' });
    expect(markdown).toContain('**Verdict: supported.** because');
    expect(markdown).toContain('Rules hash: `0123456789abcdef` (the verdict rule in claims/claim1/verdict.ts: the one comparison; its named thresholds LIMIT = 1');
    expect(markdown).toContain('| variant | t=0 | t=1 | t=2 | t=3 | t=4 |');
    // two runs: flagged beside each interval
    expect(markdown).toContain('| v | 1 [0.5, 1.5] (2 runs < 10) |  |  |  | 0.6 [0.1, 1.1] (2 runs < 10) (theory 0.6561) |');
    expect(markdown).toContain('| v | first_crossing | 4 | 2 [1.5, 2.5] (2 runs < 10) | 2 |  |');
    const deterministic = renderMarkdown(claim, [{ ...row(0, 'sigma2', 1), n_runs: 12, ci_method: 'deterministic' }], { claim: 'claim1', label: 'supported', statement: '' }, { quick: true, seeds: { e: 12 } });
    expect(deterministic).toContain('| v | 1 (deterministic, 12 identical runs) |');
  });
});
