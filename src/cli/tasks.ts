/** `infoloop tasks` and `infoloop tasks show <family>`: parse, call src/tasks/gym-catalog.ts, print. */
import type { Command } from 'commander';
import { catalog, formatCatalog, formatInstances, showInstances } from '../tasks/gym-catalog.js';

export function registerTasks(program: Command): void {
  const tasks = program
    .command('tasks')
    .description("the gym's task families (domain, surface forms, answer multiplicity); `infoloop list tasks` lists every task with its keys")
    .option('--json', 'print a JSON array of {name, domain, forms, multiple_answers, description}')
    .action((options: { json?: boolean }) => {
      process.stdout.write(`${options.json ? JSON.stringify(catalog(), null, 2) : formatCatalog(catalog())}\n`);
    });

  tasks
    .command('show <family>')
    .description('print instances of a family in every surface form with their answers')
    .option('--n <count>', 'number of instances', '5')
    .option('--seed <seed>', 'random seed', '1')
    .option('--difficulty <level>', 'difficulty level 1-3', '1')
    .option('--json', 'print JSON')
    .action((family: string, _options: unknown, command: Command) => {
      // optsWithGlobals: `--json` after `show` may be claimed by the parent `tasks` command.
      const options = command.optsWithGlobals() as { n: string; seed: string; difficulty: string; json?: boolean };
      const instances = showInstances(family, Number(options.n), Number(options.seed), Number(options.difficulty));
      process.stdout.write(`${options.json ? JSON.stringify(instances, null, 2) : formatInstances(instances)}\n`);
    });
}
