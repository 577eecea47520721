/** `infoloop info <quantity> [file|-]`: parse options, call runInfo, print. No estimation logic here. */
import { readFileSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { stringify } from '../core/json.js';
import { formatInfoResult, INFO_QUANTITIES, runInfo } from '../info/command.js';

export interface InfoStreams {
  write(text: string): void;
  /** Progress of long computations (stderr). */
  progress?(text: string): void;
  readInput(path: string): string;
}

const defaultStreams: InfoStreams = {
  write: (text) => process.stdout.write(text),
  progress: (text) => process.stderr.write(`${text}\n`),
  readInput: (path) => {
    try {
      return readFileSync(path === '-' ? 0 : path, 'utf8');
    } catch (error) {
      throw new InfoloopError('E_IO', `cannot read ${path === '-' ? 'standard input' : path}: ${(error as Error).message}`, 'check the path, or pipe data into `-`');
    }
  },
};

function number(name: string, integer = false) {
  return (value: string): number => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isFinite(parsed) || (integer && !Number.isInteger(parsed))) {
      throw new InvalidArgumentError(`${name} must be ${integer ? 'an integer' : 'a number'}`);
    }
    return parsed;
  };
}

export function registerInfo(program: Command, streams: InfoStreams = defaultStreams): void {
  program
    .command('info')
    .description('information estimators on counts or samples (bits), with a seeded confidence interval')
    .argument('<quantity>', INFO_QUANTITIES.join(' | '))
    .argument('[file]', 'JSON, CSV or one value per line; - for standard input', '-')
    .option('--method <name>', 'entropy: plugin | miller-madow | chao-shen | james-stein | nsb')
    .option('--ci <level>', 'confidence level of the interval; 0 for none', number('--ci'), 0.95)
    .option('--seed <n>', 'seed of the resampling', number('--seed', true), 1)
    .option('--bootstrap <B>', 'bootstrap replicates (half-samples for ksg and kl-entropy, at most 200)', number('--bootstrap', true), 1000)
    .option('--from <kind>', 'entropy and mi: the input holds "samples" (default) or "counts"')
    .option('--alphabet <K>', 'entropy: number of possible outcomes, seen or not (nsb, james-stein)', number('--alphabet', true))
    .option('--k <k>', 'ksg and kl-entropy: neighbours', number('--k', true), 3)
    .option('--split <columns>', 'ksg: how many leading columns are x', number('--split', true), 1)
    .option('--json', 'print the result as JSON')
    .action((quantity: string, file: string, options: Record<string, unknown>) => {
      const from = options.from as string | undefined;
      if (from !== undefined && from !== 'counts' && from !== 'samples') {
        throw new InfoloopError('E_INPUT', `--from must be "counts" or "samples", got "${from}"`, 'use --from counts for a list of counts per bin');
      }
      const result = runInfo(quantity, streams.readInput(file), {
        method: options.method as string | undefined,
        ci: options.ci as number,
        seed: options.seed as number,
        replicates: options.bootstrap as number,
        from: from as 'counts' | 'samples' | undefined,
        alphabet: options.alphabet as number | undefined,
        k: options.k as number,
        split: options.split as number,
        onProgress: streams.progress,
      });
      streams.write((options.json ? stringify(result, 2) : formatInfoResult(result)) + '\n');
    });
}
