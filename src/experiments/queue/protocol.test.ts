import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../core/errors.js';
import { decodeFailure, encodeFailure, queuedJob, queueJobId } from './protocol.js';
import type { RunJob } from '../harness/run-job.js';

const job: RunJob = { experiment: 'e', variant: 'v', seed: 1, dir: 'out/c/e/v-s1', config: { seed: 1, task: { name: 't', K: 3 }, learner: { name: 'l' } } };

describe('queue protocol', () => {
  it('derives the job id from the job, not from where its folder is or the order of keys', () => {
    const id = queueJobId(queuedJob(job));
    expect(id).toMatch(/^run-[0-9a-f]{32}$/);
    expect(queueJobId(queuedJob({ ...job, dir: 'elsewhere/v-s1' }))).toBe(id);
    expect(queueJobId(queuedJob({ ...job, config: { learner: { name: 'l' }, task: { K: 3, name: 't' }, seed: 1 } }))).toBe(id);
    expect(queueJobId(queuedJob({ ...job, config: { ...job.config, seed: 2 } }))).not.toBe(id);
    expect(queueJobId(queuedJob({ ...job, dir: 'out/c/e/v-s2' }))).not.toBe(id); // another run id
  });

  it('carries an error code, hint and exit code through a failure reason', () => {
    const error = decodeFailure(encodeFailure(new InfoloopError('E_CONFIG', 'bad n', 'use n: 10')), 'e / v / seed 1');
    expect(error).toMatchObject({ code: 'E_CONFIG', message: 'e / v / seed 1: bad n', hint: 'use n: 10', exitCode: 2 });
    expect(decodeFailure('job stalled more than allowable limit', 'w')).toMatchObject({ code: 'E_RUN', message: 'w: job stalled more than allowable limit', exitCode: 1 });
  });
});
