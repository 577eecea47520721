/**
 * The contract every Selector passes: a declared mode, training examples drawn only from the
 * judged candidates (or their replacements) with finite non-negative weights, seeded
 * determinism, nothing from nothing, and bad parameters rejected by its registry entry.
 */
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import type { Judged } from '../../src/core/types.js';
import { selectorRegistry } from '../../src/select/registry.js';

export interface SelectorFixture {
  spec: { name: string } & Record<string, unknown>;
  badParams: Record<string, unknown>[];
}

const prompt = { id: 'p', text: '' };
const judged: Judged<number>[] = [0, 1, 2, 3, 4, 5].map((x, i) => ({
  prompt,
  x,
  group: Math.floor(i / 3),
  judgement: { score: x / 5, kept: x % 2 === 0 },
}));

export function selectorContract(fixture: SelectorFixture): void {
  describe(`selector contract: ${fixture.spec.name}`, () => {
    const make = () => selectorRegistry.create(fixture.spec, { seed: 1 });

    it('declares its mode and name', () => {
      expect(['filter', 'weight', 'best-of-n']).toContain(make().mode);
      expect(make().name).toBe(fixture.spec.name);
    });

    it('selects judged candidates with finite non-negative weights, the same under the same seed', () => {
      const first = make().select(judged, createRng(3));
      expect(first).toEqual(make().select(judged, createRng(3)));
      for (const item of first) {
        expect(judged.map((j) => j.x)).toContain(item.x);
        expect(Number.isFinite(item.weight) && item.weight >= 0).toBe(true);
      }
      expect(make().select([], createRng(3))).toEqual([]);
    });

    it('rejects bad parameters', () => {
      for (const bad of fixture.badParams) {
        expect(() => selectorRegistry.create({ ...bad, name: fixture.spec.name }, { seed: 1 })).toThrow(InfoloopError);
      }
    });
  });
}
