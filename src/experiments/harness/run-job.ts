/**
 * One variant × seed as an ordinary run folder. A finished folder (meta.json status 'done') with
 * the same config is reused, an interrupted one resumed, a missing one run from the start; a
 * folder that holds a different config is an error rather than silently mixed into a summary.
 */
import { existsSync, rmSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InfoloopError } from '../../core/errors.js';
import { canonicalStringify } from '../../core/json.js';
import { resolveConfig } from '../../config/load.js';
import type { Config, ConfigInput } from '../../config/schema.js';
import { resumeRun, runLoop } from '../../loop/engine.js';
import { readLedger, readMeta, readRunConfig } from '../../loop/run-store.js';
import type { LedgerRow } from '../../ledger/schema.js';

export interface RunJob {
  experiment: string;
  variant: string;
  seed: number;
  /** The run folder; its last path part is the run id. */
  dir: string;
  config: ConfigInput;
}

export type JobOutcome = 'reused' | 'resumed' | 'ran';

/** The config the job's folder must hold: the variant's config with the folder name as run id. */
export function jobConfig(job: RunJob): Config {
  return resolveConfig({ ...job.config, run_id: basename(job.dir) });
}

/** Key order does not matter when comparing configs. */
export const canonical = canonicalStringify;

/** 'done' when the folder holds a finished run of this job's config, 'partial' when it can resume, 'absent' otherwise. */
export function folderState(job: RunJob, config: Config = jobConfig(job)): 'done' | 'partial' | 'absent' {
  if (!existsSync(join(job.dir, 'config.yaml')) || !existsSync(join(job.dir, 'meta.json'))) return 'absent';
  if (canonical(resolveConfig(readRunConfig(job.dir))) !== canonical(config)) {
    throw new InfoloopError(
      'E_RESUME',
      `run folder ${job.dir} holds a different config than experiment ${job.experiment} / ${job.variant} / seed ${job.seed} now asks for`,
      'use another --out folder (quick and full settings must not share one), or delete the old folder',
    );
  }
  try {
    return readMeta(job.dir).status === 'done' ? 'done' : 'partial';
  } catch {
    return 'partial'; // a damaged meta.json (or one from an older version): resume refuses it, then it is run again
  }
}

export interface ExecuteOptions {
  /** false: the folder is private and never resumed (a queue worker's scratch), see RunOptions.resumable. */
  resumable?: boolean;
}

/** Run, resume or reuse one job; returns its complete ledger. */
export async function executeJob(job: RunJob, options: ExecuteOptions = {}): Promise<{ outcome: JobOutcome; rows: LedgerRow[] }> {
  const config = jobConfig(job);
  const state = folderState(job, config);
  if (state === 'done') return { outcome: 'reused', rows: readLedger(job.dir) };
  if (state === 'partial') {
    try {
      const result = await resumeRun(job.dir, { quiet: true, durable: false });
      return { outcome: 'resumed', rows: result.rows };
    } catch (error) {
      if (error instanceof InfoloopError && error.code === 'E_LOCKED') throw error; // another process is running it
      // A folder that cannot continue (killed before its first checkpoint) is started again.
      rmSync(job.dir, { recursive: true, force: true });
    }
  } else if (existsSync(job.dir)) {
    rmSync(job.dir, { recursive: true, force: true }); // a folder killed before config.yaml and meta.json were both written
  }
  const result = await runLoop(config, { out: dirname(job.dir), quiet: true, durable: false, resumable: options.resumable });
  return { outcome: 'ran', rows: result.rows };
}
