/** `infoloop exp <claim1|claim2|claim3|claim4|all> [--quick] [--seeds N] [--out dir] [--jobs N] [--quiet]` */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { claimNames } from '../experiments/registry.js';
import { claimRulesHashes, defaultOut, runExperiments } from '../experiments/harness/harness.js';
import { writeReport } from '../report/html.js';
import { queueUrlFrom, warnOnStderr } from '../experiments/queue/connection.js';

export function positiveInteger(option: string): (value: string) => number {
  return (value) => {
    const number = Number(value);
    if (!Number.isInteger(number) || number < 1) throw new InfoloopError('E_INPUT', `${option} must be a positive integer, got "${value}"`, `e.g. ${option} 4`);
    return number;
  };
}

export function registerExp(program: Command): void {
  program
    .command('exp')
    .description('run a claim of the theory as experiments (variants × seeds), with 95% CIs, closed forms and a verdict')
    .argument('<claim>', `one of ${[...claimNames(), 'all'].join(', ')}`)
    .option('--quick', 'few seeds and short horizons (all claims in about two minutes)')
    .option('--seeds <n>', 'seeds per variant (default: each experiment\'s own)', positiveInteger('--seeds'))
    .option('--out <dir>', `parent folder (default ${defaultOut(true)} with --quick, ${defaultOut(false)} without)`)
    .option('--jobs <n>', 'parallel runs (default: the number of cores)', positiveInteger('--jobs'))
    .option('--quiet', 'no progress output or notices (failures are still reported)')
    .option('--queue <url>', 'run the jobs on `infoloop worker`s through Redis (redis://host:port[/db]; password in REDIS_PASSWORD)')
    .option('--queue-env <name>', 'read the --queue URL from this environment variable instead')
    .option('--report', 'also write the HTML report (<out>/report.html), failed claims included')
    .option('--rules', 'print each claim\'s rules hash for this setting (verdict rule + experiment settings) and run nothing')
    .action(async (claim: string, opts: { quick?: boolean; seeds?: number; out?: string; jobs?: number; quiet?: boolean; report?: boolean; rules?: boolean; queue?: string; queueEnv?: string }) => {
      if (opts.rules) {
        for (const { claim: name, hash } of claimRulesHashes(claim, { quick: opts.quick ?? false, seeds: opts.seeds })) process.stdout.write(`${name} ${hash}\n`);
        return;
      }
      const out = opts.out ?? defaultOut(opts.quick ?? false);
      let failure: unknown = null;
      try {
        await runExperiments(claim, {
          quick: opts.quick ?? false,
          seeds: opts.seeds,
          out,
          jobs: opts.jobs,
          queue: queueUrlFrom(opts, process.env, warnOnStderr),
          progress: !opts.quiet,
          // --quiet: no progress and no notices; a failed claim is still reported
          onNotice: opts.quiet ? () => {} : undefined,
          onClaim: (result) => process.stdout.write(`${result.dir}/summary.md\n  ${result.verdict.statement}\n`),
        });
      } catch (error) {
        failure = error;
      }
      // Written on failure too: the report shows a failed claim as failed.
      if (claim === 'all' && existsSync(join(out, 'verdicts.md'))) process.stdout.write(`\nverdicts: ${join(out, 'verdicts.md')}\n`);
      if (opts.report && existsSync(out)) {
        try {
          process.stdout.write(`report:   ${writeReport(out)}\n`);
        } catch (error) {
          if (failure === null) throw error;
          process.stderr.write(`the report could not be written: ${(error as Error).message}\n`);
        }
      }
      if (failure !== null) throw failure;
    });
}
