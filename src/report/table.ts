/** Ledger rows as a fixed-width text table or as CSV. */
import { stringify } from '../core/json.js';
import { LEDGER_COLUMNS, type LedgerRow } from '../ledger/schema.js';

export function formatCell(value: unknown): string {
  if (value === null || value === undefined) return '-';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return String(value);
    if (Number.isInteger(value)) return String(value);
    return Math.abs(value) >= 1000 ? value.toFixed(1) : value.toPrecision(4);
  }
  if (typeof value === 'object') return stringify(value);
  return String(value);
}

/** Columns under a header line, right-aligned (numbers) or left-aligned (text). */
export function formatTable(header: string[], rows: unknown[][], align: 'right' | 'left' = 'right'): string {
  const cells = rows.map((r) => r.map(formatCell));
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => (align === 'right' ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

export const DEFAULT_TABLE_COLUMNS: (keyof LedgerRow)[] = [
  'generation', 'n_kept', 'acceptance', 'injected_bits', 'injected_bits_cum', 'shift_bits',
  'gap_bits', 'accuracy', 'entropy_bits', 'support',
];

/** Columns a table can show besides the ledger's own, read from a row's extras. */
export const EXTRA_TABLE_COLUMNS = ['hacking_alarm'] as const;
export const TABLE_COLUMNS: readonly string[] = [...LEDGER_COLUMNS, ...EXTRA_TABLE_COLUMNS];

function cell(row: LedgerRow, column: string): unknown {
  return column in row ? row[column as keyof LedgerRow] : (row.extras?.[column] ?? null);
}

export function ledgerTable(rows: LedgerRow[], columns: readonly string[] = DEFAULT_TABLE_COLUMNS): string {
  return formatTable([...columns], rows.map((row) => columns.map((c) => cell(row, c))));
}

function csvCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : typeof value === 'object' ? stringify(value) : String(value);
  return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function ledgerCsv(rows: LedgerRow[]): string {
  const lines = [LEDGER_COLUMNS.join(',')];
  for (const row of rows) lines.push(LEDGER_COLUMNS.map((c) => csvCell(row[c])).join(','));
  return lines.join('\n') + '\n';
}
