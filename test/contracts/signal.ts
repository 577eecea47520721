/**
 * The contract every Signal passes: one judgement per candidate, finite scores, seeded
 * determinism, a declared `reads`, and bad parameters rejected by its registry entry.
 */
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import type { Learner, Prompt, Signal, Task } from '../../src/core/types.js';
import { signalRegistry } from '../../src/signals/registry.js';

export interface SignalFixture<X> {
  /** Registry name and valid parameters. */
  spec: { name: string } & Record<string, unknown>;
  /** Parameter sets the registry must reject. */
  badParams: Record<string, unknown>[];
  task: Task<X>;
  learner: Learner<X>;
  prompt: Prompt;
  candidates: X[];
}

export function signalContract<X>(fixture: SignalFixture<X>): void {
  describe(`signal contract: ${fixture.spec.name}`, () => {
    const make = (): Signal<X> => signalRegistry.create(fixture.spec, { seed: 1, task: fixture.task });

    it('declares what it reads', () => {
      expect(['task', 'model', 'nothing']).toContain(make().reads);
      expect(make().name).toBe(fixture.spec.name);
    });

    it('returns one finite judgement per candidate, the same under the same seed', () => {
      const ctx = (seed: number) => ({ task: fixture.task, learner: fixture.learner, rng: createRng(seed) });
      const a = make().judge(fixture.prompt, fixture.candidates, ctx(4));
      const b = make().judge(fixture.prompt, fixture.candidates, ctx(4));
      expect(a).toHaveLength(fixture.candidates.length);
      expect(a).toEqual(b);
      for (const j of a) expect(Number.isFinite(j.score)).toBe(true);
      expect(make().judge(fixture.prompt, [], ctx(4))).toEqual([]);
    });

    it('judges columns (if it can) exactly as it judges an array', () => {
      const signal = make();
      if (!signal.judgeInto || !fixture.candidates.every((x) => typeof x === 'number')) return; // optional fast path
      const ctx = (seed: number) => ({ task: fixture.task, learner: fixture.learner, rng: createRng(seed) });
      const expected = signal.judge(fixture.prompt, fixture.candidates, ctx(4));
      const out = { score: new Float64Array(fixture.candidates.length), kept: new Uint8Array(fixture.candidates.length) };
      signal.judgeInto(fixture.prompt, Float64Array.from(fixture.candidates as number[]), ctx(4), out);
      expect(Array.from(out.score)).toEqual(expected.map((j) => j.score));
      expect(Array.from(out.kept)).toEqual(expected.map((j) => (j.kept === false ? 0 : 1)));
    });

    it('rejects bad parameters', () => {
      for (const bad of fixture.badParams) {
        expect(() => signalRegistry.create({ ...bad, name: fixture.spec.name }, { seed: 1, task: fixture.task })).toThrow(InfoloopError);
      }
    });
  });
}
