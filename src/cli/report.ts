/** `infoloop report <dir> [--out report.html]` */
import type { Command } from 'commander';
import { writeReport } from '../report/html.js';

export function registerReport(program: Command): void {
  program
    .command('report')
    .description('write one self-contained HTML page (charts, ledger, verdicts) from a run folder or experiment output')
    .argument('<dir>', 'a run folder (runs/<run_id>) or experiment output (runs/exp-quick or one of its claim folders)')
    .option('--out <file>', 'where to write the page (default <dir>/report.html)')
    .action((dir: string, opts: { out?: string }) => {
      process.stdout.write(writeReport(dir, opts.out) + '\n');
    });
}
