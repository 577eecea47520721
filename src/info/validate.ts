/** Input checks shared by the estimators: bad input is a thrown InfoloopError('E_INPUT'), never a silent NaN. */
import { InfoloopError } from '../core/errors.js';

function fail(message: string, hint: string): never {
  throw new InfoloopError('E_INPUT', message, hint);
}

/** Non-negative finite counts with a positive total; returns the total. */
export function checkCounts(counts: ArrayLike<number>, what = 'counts', integers = false): number {
  if (!counts || typeof counts.length !== 'number') fail(`${what} must be an array of numbers`, 'pass e.g. [3, 0, 5]');
  if (counts.length === 0) fail(`${what} is empty`, 'pass at least one bin');
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i];
    if (typeof c !== 'number' || !Number.isFinite(c) || c < 0) {
      fail(`${what}[${i}] = ${String(c)} is not a non-negative finite number`, 'counts are occurrences per bin: 0, 1, 2, …');
    }
    if (integers && !Number.isInteger(c)) fail(`${what}[${i}] = ${c} is not an integer`, 'this estimator needs whole-number counts, not frequencies');
    total += c;
  }
  if (!(total > 0)) fail(`${what} are all zero`, 'an entropy needs at least one observation');
  return total;
}

/** A probability-like vector (non-negative, finite, positive sum); returns the sum. */
export function checkWeights(values: ArrayLike<number>, what: string): number {
  if (!values || typeof values.length !== 'number') fail(`${what} must be an array of numbers`, 'pass e.g. [0.2, 0.8]');
  if (values.length === 0) fail(`${what} is empty`, 'pass at least one entry');
  let total = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${what}[${i}] = ${String(v)} is not a non-negative finite number`, 'probabilities and weights must be ≥ 0');
    total += v;
  }
  if (!(total > 0)) fail(`${what} sums to zero`, 'at least one entry must be positive');
  return total;
}

export function checkSameLength(a: ArrayLike<unknown>, b: ArrayLike<unknown>, names: string): void {
  if (a.length !== b.length) fail(`${names} have different lengths (${a.length} vs ${b.length})`, 'both must index the same outcomes');
}

/** A positive integer parameter such as k or the alphabet size K. */
export function checkPositiveInteger(value: number, what: string, hint: string): void {
  if (!Number.isInteger(value) || value < 1) fail(`${what} must be a positive integer, got ${value}`, hint);
}

/** A rectangular 2-D table of counts; returns [rows, columns]. */
export function checkTable(table: ArrayLike<ArrayLike<number>>, what = 'joint'): [number, number] {
  if (!table || typeof table.length !== 'number' || table.length === 0) fail(`${what} table is empty`, 'pass a 2-D array of counts, rows = X, columns = Y');
  const columns = table[0]?.length;
  if (typeof columns !== 'number' || columns === 0) fail(`${what} table has an empty first row`, 'pass a 2-D array of counts, rows = X, columns = Y');
  let total = 0;
  for (let r = 0; r < table.length; r++) {
    const row = table[r];
    if (!row || row.length !== columns) fail(`${what} row ${r} has ${row?.length ?? 0} entries, expected ${columns}`, 'every row must have the same number of columns');
    for (let c = 0; c < columns; c++) {
      const v = row[c];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${what}[${r}][${c}] = ${String(v)} is not a non-negative finite number`, 'a joint table holds counts or probabilities');
      total += v;
    }
  }
  if (!(total > 0)) fail(`${what} table sums to zero`, 'at least one cell must be positive');
  return [table.length, columns];
}

/** Points as rows: number[] (1-D) or number[][]; returns them flattened with their dimension. */
export function toPoints(values: readonly number[] | readonly (readonly number[])[], what: string): { data: Float64Array; count: number; dimension: number } {
  if (!Array.isArray(values) || values.length === 0) fail(`${what} is empty`, 'pass one value (or one row) per sample');
  const first = values[0];
  const dimension = Array.isArray(first) ? first.length : 1;
  if (dimension === 0) fail(`${what}[0] is an empty row`, 'every point needs at least one coordinate');
  const count = values.length;
  const data = new Float64Array(count * dimension);
  for (let i = 0; i < count; i++) {
    const row = values[i];
    if (dimension === 1 && !Array.isArray(first)) {
      if (typeof row !== 'number' || !Number.isFinite(row)) fail(`${what}[${i}] = ${String(row)} is not a finite number`, 'remove missing or infinite values first');
      data[i] = row;
      continue;
    }
    if (!Array.isArray(row) || row.length !== dimension) fail(`${what}[${i}] has ${Array.isArray(row) ? row.length : 'no'} coordinates, expected ${dimension}`, 'every point needs the same dimension');
    for (let j = 0; j < dimension; j++) {
      const v = row[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) fail(`${what}[${i}][${j}] = ${String(v)} is not a finite number`, 'remove missing or infinite values first');
      data[i * dimension + j] = v;
    }
  }
  return { data, count, dimension };
}
