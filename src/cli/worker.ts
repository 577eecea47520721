/** `infoloop worker --queue redis://host:port[/db] [--concurrency N] [--stall-seconds S] [--scratch dir]`: run queued jobs until stopped. */
import type { Command } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { queueUrlFrom, warnOnStderr } from '../experiments/queue/connection.js';
import { startWorker } from '../experiments/queue/worker.js';
import { positiveInteger } from './exp.js';

export function registerWorker(program: Command): void {
  program
    .command('worker')
    .description('take experiment and sweep jobs from a Redis queue and run them here (binds no port; Ctrl-C finishes the running jobs)')
    .option('--queue <url>', 'redis://host:port[/db]; the password comes from REDIS_PASSWORD')
    .option('--queue-env <name>', 'read the --queue URL from this environment variable instead')
    .option('--concurrency <n>', 'jobs at once, each in its own process (default 1; at most the number of cores)', positiveInteger('--concurrency'), 1)
    .option('--stall-seconds <s>', 'a job whose worker stops answering is given to another worker after about this long', positiveInteger('--stall-seconds'), 30)
    .option('--scratch <dir>', 'where running jobs keep their run folders (default /dev/shm when it has 1 GiB free, else the temporary folder)')
    .action(async (opts: { queue?: string; queueEnv?: string; concurrency: number; stallSeconds: number; scratch?: string }) => {
      const url = queueUrlFrom(opts, process.env, warnOnStderr);
      if (!url) throw new InfoloopError('E_INPUT', 'worker needs --queue <url> or --queue-env <name>', 'e.g. infoloop worker --queue redis://10.0.0.5:6379/0');
      const worker = await startWorker({ url, concurrency: opts.concurrency, stallSeconds: opts.stallSeconds, scratch: opts.scratch });
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.stderr.write('stopping: finishing the running jobs (press Ctrl-C again to quit now; their jobs go to another worker)\n');
          process.once('SIGINT', () => process.exit(130));
          worker.close().then(resolve, resolve);
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
