/** Checks shared by learners: a bad batch or sample count is the caller's mistake, reported with a hint. */
import { InfoloopError } from '../core/errors.js';
import type { Weighted, WeightedColumns } from '../core/types.js';

export function checkCount(n: number, learner: string): void {
  if (!Number.isInteger(n) || n < 0) {
    throw new InfoloopError('E_INPUT', `${learner}.sample: n must be a non-negative integer, got ${n}`, 'ask for 0 or more samples');
  }
}

/** Every weight finite and ≥ 0, every x accepted by `isValid`. */
export function checkBatch<X>(batch: Weighted<X>[], learner: string, isValid: (x: unknown) => boolean, expected: string): void {
  if (!Array.isArray(batch)) throw new InfoloopError('E_INPUT', `${learner}.fit: batch must be an array`, 'pass [{ prompt, x, weight }]');
  for (let i = 0; i < batch.length; i++) {
    const item = batch[i];
    if (!item || !(Number.isFinite(item.weight) && item.weight >= 0)) {
      throw new InfoloopError('E_INPUT', `${learner}.fit: example ${i} has weight ${item?.weight}`, 'weights must be finite and >= 0');
    }
    if (!isValid(item.x)) {
      throw new InfoloopError('E_INPUT', `${learner}.fit: example ${i} is ${JSON.stringify(item.x)}, not ${expected}`, `${learner} learns ${expected}`);
    }
  }
}

/** The same checks as checkBatch on a batch given as columns. */
export function checkColumns(batch: WeightedColumns, learner: string, isValid: (x: number) => boolean, expected: string): void {
  const { x, weight, length } = batch;
  for (let i = 0; i < length; i++) {
    if (!(Number.isFinite(weight[i]) && weight[i] >= 0)) {
      throw new InfoloopError('E_INPUT', `${learner}.fit: example ${i} has weight ${weight[i]}`, 'weights must be finite and >= 0');
    }
    if (!isValid(x[i])) {
      throw new InfoloopError('E_INPUT', `${learner}.fit: example ${i} is ${JSON.stringify(x[i])}, not ${expected}`, `${learner} learns ${expected}`);
    }
  }
}

/** A validated batch of numbers as columns, for learners whose fit works on columns. */
export function toColumns(batch: Weighted<number>[]): WeightedColumns {
  const x = new Float64Array(batch.length);
  const weight = new Float64Array(batch.length);
  for (let i = 0; i < batch.length; i++) {
    x[i] = batch[i].x;
    weight[i] = batch[i].weight;
  }
  return { x, weight, length: batch.length };
}

export function checkSnapshot(snapshotLearner: string, learner: string): void {
  if (snapshotLearner !== learner) {
    throw new InfoloopError('E_RESUME', `snapshot is of learner "${snapshotLearner}", not "${learner}"`, 'restore a snapshot saved by the same learner');
  }
}
