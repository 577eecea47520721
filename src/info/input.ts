/**
 * Reading estimator input from text: JSON (arrays or an object with named fields), CSV
 * (comma, tab or semicolon separated, optional header row), or one value per line.
 */
import { InfoloopError } from '../core/errors.js';
import { parse } from '../core/json.js';

export type Cell = number | string;

export interface ParsedInput {
  /** Rows of cells; a plain list of values becomes one cell per row. */
  rows: Cell[][];
  /** Named fields when the input was a JSON object (counts, samples, p, q, joint, x, y). */
  fields: Record<string, unknown>;
  format: 'json' | 'csv' | 'lines';
}

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$|^[-+]?Infinity$/;

function toCell(text: string): Cell {
  const trimmed = text.trim();
  return NUMBER.test(trimmed) ? Number(trimmed) : trimmed;
}

export function parseInput(text: string): ParsedInput {
  const trimmed = text.trim();
  if (trimmed === '') throw new InfoloopError('E_INPUT', 'the input is empty', 'pass a file, or pipe JSON, CSV or one value per line into `-`');
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) return parseJson(trimmed);
  const lines = trimmed.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
  const separator = [',', '\t', ';'].find((s) => lines.some((line) => line.includes(s)));
  let rows: Cell[][] = lines.map((line) => (separator ? line.split(separator) : [line]).map(toCell));
  // A first row of names above numeric data is a header.
  if (rows.length > 1 && rows[0].some((c) => typeof c === 'string') && rows.slice(1).every((row) => row.every((c) => typeof c === 'number'))) {
    rows = rows.slice(1);
  }
  const width = rows[0].length;
  rows.forEach((row, i) => {
    if (row.length !== width) throw new InfoloopError('E_INPUT', `line ${i + 1} has ${row.length} fields, expected ${width}`, 'every CSV row needs the same number of columns');
  });
  return { rows, fields: {}, format: separator ? 'csv' : 'lines' };
}

function parseJson(text: string): ParsedInput {
  let value: unknown;
  try {
    value = parse(text);
  } catch (error) {
    throw new InfoloopError('E_INPUT', `the input is not valid JSON: ${(error as Error).message}`, 'check brackets and commas, or pass CSV / one value per line');
  }
  if (Array.isArray(value)) return { rows: toRows(value, 'input'), fields: {}, format: 'json' };
  if (value && typeof value === 'object') return { rows: [], fields: value as Record<string, unknown>, format: 'json' };
  throw new InfoloopError('E_INPUT', 'JSON input must be an array or an object', 'e.g. [1, 2, 2, 3] or {"p": [...], "q": [...]}');
}

/** A JSON array as rows: [a, b, c] is one value per row; [[a, b], [c, d]] is one row per entry. */
export function toRows(value: unknown, what: string): Cell[][] {
  if (!Array.isArray(value) || value.length === 0) throw new InfoloopError('E_INPUT', `${what} must be a non-empty array`, 'e.g. [1, 2, 3] or [[1, 2], [3, 4]]');
  return value.map((entry, i) => {
    const row = Array.isArray(entry) ? entry : [entry];
    return row.map((cell, j) => {
      if (typeof cell === 'number' || typeof cell === 'string') return cell;
      if (typeof cell === 'boolean') return String(cell);
      throw new InfoloopError('E_INPUT', `${what}[${i}]${Array.isArray(entry) ? `[${j}]` : ''} is ${JSON.stringify(cell)}`, 'values must be numbers or strings');
    });
  });
}

/** All cells as finite numbers (rows × columns). */
export function numericRows(rows: Cell[][], what: string): number[][] {
  return rows.map((row, i) =>
    row.map((cell, j) => {
      if (typeof cell !== 'number' || !Number.isFinite(cell)) {
        throw new InfoloopError('E_INPUT', `${what} row ${i + 1}, column ${j + 1} is ${JSON.stringify(cell)}, not a finite number`, 'this quantity needs numeric data');
      }
      return cell;
    }),
  );
}

/** A single row or a single column as one flat list. */
export function flatVector(rows: Cell[][], what: string): Cell[] {
  if (rows.length === 1) return rows[0];
  if (rows.every((row) => row.length === 1)) return rows.map((row) => row[0]);
  throw new InfoloopError('E_INPUT', `${what} must be one row or one column, got ${rows.length} × ${rows[0].length}`, 'pass a single list of values');
}

/** Categories → 0, 1, 2, … in order of first appearance; returns the codes and the number of categories. */
export function encodeCategories(values: readonly Cell[]): { codes: Int32Array; categories: number } {
  const index = new Map<string, number>();
  const codes = new Int32Array(values.length);
  values.forEach((value, i) => {
    const key = typeof value === 'number' ? `n:${value}` : `s:${value}`;
    let code = index.get(key);
    if (code === undefined) {
      code = index.size;
      index.set(key, code);
    }
    codes[i] = code;
  });
  return { codes, categories: index.size };
}

/**
 * Counts per distinct value of input holding one value per line (not JSON, no separators), in
 * one pass without building rows, so ten million values fit in little memory; null for any other
 * input. Same reading as parseInput + encodeCategories: numbers by value, a text first line above
 * numbers is a header, blank lines and # comments are skipped.
 */
export function lineValueCounts(text: string): Float64Array | null {
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('[') || trimmed.startsWith('{') || /[,\t;]/.test(trimmed)) return null;
  const index = new Map<string, number>();
  const counts: number[] = [];
  let values = 0;
  let firstIsText = false;
  let restNumeric = true;
  for (let offset = 0; offset <= trimmed.length; ) {
    let end = trimmed.indexOf('\n', offset);
    if (end < 0) end = trimmed.length;
    const line = trimmed.slice(offset, end).trim();
    offset = end + 1;
    if (line === '' || line.startsWith('#')) continue;
    const numeric = NUMBER.test(line);
    if (values === 0) firstIsText = !numeric;
    else if (!numeric) restNumeric = false;
    values++;
    const key = numeric ? `n:${Number(line)}` : `s:${line}`;
    const code = index.get(key);
    if (code === undefined) {
      index.set(key, counts.length);
      counts.push(1);
    } else counts[code]++;
  }
  // the header is the first value seen, and seen once
  return Float64Array.from(values > 1 && firstIsText && restNumeric ? counts.slice(1) : counts);
}
