/** `infoloop demo [--out dir]`: a closed and an open loop side by side. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Command } from 'commander';
import { demoTable, runDemo } from '../loop/demo.js';
import { CLOSED_WARNING } from '../ledger/monitor.js';
import { formatTable } from '../report/table.js';

export function registerDemo(program: Command): void {
  program
    .command('demo')
    .description('run the same categorical loop closed (no signal) and open (verifier), side by side')
    .option('--out <dir>', 'where the two run folders go (default: a fresh temporary folder)')
    .action(async (opts: { out?: string }) => {
      const out = opts.out ?? mkdtempSync(join(tmpdir(), 'infoloop-demo-'));
      const result = await runDemo(out, { quiet: true });
      const { header, rows } = demoTable(result);
      process.stdout.write('K=100 answers, 10 correct; n=200 samples per generation; P <- 0.5 P + 0.5 empirical\n');
      process.stdout.write('closed: signal none (reads nothing)   open: signal verifier (reads the task)\n\n');
      process.stdout.write(formatTable(header, rows) + '\n\n');
      process.stdout.write(`closed run: ${CLOSED_WARNING}\n`);
      process.stdout.write(`run folders: ${result.dirs.join('  ')}\n`);
    });
}
