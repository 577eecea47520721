import { describe, expect, it } from 'vitest';
import { emptyBatch, fillRow, windows } from './windows.js';

/** Every target from firstTarget to length−1 is scored exactly once, with its inputs inside the window. */
function checkCover(length: number, firstTarget: number, context: number, stride: number): void {
  const seen = new Array(length).fill(0);
  for (const w of windows(length, firstTarget, context, stride)) {
    expect(w.from).toBeGreaterThanOrEqual(w.start + 1);
    expect(w.to).toBeLessThanOrEqual(w.start + context);
    for (let j = w.from; j <= w.to; j++) seen[j]++;
  }
  for (let j = 0; j < length; j++) expect(seen[j]).toBe(j >= Math.max(1, firstTarget) ? 1 : 0);
}

describe('windows', () => {
  it('covers every target exactly once for all small lengths, starts, contexts and strides', () => {
    for (let length = 1; length <= 20; length++)
      for (let first = 0; first <= length; first++)
        for (const context of [2, 3, 4, 8])
          for (let stride = 1; stride <= context; stride++) checkCover(length, first, context, stride);
  });

  it('gives one window when the sequence fits', () => {
    expect(windows(5, 2, 4, 2)).toEqual([{ start: 0, from: 2, to: 4 }]);
  });

  it('writes inputs, shifted targets and weights only on scored positions', () => {
    const batch = emptyBatch(1, 4);
    const count = fillRow(batch, 0, [10, 11, 12, 13, 14, 15], { start: 1, from: 3, to: 5 }, 0.5, 4);
    expect(count).toBe(3);
    expect(Array.from(batch.tokens)).toEqual([11, 12, 13, 14]);
    expect(Array.from(batch.targets)).toEqual([12, 13, 14, 15]);
    expect(Array.from(batch.weights)).toEqual([0, 0.5, 0.5, 0.5]);
  });
});
