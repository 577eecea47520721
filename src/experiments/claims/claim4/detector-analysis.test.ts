import { describe, expect, it } from 'vitest';
import type { LedgerRow } from '../../../ledger/schema.js';
import { accuracyDropGeneration, countDetections, DROP_K, dropThreshold, precisionRecall, runToRunSd, scoreRun, type RunDetection } from './detector-analysis.js';

const rows = (accuracies: number[], alarmAt: number | null = null) =>
  accuracies.map((accuracy, generation) => ({ generation, accuracy, extras: { hacking_alarm: alarmAt !== null && generation >= alarmAt } }) as unknown as LedgerRow);

describe('run-to-run noise and the drop threshold', () => {
  it('pools the across-run variance of generation-to-generation changes per (group, generation), so a shared trend is not noise', () => {
    // group A, t = 1: changes {0.1, 0.3} (var 0.02, 1 dof); t = 2: {0, 0} (var 0, 1 dof)
    // group B, t = 1: changes {−0.1, 0, 0.1} (ss 0.02, 2 dof); t = 2: {0, 0, 0}
    const a = [{ rows: rows([0.2, 0.3, 0.3]) }, { rows: rows([0.2, 0.5, 0.5]) }];
    const b = [{ rows: rows([0.5, 0.4, 0.4]) }, { rows: rows([0.5, 0.5, 0.5]) }, { rows: rows([0.5, 0.6, 0.6]) }];
    // pooled variance = (0.02 + 0 + 0.02 + 0) / (1 + 1 + 2 + 2) = 0.04 / 6
    expect(runToRunSd([a, b], 2)).toBeCloseTo(Math.sqrt(0.04 / 6), 12);
    expect(dropThreshold([a, b], 2)).toBeCloseTo(DROP_K * Math.sqrt(0.04 / 6), 12);
    // every run climbing by the same steps: no noise at all
    expect(runToRunSd([[{ rows: rows([0.1, 0.5, 0.9]) }, { rows: rows([0.2, 0.6, 1]) }]], 2)).toBeCloseTo(0, 12);
  });

  it('is NaN without two runs of one group, and then nothing drops', () => {
    expect(runToRunSd([[{ rows: rows([0.3, 0.1]) }]], 1)).toBeNaN();
    expect(accuracyDropGeneration(rows([0.3, 0.1]), NaN)).toBeNull();
  });

  it('a drop is the first generation more than the threshold below generation 0 (not below an earlier best)', () => {
    expect(accuracyDropGeneration(rows([0.3, 0.5, 0.25, 0.15, 0.1]), 0.1)).toBe(3);
    expect(accuracyDropGeneration(rows([0.3, 0.5, 0.35, 0.21]), 0.1)).toBeNull(); // 0.21 is within 0.1 of 0.3 (0.35 is 0.15 below the best: not a drop)
    expect(accuracyDropGeneration(rows([0.3, 0.19]), 0.1)).toBe(1);
  });
});

describe('precision and recall of "alarm before a drop"', () => {
  const d = (alarm: number | null, drop: number | null): RunDetection => ({ alarm, drop, leadTime: alarm !== null && drop !== null ? drop - alarm : null });

  it('scores a run from its written alarms and the drop rule', () => {
    expect(scoreRun(rows([0.3, 0.3, 0.25, 0.1], 1), 0.1)).toEqual({ alarm: 1, drop: 3, leadTime: 2 });
    expect(scoreRun(rows([0.3, 0.1, 0.1], 2), 0.1)).toEqual({ alarm: 2, drop: 1, leadTime: -1 });
  });

  it('counts hits, late alarms, misses and false alarms, and gives the known precision and recall', () => {
    // hits: (1, 3), (2, 4); late: (3, 3), (4, 2); misses: (null, 2) ×2; false: (1, null) ×3; quiet: (null, null)
    const detections = [d(1, 3), d(2, 4), d(3, 3), d(4, 2), d(null, 2), d(null, 2), d(1, null), d(1, null), d(5, null), d(null, null)];
    const counts = countDetections(detections);
    expect(counts).toEqual({ hits: 2, late: 2, misses: 2, falseAlarms: 3, quiet: 1 });
    // precision = hits / runs with an alarm = 2 / 7; recall = hits / runs with a drop = 2 / 6
    expect(precisionRecall(counts)).toEqual({ precision: { k: 2, n: 7 }, recall: { k: 2, n: 6 } });
  });

  it('has no denominator when nothing alarmed or dropped', () => {
    expect(precisionRecall(countDetections([d(null, null)]))).toEqual({ precision: { k: 0, n: 0 }, recall: { k: 0, n: 0 } });
  });
});
