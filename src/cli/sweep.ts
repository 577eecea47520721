/** `infoloop sweep <config.yaml> --grid key=v1,v2 [--grid …] [--set k=v] [--seeds N] [--out dir] [--jobs N] [--queue url]` */
import type { Command } from 'commander';
import { queueUrlFrom, warnOnStderr } from '../experiments/queue/connection.js';
import { runSweep } from '../experiments/sweep.js';
import { positiveInteger } from './exp.js';

const repeatable = (value: string, previous: string[]) => [...previous, value];

export function registerSweep(program: Command): void {
  program
    .command('sweep')
    .description('run a config over the cross product of --grid values × seeds; one table row per grid point (mean and 95% interval of the last generation)')
    .argument('<config>', 'YAML config file')
    .option('--grid <key=v1,v2,…>', 'a config key and the values to sweep (repeatable: the cross product is run)', repeatable, [])
    .option('--set <key=value>', 'override one config key for every point (repeatable)', repeatable, [])
    .option('--seeds <n>', 'seeds per grid point, from the config\'s seed on', positiveInteger('--seeds'), 3)
    .option('--out <dir>', 'folder for the run folders and sweep.md (default runs/sweep-<config name>)')
    .option('--jobs <n>', 'parallel runs on this machine (default: the number of cores)', positiveInteger('--jobs'))
    .option('--queue <url>', 'run on `infoloop worker`s through Redis (redis://host:port[/db]; password in REDIS_PASSWORD)')
    .option('--queue-env <name>', 'read the --queue URL from this environment variable instead')
    .option('--quiet', 'no progress output')
    .action(async (configPath: string, opts: { grid: string[]; set: string[]; seeds: number; out?: string; jobs?: number; queue?: string; queueEnv?: string; quiet?: boolean }) => {
      const result = await runSweep(configPath, {
        grid: opts.grid,
        sets: opts.set,
        seeds: opts.seeds,
        out: opts.out,
        jobs: opts.jobs,
        queue: queueUrlFrom(opts, process.env, warnOnStderr),
        progress: !opts.quiet,
      });
      process.stdout.write(`${result.brief}\nall columns: ${result.table}\n`);
    });
}
