/**
 * The contract every Policy passes: declared reads and history use, a training set built from the
 * kept examples, the history and (when it reads the task) fresh real data only, seeded
 * determinism, and bad parameters rejected by its registry entry.
 */
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../src/core/errors.js';
import { createRng } from '../../src/core/rng.js';
import type { Task, Weighted } from '../../src/core/types.js';
import { policyRegistry } from '../../src/policy/registry.js';
import { CategoricalTarget } from '../../src/tasks/categorical-target.js';

export interface PolicyFixture {
  spec: { name: string } & Record<string, unknown>;
  badParams: Record<string, unknown>[];
}

const task: Task<number> = new CategoricalTarget({ K: 10, target: 'uniform', s: 1.1, correct: 3 });
const prompt = task.prompt(createRng(1));
const kept: Weighted<number>[] = [0, 1, 2, 1].map((x) => ({ prompt, x, weight: 1 }));
const history: Weighted<number>[][] = [[{ prompt, x: 2, weight: 1 }], [{ prompt, x: 0, weight: 0.5 }]];

export function policyContract(fixture: PolicyFixture): void {
  describe(`policy contract: ${fixture.spec.name}`, () => {
    const make = () => policyRegistry.create(fixture.spec, { seed: 1 });
    const build = (seed: number) => make().trainingSet(kept, history, { task, n: kept.length, rng: createRng(seed) });

    it('declares what it reads and whether it keeps history', () => {
      expect(['task', 'model', 'nothing']).toContain(make().reads);
      expect(typeof make().keepsHistory).toBe('boolean');
      expect(make().name).toBe(fixture.spec.name);
    });

    it('builds the same training set under the same seed, from kept, history or (reading the task) real data', () => {
      const set = build(5);
      expect(set).toEqual(build(5));
      const own = [...kept, ...history.flat()];
      for (const item of set.examples) {
        const fromLoop = own.some((o) => o.x === item.x && o.weight === item.weight);
        if (!fromLoop) {
          expect(make().reads).toBe('task');
          expect(task.verify(item.prompt, item.x)).toBe(true);
          expect(set.real).toContain(item);
        }
      }
      // the real examples it reports are the ones inside the training set
      for (const item of set.real) expect(set.examples).toContain(item);
      if (make().reads !== 'task') expect(set.real).toEqual([]);
      if (!make().keepsHistory) expect(set.examples.length).toBeLessThanOrEqual(kept.length);
    });

    it('builds the same training set on columns as on objects, when it has the column path', () => {
      const policy = make();
      if (!policy.trainingColumns) return;
      const columns = policy.trainingColumns({ x: Float64Array.from(kept, (k) => k.x), weight: Float64Array.from(kept, (k) => k.weight), length: kept.length });
      const { examples } = build(5);
      expect(Array.from(columns.x.subarray(0, columns.length))).toEqual(examples.map((e) => e.x));
      expect(Array.from(columns.weight.subarray(0, columns.length))).toEqual(examples.map((e) => e.weight));
    });

    it('rejects bad parameters', () => {
      for (const bad of fixture.badParams) {
        expect(() => policyRegistry.create({ ...bad, name: fixture.spec.name }, { seed: 1 })).toThrow(InfoloopError);
      }
    });
  });
}
