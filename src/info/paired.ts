/**
 * Information between two paired discrete labels (a judge's decision S and ground truth C), with a
 * percentile bootstrap interval over the pairs. The plug-in estimate and every replicate are ≥ 0,
 * so the interval never reaches below 0.
 */
import { InfoloopError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { quantileSorted } from './bootstrap.js';

export interface PairedInformation {
  /** Plug-in I(S;C) in bits per pair. */
  estimate: number;
  /** Percentile bootstrap interval of the plug-in estimate. */
  interval: [number, number];
  n: number;
  B: number;
  level: number;
}

/** Dense codes 0..m−1 for arbitrary labels, in order of first appearance. */
export function denseCodes(labels: ArrayLike<number | string | boolean>): { codes: Int32Array; size: number } {
  const index = new Map<number | string | boolean, number>();
  const codes = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let code = index.get(labels[i]);
    if (code === undefined) index.set(labels[i], (code = index.size));
    codes[i] = code;
  }
  return { codes, size: index.size };
}

/** I from a joint count table stored row-major (rows S, columns C) with n pairs. */
function tableInformation(counts: ArrayLike<number>, rows: number, columns: number, n: number): number {
  const rowTotals = new Float64Array(rows);
  const columnTotals = new Float64Array(columns);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      rowTotals[r] += counts[r * columns + c];
      columnTotals[c] += counts[r * columns + c];
    }
  }
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = counts[r * columns + c];
      if (v > 0) sum += v * Math.log2((v * n) / (rowTotals[r] * columnTotals[c]));
    }
  }
  return Math.max(0, sum / n); // exact value ≥ 0; rounding can leave −1e-17
}

/** Plug-in I(S;C) in bits from paired labels. */
export function pairedInformation(s: ArrayLike<number | string | boolean>, c: ArrayLike<number | string | boolean>): number {
  if (s.length !== c.length) throw new InfoloopError('E_INPUT', `paired labels differ in length (${s.length} vs ${c.length})`, 'give one ground-truth label per decision');
  if (s.length === 0) return 0;
  const S = denseCodes(s);
  const C = denseCodes(c);
  const counts = new Float64Array(S.size * C.size);
  for (let i = 0; i < s.length; i++) counts[S.codes[i] * C.size + C.codes[i]]++;
  return tableInformation(counts, S.size, C.size, s.length);
}

/** Plug-in I(S;C) with a percentile bootstrap interval (resampling pairs); B replicates, seeded. */
export function pairedInformationInterval(
  s: ArrayLike<number | string | boolean>,
  c: ArrayLike<number | string | boolean>,
  options: { rng: Rng; B?: number; level?: number },
): PairedInformation {
  const B = options.B ?? 200;
  const level = options.level ?? 0.95;
  const estimate = pairedInformation(s, c);
  const n = s.length;
  if (n === 0) return { estimate: 0, interval: [0, 0], n, B: 0, level };
  const S = denseCodes(s);
  const C = denseCodes(c);
  const cells = new Int32Array(n);
  for (let i = 0; i < n; i++) cells[i] = S.codes[i] * C.size + C.codes[i];
  const counts = new Float64Array(S.size * C.size);
  const replicates = new Float64Array(B);
  const rng = options.rng.fork('paired-information-bootstrap');
  for (let b = 0; b < B; b++) {
    counts.fill(0);
    for (let i = 0; i < n; i++) counts[cells[rng.int(n)]]++;
    replicates[b] = tableInformation(counts, S.size, C.size, n);
  }
  replicates.sort();
  const alpha = (1 - level) / 2;
  return { estimate, interval: [quantileSorted(replicates, alpha), quantileSorted(replicates, 1 - alpha)], n, B, level };
}
