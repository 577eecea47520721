/** `infoloop run <config.yaml> [--set k=v]... [--out dir] [--resume dir] [--quiet]` */
import type { Command } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { createProgress, silentProgress } from '../core/progress.js';
import { formatCell } from '../report/table.js';
import { loadConfig } from '../config/load.js';
import { resumeRun, runLoop } from '../loop/engine.js';
import { readRunConfig, scanLedger } from '../loop/run-store.js';
import type { LedgerRow } from '../ledger/schema.js';

function describe(row: LedgerRow): string {
  return `gen ${row.generation}: kept ${row.n_kept}/${row.n_judged} injected ${formatCell(row.injected_bits)} bits gap ${formatCell(row.gap_bits)} acc ${formatCell(row.accuracy)}`;
}

export function registerRun(program: Command): void {
  program
    .command('run')
    .description('run a loop from a config file and write its run folder')
    .argument('[config]', 'YAML config file')
    .option('--set <key=value>', 'override one config key (repeatable); with --resume only a raised learner.budget.max_cost or max_tokens_total', (v: string, acc: string[]) => [...acc, v], [])
    .option('--out <dir>', 'parent folder for run folders', 'runs')
    .option('--resume <dir>', 'continue a killed run folder after its last complete generation')
    .option('--repair', 'with --resume: cut a damaged ledger to its valid rows, or back to the newest intact checkpoint, after backing it up')
    .option('--quiet', 'print only the run folder and the final summary line')
    .action(async (configPath: string | undefined, opts: { set: string[]; out: string; resume?: string; repair?: boolean; quiet?: boolean }) => {
      if (!configPath && !opts.resume) {
        throw new InfoloopError('E_INPUT', 'run needs a config file or --resume <dir>', 'e.g. infoloop run examples/verifier.yaml');
      }
      if (opts.repair && !opts.resume) throw new InfoloopError('E_INPUT', '--repair only applies with --resume <dir>', `e.g. infoloop run --resume runs/<run_id> --repair`);
      if (opts.resume && configPath) throw new InfoloopError('E_INPUT', 'pass either a config file or --resume <dir>, not both', 'a resumed run uses the config.yaml saved in its folder');
      const config = opts.resume ? null : loadConfig(configPath!, opts.set);
      const generations = config ? config.generations : Number((readRunConfig(opts.resume!) as { generations?: number }).generations ?? 0);
      const progress = opts.quiet ? silentProgress : createProgress({ label: 'run', total: generations, unit: 'generations' });
      // Rows a resume replays did no work in this process, so they do not count towards the time left.
      const replayed = opts.resume ? scanLedger(opts.resume).rows.length : 0;
      const onRow = (row: LedgerRow) => {
        if (row.generation > 0) progress.update(row.generation, describe(row), row.generation >= replayed);
      };
      const onWarning = (message: string) => progress.log(`warning: ${message}`);
      try {
        const result = config ? await runLoop(config, { out: opts.out, onRow, onWarning }) : await resumeRun(opts.resume!, { onRow, onWarning, repair: opts.repair, sets: opts.set });
        progress.stop();
        const last = result.rows.at(-1);
        const summary = last ? `${describe(last)}; injected ${formatCell(last.injected_bits_cum)} bits in all${result.closed ? ' (closed loop)' : ''}\n` : '';
        const notice = result.status === 'stopped' ? `stopped ${last ? `after generation ${last.generation}` : 'before generation 0'}: ${result.stop_reason}\n` : '';
        process.stdout.write(`${result.dir}\n${summary}${notice}`);
      } finally {
        progress.stop();
      }
    });
}
