import { describe, expect, it } from 'vitest';
import type { SummaryRow } from '../experiments/types.js';
import { experimentReportHtml, metricSeries, spreadGenerations, type ClaimRecord } from './experiment-page.js';

const row = (variant: string, t: number, mean: number, kind: 'measured' | 'closed_form' = 'measured'): SummaryRow => ({
  experiment: 'e', variant, params: {}, t, metric: 'm', mean, se: 0.1, ci_low: mean - 0.2, ci_high: mean + 0.2, n_runs: kind === 'measured' ? 5 : 0, kind,
});

describe('spreadGenerations', () => {
  it('keeps all when few, else the first, the last and evenly spaced ones between', () => {
    expect(spreadGenerations([2, 0, 1, 1])).toEqual([0, 1, 2]);
    expect(spreadGenerations([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 6)).toEqual([0, 2, 4, 6, 8, 10]);
    expect(spreadGenerations([0, 1, 2, 3, 4, 5, 6], 3)).toEqual([0, 3, 6]);
  });
});

describe('metricSeries', () => {
  it('gives each variant a band series and its theory a dashed series of the same colour', () => {
    const rows = [row('a', 1, 1), row('a', 0, 2), row('a', 0, 2, 'closed_form'), row('a', 1, 1.5, 'closed_form'), row('b', 0, 3), row('b', 1, 4)];
    const series = metricSeries(rows);
    expect(series.map((s) => [s.name, s.colorIndex, !!s.dashed])).toEqual([['a', 0, false], ['a (theory)', 0, true], ['b', 1, false]]);
    // sorted by t, band from the CI columns
    expect(series[0].points).toEqual([{ x: 0, y: 2 }, { x: 1, y: 1 }]);
    expect(series[0].band).toEqual([{ x: 0, low: 1.8, high: 2.2 }, { x: 1, low: 0.8, high: 1.2 }]);
    expect(series[1].band).toBeUndefined();
  });
});

describe('experimentReportHtml', () => {
  it('lists a failed claim as failed beside the others, never omits it', () => {
    const ok: ClaimRecord = { name: 'claim2', title: null, summary: [], verdict: { claim: 'claim2', label: 'supported', statement: 'claim2 supported: rule' }, failure: null };
    const failed: ClaimRecord = { name: 'claim1', title: null, summary: [], verdict: null, failure: { code: 'E_IO', message: 'cannot read data/x', hint: 'restore it' } };
    const html = experimentReportHtml([failed, ok], 'results');
    expect(html).toContain('<li>claim1: <b>failed</b> — cannot read data/x</li>');
    expect(html).toContain('<li>claim2: <b>supported</b> — claim2 supported: rule</li>');
    expect(html).toContain('Failed: error[E_IO] cannot read data/x. Hint: restore it');
  });
});
