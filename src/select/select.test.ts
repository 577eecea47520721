import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { Judged, Prompt } from '../core/types.js';
import { bestOfNSelector } from './best-of-n.js';
import { filterSelector } from './filter.js';
import { weightSelector } from './weight.js';

const p = (id: string): Prompt => ({ id, text: id });
const judged: Judged<string>[] = [
  { prompt: p('a'), x: 'a1', group: 0, judgement: { score: 0.2, kept: true } },
  { prompt: p('a'), x: 'a2', group: 0, judgement: { score: 0.9, kept: true } },
  { prompt: p('b'), x: 'b1', group: 1, judgement: { score: 0.5, kept: false } },
  { prompt: p('b'), x: 'b2', group: 1, judgement: { score: 0, kept: false } },
  { prompt: p('c'), x: 'c1', group: 2, judgement: { score: 1, kept: true, replacement: 'ref' } },
];
const rng = createRng(1);

describe('selectors', () => {
  it('filter keeps what the signal kept, using replacements', () => {
    expect(filterSelector.select(judged, rng).map((w) => [w.x, w.weight])).toEqual([['a1', 1], ['a2', 1], ['ref', 1]]);
  });

  it('weight trains on every positive score with that weight', () => {
    expect(weightSelector.select(judged, rng).map((w) => [w.x, w.weight])).toEqual([['a1', 0.2], ['a2', 0.9], ['b1', 0.5], ['ref', 1]]);
    const bad = [{ ...judged[0], judgement: { score: -1 } }];
    expect(() => weightSelector.select(bad, rng)).toThrow(InfoloopError);
  });

  it('best-of-n keeps the top-scoring accepted candidate per prompt', () => {
    expect(bestOfNSelector.select(judged, rng).map((w) => w.x)).toEqual(['a2', 'ref']);
  });
});
