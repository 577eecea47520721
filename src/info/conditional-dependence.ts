/**
 * The statistics the hacking detector needs: plug-in conditional mutual information from discrete
 * codes, a permutation test of conditional independence, and a two-proportion z statistic.
 */
import type { Rng } from '../core/rng.js';
import { mutualInformation } from '../info/mutual.js';

/** Count table of two code arrays (rows = xs, columns = ys). */
function countTable(xs: readonly number[], ys: readonly number[], indices: readonly number[]): number[][] {
  let rows = 0;
  let columns = 0;
  for (const i of indices) {
    rows = Math.max(rows, xs[i] + 1);
    columns = Math.max(columns, ys[i] + 1);
  }
  const table = Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
  for (const i of indices) table[xs[i]][ys[i]]++;
  return table;
}

/** Sample indices grouped by their stratum code. */
export function strata(zs: readonly number[]): number[][] {
  const groups = new Map<number, number[]>();
  zs.forEach((z, i) => {
    const group = groups.get(z) ?? [];
    group.push(i);
    groups.set(z, group);
  });
  return [...groups.values()];
}

/** I(X;Y|Z) = Σ_z p(z) I(X;Y | Z = z), plug-in from non-negative integer codes, in bits. */
export function conditionalMutualInformation(xs: readonly number[], ys: readonly number[], zs: readonly number[]): number {
  const n = xs.length;
  if (n === 0) return 0;
  let sum = 0;
  for (const group of strata(zs)) sum += (group.length / n) * mutualInformation(countTable(xs, ys, group));
  return sum;
}

/** Σ_g (n_g/n)·I(X;Y | group g), plug-in, with one reusable count buffer (the permutation loop's hot path). */
function groupedMutualInformation(xs: readonly number[], ys: readonly number[], groups: number[][], rows: number, columns: number, n: number, buffer: Float64Array): number {
  const rowTotals = new Float64Array(rows);
  const columnTotals = new Float64Array(columns);
  let sum = 0;
  for (const group of groups) {
    buffer.fill(0);
    rowTotals.fill(0);
    columnTotals.fill(0);
    for (const i of group) {
      buffer[xs[i] * columns + ys[i]]++;
      rowTotals[xs[i]]++;
      columnTotals[ys[i]]++;
    }
    const size = group.length;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < columns; c++) {
        const v = buffer[r * columns + c];
        if (v > 0) sum += v * Math.log2((v * size) / (rowTotals[r] * columnTotals[c]));
      }
    }
  }
  return Math.max(0, sum / n);
}

/**
 * p-value of I(X;Y|Z) > 0 by permuting Y within each stratum of Z (which keeps every stratum's
 * marginals, so the plug-in bias is the same under the null): (1 + #{I_perm ≥ I_obs}) / (1 + B).
 */
export function permutationPValue(xs: readonly number[], ys: readonly number[], zs: readonly number[], permutations: number, rng: Rng): { statistic: number; pValue: number } {
  const n = xs.length;
  const groups = strata(zs);
  const rows = xs.reduce((m, x) => Math.max(m, x + 1), 0);
  const columns = ys.reduce((m, y) => Math.max(m, y + 1), 0);
  const buffer = new Float64Array(rows * columns);
  const statistic = n === 0 ? 0 : groupedMutualInformation(xs, ys, groups, rows, columns, n, buffer);
  if (statistic <= 1e-12) return { statistic: 0, pValue: 1 };
  const shuffled = [...ys];
  let atLeast = 0;
  for (let b = 0; b < permutations; b++) {
    for (const group of groups) {
      for (let k = group.length - 1; k > 0; k--) {
        const j = rng.int(k + 1);
        const a = group[k];
        const c = group[j];
        [shuffled[a], shuffled[c]] = [shuffled[c], shuffled[a]];
      }
    }
    if (groupedMutualInformation(xs, shuffled, groups, rows, columns, n, buffer) >= statistic - 1e-12) atLeast++;
  }
  return { statistic, pValue: (1 + atLeast) / (1 + permutations) };
}

/** z for p1 − p0 with the pooled standard error (0 when both rates are 0 or 1). */
export function twoProportionZ(successes1: number, n1: number, successes0: number, n0: number): number {
  if (n1 === 0 || n0 === 0) return 0;
  const p1 = successes1 / n1;
  const p0 = successes0 / n0;
  const pooled = (successes1 + successes0) / (n1 + n0);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n0));
  return se === 0 ? 0 : (p1 - p0) / se;
}
