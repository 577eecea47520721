/** The infoloop command line: parse, call the library, print. Errors are two lines, never a stack. */
import { Command, CommanderError } from 'commander';
import { fromSystemError, InfoloopError } from '../core/errors.js';
import { PACKAGE_VERSION } from '../loop/version.js';
import { registerAudit } from './audit.js';
import { registerDemo } from './demo.js';
import { registerExp } from './exp.js';
import { registerInfo } from './info.js';
import { registerReport } from './report.js';
import { registerLedger } from './ledger.js';
import { registerList } from './list.js';
import { registerRun } from './run.js';
import { registerRuns } from './runs.js';
import { registerSweep } from './sweep.js';
import { registerServe } from './serve.js';
import { registerTasks } from './tasks.js';
import { registerWorker } from './worker.js';

export function buildProgram(): Command {
  const program = new Command('infoloop')
    .description('run and measure synthetic-data loops: how many bits of task information each signal injects')
    .version(PACKAGE_VERSION)
    .exitOverride()
    // Commander's own errors are reformatted in main(); help and version still print.
    .configureOutput({ outputError: () => {} })
    .showSuggestionAfterError(true);
  registerRun(program);
  registerRuns(program);
  registerLedger(program);
  registerDemo(program);
  registerList(program);
  registerTasks(program);
  registerExp(program);
  registerInfo(program);
  registerReport(program);
  registerSweep(program);
  registerWorker(program);
  registerAudit(program);
  registerServe(program);
  return program;
}

/** A commander error (unknown command or option, missing argument) as `error[E_USAGE]` + `hint:`. */
export function usageError(error: CommanderError, argv: string[]): InfoloopError {
  const [first, ...rest] = error.message.replace(/^error: /, '').split('\n');
  const suggestion = rest.join(' ').match(/\(Did you mean (.+)\?\)/)?.[1];
  const known = buildProgram().commands.map((c) => c.name());
  const command = argv.slice(2).find((arg) => !arg.startsWith('-'));
  const help = command && known.includes(command) ? `infoloop ${command} --help` : 'infoloop --help';
  if (error.code === 'commander.unknownCommand') {
    return new InfoloopError('E_USAGE', first, `${suggestion ? `did you mean \`infoloop ${suggestion}\`? ` : ''}commands: ${known.join(', ')}`);
  }
  return new InfoloopError('E_USAGE', first, `${suggestion ? `did you mean ${suggestion}? ` : ''}\`${help}\` lists the arguments and options`);
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (caught) {
    let error = fromSystemError(caught) ?? caught;
    if (error instanceof CommanderError) {
      // --help and --version exit 0; `infoloop` alone prints the help on stderr, a usage error (2).
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return error.exitCode;
      if (error.code === 'commander.help') return 2;
      error = usageError(error, argv);
    }
    if (error instanceof InfoloopError) {
      process.stderr.write(error.format() + '\n');
      return error.exitCode;
    }
    const message = (error as Error)?.message ?? String(error);
    process.stderr.write(`error[E_INTERNAL]: ${message}\nhint: this is a bug in infoloop; please report it with the command you ran\n`);
    return 1;
  }
}
