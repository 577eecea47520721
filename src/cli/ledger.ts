/** `infoloop ledger <run-dir> [--csv] [--columns a,b,c]` */
import type { Command } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { readLedger, readMeta } from '../loop/run-store.js';
import { ledgerCsv, ledgerTable, DEFAULT_TABLE_COLUMNS, TABLE_COLUMNS } from '../report/table.js';
import { suggest } from '../core/errors.js';

export function registerLedger(program: Command): void {
  program
    .command('ledger')
    .description("print a run's ledger as a table or CSV")
    .argument('<run-dir>', 'a run folder')
    .option('--csv', 'all columns as CSV')
    .option('--columns <list>', `comma-separated columns for the table, from: ${TABLE_COLUMNS.join(', ')}`)
    .action((dir: string, opts: { csv?: boolean; columns?: string }) => {
      const rows = readLedger(dir);
      if (opts.csv) return void process.stdout.write(ledgerCsv(rows));
      const columns = opts.columns ? opts.columns.split(',').map((c) => c.trim()) : DEFAULT_TABLE_COLUMNS;
      for (const c of columns) {
        if (!TABLE_COLUMNS.includes(c)) throw new InfoloopError('E_INPUT', `unknown ledger column "${c}"`, suggest(c, TABLE_COLUMNS));
      }
      process.stdout.write(ledgerTable(rows, columns) + '\n');
      const meta = readMeta(dir);
      if (meta.status !== 'done') process.stdout.write(`run ${meta.status}${meta.stop_reason ?? meta.error ? `: ${meta.stop_reason ?? meta.error}` : ''}\n`);
    });
}
