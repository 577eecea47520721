/**
 * Information between two paired discrete labels (a judge's decision S and ground truth C), with a
 * percentile bootstrap interval over the pairs. The estimate is the plug-in with the Miller–Madow
 * correction, I_MM = Î_plug-in + [(m_S − 1) + (m_C − 1) − (m_SC − 1)] / (2n ln 2) with m the number
 * of non-empty cells, clipped at 0: the plug-in alone is biased upward by ≈ (r−1)(c−1)/(2n ln 2),
 * which would credit an uninformative judge 0.7 bits per generation whatever n. Every replicate is
 * clipped the same way, so the interval never reaches below 0. When S = C (m_SC = m_S = m_C) the
 * correction is +(m−1)/(2n ln 2) ≥ 0, so a clean judge keeps at least H(S).
 */
import { InfoloopError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { quantileSorted } from '../stats/bootstrap.js';
import { multinomialResample } from '../stats/count-bootstrap.js';

export interface PairedInformation {
  /** Miller–Madow-corrected I(S;C) in bits per pair, clipped at 0. */
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

/**
 * A joint count table of two paired labellings, rows S and columns C, each coded 0..m−1 in order
 * of first appearance (so the cell order, and with it a seeded bootstrap, does not depend on how
 * the labels were spelled).
 */
export interface JointTable {
  counts: Float64Array;
  rows: number;
  columns: number;
  n: number;
}

/** The joint table of two labellings of the same items (arbitrary labels; one Map lookup per label). */
export function jointTable(s: ArrayLike<number | string | boolean>, c: ArrayLike<number | string | boolean>): JointTable {
  if (s.length !== c.length) throw new InfoloopError('E_INPUT', `paired labels differ in length (${s.length} vs ${c.length})`, 'give one ground-truth label per decision');
  return tableOfCodes(denseCodes(s), denseCodes(c), s.length);
}

/**
 * The joint table of small non-negative integer labels s[pick[k]] and c[k] (pick: which items were
 * labelled; all of them in order when omitted), coded exactly as jointTable codes the same labels
 * (first appearance): typed passes with no boxing and no hashing, for the loop's column path at large n.
 */
export function jointTableOfSmallLabels(s: ArrayLike<number>, c: ArrayLike<number>, pick?: ArrayLike<number>): JointTable {
  const n = pick ? pick.length : s.length;
  if (c.length !== n) throw new InfoloopError('E_INPUT', `paired labels differ in length (${n} vs ${c.length})`, 'give one ground-truth label per decision');
  const sAt = (k: number) => s[pick ? pick[k] : k];
  let sWidth = 0;
  let cWidth = 0;
  for (let k = 0; k < n; k++) {
    const sv = sAt(k);
    const cv = c[k];
    if (!(Number.isInteger(sv) && sv >= 0 && sv < SMALL_LABELS && Number.isInteger(cv) && cv >= 0 && cv < SMALL_LABELS)) {
      throw new InfoloopError('E_INTERNAL', `jointTableOfSmallLabels takes integer labels in [0, ${SMALL_LABELS}), got ${sv} and ${cv}`, 'use jointTable for other labels');
    }
    if (sv >= sWidth) sWidth = sv + 1;
    if (cv >= cWidth) cWidth = cv + 1;
  }
  // raw counts by label value, and each value's code in order of first appearance
  const raw = new Float64Array(sWidth * cWidth);
  const sCode = new Int32Array(sWidth).fill(-1);
  const cCode = new Int32Array(cWidth).fill(-1);
  let rows = 0;
  let columns = 0;
  for (let k = 0; k < n; k++) {
    const sv = sAt(k);
    const cv = c[k];
    if (sCode[sv] < 0) sCode[sv] = rows++;
    if (cCode[cv] < 0) cCode[cv] = columns++;
    raw[sv * cWidth + cv]++;
  }
  const counts = new Float64Array(rows * columns);
  for (let sv = 0; sv < sWidth; sv++) {
    if (sCode[sv] < 0) continue;
    for (let cv = 0; cv < cWidth; cv++) if (cCode[cv] >= 0) counts[sCode[sv] * columns + cCode[cv]] = raw[sv * cWidth + cv];
  }
  return { counts, rows, columns, n };
}

/** Labels jointTableOfSmallLabels takes: integers below this. */
const SMALL_LABELS = 1 << 16;

function tableOfCodes(S: { codes: Int32Array; size: number }, C: { codes: Int32Array; size: number }, n: number): JointTable {
  const counts = new Float64Array(S.size * C.size);
  for (let i = 0; i < n; i++) counts[S.codes[i] * C.size + C.codes[i]]++;
  return { counts, rows: S.size, columns: C.size, n };
}

/** Plug-in I and the Miller–Madow-corrected I (clipped at 0) from a joint count table stored row-major (rows S, columns C). */
function tableInformation(counts: ArrayLike<number>, rows: number, columns: number, n: number): { plugin: number; corrected: number } {
  const rowTotals = new Float64Array(rows);
  const columnTotals = new Float64Array(columns);
  let cells = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      rowTotals[r] += counts[r * columns + c];
      columnTotals[c] += counts[r * columns + c];
      if (counts[r * columns + c] > 0) cells++;
    }
  }
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = counts[r * columns + c];
      if (v > 0) sum += v * Math.log2((v * n) / (rowTotals[r] * columnTotals[c]));
    }
  }
  const plugin = Math.max(0, sum / n); // exact value ≥ 0; rounding can leave −1e-17
  const nonEmpty = (totals: Float64Array) => totals.reduce((m, v) => m + (v > 0 ? 1 : 0), 0);
  const correction = (nonEmpty(rowTotals) - 1 + (nonEmpty(columnTotals) - 1) - (cells - 1)) / (2 * n * Math.LN2);
  return { plugin, corrected: Math.max(0, plugin + correction) };
}

/** I(S;C) in bits from paired labels: Miller–Madow-corrected (default) or plug-in. */
export function pairedInformation(s: ArrayLike<number | string | boolean>, c: ArrayLike<number | string | boolean>, estimator: 'miller-madow' | 'plugin' = 'miller-madow'): number {
  const table = jointTable(s, c);
  if (table.n === 0) return 0;
  return tableInformation(table.counts, table.rows, table.columns, table.n)[estimator === 'plugin' ? 'plugin' : 'corrected'];
}

/** Miller–Madow I(S;C) with a percentile bootstrap interval (resampling pairs, as multinomial cell counts); B replicates, seeded. */
export function pairedInformationInterval(
  s: ArrayLike<number | string | boolean>,
  c: ArrayLike<number | string | boolean>,
  options: { rng: Rng; B?: number; level?: number },
): PairedInformation {
  return tableInformationInterval(jointTable(s, c), options);
}

/** pairedInformationInterval from the joint table of the pairs. */
export function tableInformationInterval(table: JointTable, options: { rng: Rng; B?: number; level?: number }): PairedInformation {
  const B = options.B ?? 200;
  const level = options.level ?? 0.95;
  const { n, rows, columns } = table;
  if (n === 0) return { estimate: 0, interval: [0, 0], n, B: 0, level };
  const estimate = tableInformation(table.counts, rows, columns, n).corrected;
  // resampling n pairs with replacement gives Multinomial(n, table/n) cell counts: drawn per cell,
  // O(cells · log n) a replicate instead of O(n) (stats/count-bootstrap.ts)
  const counts = new Float64Array(table.counts.length);
  const replicates = new Float64Array(B);
  const rng = options.rng.fork('paired-information-bootstrap');
  for (let b = 0; b < B; b++) {
    multinomialResample(rng, table.counts, counts);
    replicates[b] = tableInformation(counts, rows, columns, n).corrected;
  }
  replicates.sort();
  const alpha = (1 - level) / 2;
  return { estimate, interval: [quantileSorted(replicates, alpha), quantileSorted(replicates, 1 - alpha)], n, B, level };
}
