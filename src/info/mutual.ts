/** Plug-in mutual information and conditional entropy from a 2-D count table (rows are X, columns Y), in bits. */
import { checkTable } from './validate.js';

type Table = ArrayLike<ArrayLike<number>>;

function marginals(table: Table, rows: number, columns: number): { rowTotals: Float64Array; columnTotals: Float64Array; total: number } {
  const rowTotals = new Float64Array(rows);
  const columnTotals = new Float64Array(columns);
  let total = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = table[r][c];
      rowTotals[r] += v;
      columnTotals[c] += v;
      total += v;
    }
  }
  return { rowTotals, columnTotals, total };
}

/** I(X;Y) = Σ p(x,y) log2 [p(x,y) / (p(x) p(y))], plug-in. */
export function mutualInformation(joint: Table): number {
  const [rows, columns] = checkTable(joint);
  const { rowTotals, columnTotals, total } = marginals(joint, rows, columns);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = joint[r][c];
      if (v > 0) sum += v * Math.log2((v * total) / (rowTotals[r] * columnTotals[c]));
    }
  }
  return Math.max(0, sum / total); // the exact value is ≥ 0; rounding can leave −1e-17
}

/** H(Y|X) = Σ_x p(x) H(Y | X = x), plug-in; rows are X. */
export function conditionalEntropy(joint: Table): number {
  const [rows, columns] = checkTable(joint);
  const { rowTotals, total } = marginals(joint, rows, columns);
  let sum = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const v = joint[r][c];
      if (v > 0) sum -= v * Math.log2(v / rowTotals[r]);
    }
  }
  return Math.max(0, sum / total);
}
