/** `infoloop run <config.yaml> [--set k=v]... [--out dir] [--resume dir] [--quiet]` */
import type { Command } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { formatCell } from '../report/table.js';
import { loadConfig, resolveConfig } from '../config/load.js';
import { resumeRun, runLoop } from '../loop/engine.js';
import { readRunConfig } from '../loop/run-store.js';
import type { LedgerRow } from '../ledger/schema.js';
import { createProgress } from './progress.js';

function describe(row: LedgerRow): string {
  return `gen ${row.generation}: kept ${row.n_kept}/${row.n_judged} injected ${formatCell(row.injected_bits)} bits gap ${formatCell(row.gap_bits)} acc ${formatCell(row.accuracy)}`;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a loop from a config file and write its run folder')
    .argument('[config]', 'YAML config file')
    .option('--set <key=value>', 'override one config key (repeatable)', (v: string, acc: string[]) => [...acc, v], [])
    .option('--out <dir>', 'parent folder for run folders', 'runs')
    .option('--resume <dir>', 'continue a killed run folder after its last complete generation')
    .option('--quiet', 'no progress output')
    .action(async (configPath: string | undefined, opts: { set: string[]; out: string; resume?: string; quiet?: boolean }) => {
      if (!configPath && !opts.resume) {
        throw new InfoloopError('E_INPUT', 'run needs a config file or --resume <dir>', 'e.g. infoloop run examples/verifier.yaml');
      }
      // a resumed run continues with the config saved in its folder
      const config = opts.resume ? resolveConfig(readRunConfig(opts.resume)) : loadConfig(configPath!, opts.set);
      const progress = createProgress(config.generations, 'run', opts.quiet);
      const onRow = (row: LedgerRow) => progress.update(row.generation, describe(row));
      const result = opts.resume
        ? await resumeRun(opts.resume, config, { onRow, quiet: opts.quiet })
        : await runLoop(config, { out: opts.out, onRow, quiet: opts.quiet });
      progress.stop();
      const last = result.rows[result.rows.length - 1];
      process.stdout.write(`${result.dir}\n${describe(last)}; injected ${formatCell(last.injected_bits_cum)} bits in all${result.closed ? ' (closed loop)' : ''}\n`);
    });
}
