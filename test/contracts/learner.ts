/**
 * The contract every Learner passes: seeded determinism, snapshot round trip, bad input rejected.
 * Use: `learnerContract('gaussian', { make, prompt, batch, badBatches })` inside a test file.
 */
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../src/core/errors.js';
import { stringify, parse } from '../../src/core/json.js';
import { createRng } from '../../src/core/rng.js';
import type { Learner, Prompt, Snapshot, Weighted } from '../../src/core/types.js';

export interface LearnerFixture<X> {
  make(): Learner<X>;
  prompt: Prompt;
  batch: Weighted<X>[];
  /** Batches `fit` must reject with an InfoloopError (wrong type, negative weight, ...). */
  badBatches: Weighted<unknown>[][];
  /** Samples per check (keep small for slow learners). */
  n?: number;
}

/** A snapshot survives a JSON (and binary) round trip as a run folder would store it. */
export function roundTripSnapshot(s: Snapshot): Snapshot {
  const json = parse(stringify(s.json));
  return { learner: s.learner, json, ...(s.binary ? { binary: new Uint8Array(s.binary) } : {}) };
}

export function learnerContract<X>(name: string, fixture: LearnerFixture<X>): void {
  const n = fixture.n ?? 20;
  describe(`learner contract: ${name}`, () => {
    it('samples identically under the same seed and differently under another', () => {
      const a = fixture.make().sample(fixture.prompt, n, createRng(7));
      const b = fixture.make().sample(fixture.prompt, n, createRng(7));
      const c = fixture.make().sample(fixture.prompt, n, createRng(8));
      expect(a).toEqual(b);
      expect(a).not.toEqual(c);
      expect(a).toHaveLength(n);
    });

    it('fits identically under the same seed', () => {
      const first = fixture.make();
      const second = fixture.make();
      first.fit(fixture.batch, createRng(3));
      second.fit(fixture.batch, createRng(3));
      expect(stringify(first.snapshot().json)).toEqual(stringify(second.snapshot().json));
      expect(first.sample(fixture.prompt, n, createRng(1))).toEqual(second.sample(fixture.prompt, n, createRng(1)));
    });

    it('restores a snapshot to the same model', () => {
      const original = fixture.make();
      original.fit(fixture.batch, createRng(5));
      const saved = roundTripSnapshot(original.snapshot());
      const copy = fixture.make();
      copy.restore(saved);
      const xs = original.sample(fixture.prompt, n, createRng(9));
      expect(copy.sample(fixture.prompt, n, createRng(9))).toEqual(xs);
      for (const x of xs) expect(copy.logProb(fixture.prompt, x)).toBe(original.logProb(fixture.prompt, x));
      // training continues identically after a restore
      original.fit(fixture.batch, createRng(6));
      copy.fit(fixture.batch, createRng(6));
      expect(stringify(copy.snapshot().json)).toEqual(stringify(original.snapshot().json));
    });

    it('reports log-probabilities in bits that are at most 0 for its own samples', () => {
      const learner = fixture.make();
      for (const x of learner.sample(fixture.prompt, n, createRng(2))) {
        const lp = learner.logProb(fixture.prompt, x);
        expect(Number.isNaN(lp)).toBe(false);
      }
    });

    it('has column methods (if any) that draw and train exactly as sample and fit do', () => {
      const learner = fixture.make();
      if (!learner.sampleInto || !learner.fitColumns) return; // optional fast path; `sample`/`fit` suffice
      const sampled = fixture.make().sample(fixture.prompt, n, createRng(4)) as number[];
      // filled in two pieces from one stream: draws for one prompt are independent
      const filled = new Float64Array(n + 2);
      const rng = createRng(4);
      learner.sampleInto(fixture.prompt, filled, 1, 1 + (n >> 1), rng);
      learner.sampleInto(fixture.prompt, filled, 1 + (n >> 1), n + 1, rng);
      expect(Array.from(filled.subarray(1, n + 1))).toEqual(sampled);
      const batch = fixture.batch as Weighted<number>[];
      const byColumns = fixture.make();
      byColumns.fitColumns!({ x: Float64Array.from(batch, (b) => b.x), weight: Float64Array.from(batch, (b) => b.weight), length: batch.length }, createRng(3));
      const byObjects = fixture.make();
      byObjects.fit(fixture.batch, createRng(3));
      expect(stringify(byColumns.snapshot().json)).toEqual(stringify(byObjects.snapshot().json));
      for (const bad of fixture.badBatches) {
        const columns = { x: Float64Array.from(bad, (b) => Number(b.x)), weight: Float64Array.from(bad, (b) => Number(b.weight)), length: bad.length };
        if (bad.every((b) => typeof b.x === 'number' && typeof b.weight === 'number')) expect(() => fixture.make().fitColumns!(columns, createRng(1))).toThrow(InfoloopError);
      }
    });

    it('rejects bad input with an InfoloopError', () => {
      const learner = fixture.make();
      expect(() => learner.sample(fixture.prompt, -1, createRng(1))).toThrow(InfoloopError);
      for (const bad of fixture.badBatches) {
        expect(() => learner.fit(bad as Weighted<X>[], createRng(1))).toThrow(InfoloopError);
      }
      expect(() => learner.restore({ learner: 'not-' + learner.name, json: {} })).toThrow(InfoloopError);
    });
  });
}
