/** `infoloop runs [dir]`: the run folders under dir with their status (done, stopped, failed, running). */
import type { Command } from 'commander';
import { listRuns } from '../loop/run-list.js';
import { formatTable } from '../report/table.js';

export function registerRuns(program: Command): void {
  program
    .command('runs')
    .description('list the run folders under a folder with their status and why a run stopped or failed')
    .argument('[dir]', 'parent folder of run folders', 'runs')
    .option('--json', 'print JSON')
    .action((dir: string, opts: { json?: boolean }) => {
      const runs = listRuns(dir);
      if (opts.json) return void process.stdout.write(JSON.stringify(runs, null, 2) + '\n');
      if (runs.length === 0) return void process.stdout.write(`no run folders in ${dir}\n`);
      const rows = runs.map((r) => [r.run_id, r.status, `${r.generations_done ?? '?'}/${r.generations ?? '?'}`, r.updated_at ?? '', r.note]);
      process.stdout.write(formatTable(['run_id', 'status', 'generations', 'updated', 'note'], rows, 'left') + '\n');
    });
}
