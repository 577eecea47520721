import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import type { ModelShape } from './config.js';
import { dropoutMasks, dropoutSites } from './dropout.js';

const shape: ModelShape = { vocabSize: 11, context: 32, layers: 3, width: 64, heads: 4, tiedHead: true };

describe('dropout masks', () => {
  it('has one mask per site, [rows, context, width], of 0 or exactly 1/(1 − rate)', () => {
    const masks = dropoutMasks(shape, 2, 0.25, createRng(1));
    expect(dropoutSites(shape)).toBe(7);
    expect(masks).toHaveLength(7);
    for (const mask of masks) {
      expect(mask).toHaveLength(2 * 32 * 64);
      expect(mask.every((value) => value === 0 || value === Math.fround(1 / 0.75))).toBe(true);
    }
  });

  it.each([0.1, 0.5])('drops a fraction within four standard errors of rate %s, independently per site', (rate) => {
    const masks = dropoutMasks(shape, 8, rate, createRng(2));
    const n = masks[0].length;
    const se = Math.sqrt((rate * (1 - rate)) / n);
    const fractions = masks.map((mask) => mask.filter((v) => v === 0).length / n);
    for (const fraction of fractions) expect(Math.abs(fraction - rate)).toBeLessThan(4 * se);
    // independent sites: two masks agree on a dropped entry with probability rate², not rate
    const both = masks[0].filter((v, i) => v === 0 && masks[1][i] === 0).length / n;
    expect(Math.abs(both - rate * rate)).toBeLessThan(4 * Math.sqrt((rate * rate * (1 - rate * rate)) / n));
  });

  it('keeps everything at rate 0 and repeats itself for the same seed', () => {
    for (const mask of dropoutMasks(shape, 1, 0, createRng(3))) expect(mask.every((v) => v === 1)).toBe(true);
    expect(dropoutMasks(shape, 2, 0.2, createRng(4))).toEqual(dropoutMasks(shape, 2, 0.2, createRng(4)));
    expect(dropoutMasks(shape, 2, 0.2, createRng(4))).not.toEqual(dropoutMasks(shape, 2, 0.2, createRng(5)));
  });
});
