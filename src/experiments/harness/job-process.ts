/**
 * Child-process entry for parallel experiments: receives jobs over IPC, runs each as an ordinary
 * run folder and answers with the outcome; the parent reads the ledger back from disk.
 */
import { InfoloopError } from '../../core/errors.js';
import { executeJob, type ExecuteOptions, type RunJob } from './run-job.js';

export interface JobMessage {
  id: number;
  job: RunJob;
  options?: ExecuteOptions;
}

export type JobReply =
  | { id: number; ok: true; outcome: 'reused' | 'resumed' | 'ran' }
  | { id: number; ok: false; message: string; code: string; hint: string; exitCode: number };

function reply(message: JobReply): void {
  process.send?.(message);
}

// Jobs arrive one at a time per process; the parent sends the next only after a reply.
process.on('message', (message: JobMessage) => {
  executeJob(message.job, message.options).then(
    ({ outcome }) => reply({ id: message.id, ok: true, outcome }),
    (error: unknown) => {
      const known = error instanceof InfoloopError;
      reply({
        id: message.id,
        ok: false,
        message: (error as Error)?.message ?? String(error),
        code: known ? error.code : 'E_RUN',
        hint: known ? error.hint : 'rerun the experiment; finished runs are reused',
        exitCode: known ? error.exitCode : 1,
      });
    },
  );
});
process.on('disconnect', () => process.exit(0));
