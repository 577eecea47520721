/** The infoloop command line: parse, call the library, print. Errors are two lines, never a stack. */
import { Command, CommanderError } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { PACKAGE_VERSION } from '../loop/version.js';
import { registerDemo } from './demo.js';
import { registerExp } from './exp.js';
import { registerInfo } from './info.js';
import { registerReport } from './report.js';
import { registerLedger } from './ledger.js';
import { registerRun } from './run.js';
import { registerServe } from './serve.js';
import { registerTasks } from './tasks.js';

export function buildProgram(): Command {
  const program = new Command('infoloop')
    .description('run and measure synthetic-data loops: how many bits of task information each signal injects')
    .version(PACKAGE_VERSION)
    .exitOverride()
    .showSuggestionAfterError(true);
  registerRun(program);
  registerLedger(program);
  registerDemo(program);
  registerTasks(program);
  registerExp(program);
  registerInfo(program);
  registerReport(program);
  registerServe(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof InfoloopError) {
      process.stderr.write(error.format() + '\n');
      return error.exitCode;
    }
    if (error instanceof CommanderError) {
      if (error.exitCode === 0) return 0; // --help, --version
      process.stderr.write('hint: run `infoloop --help` for the commands and options\n');
      return 2;
    }
    const message = (error as Error)?.message ?? String(error);
    process.stderr.write(`error[E_INTERNAL]: ${message}\nhint: this is a bug in infoloop; please report it with the command you ran\n`);
    return 1;
  }
}

