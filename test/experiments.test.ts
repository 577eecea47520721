/**
 * The experiment harness end to end: real run folders through the loop engine, parallel job processes
 * against serial runs, resume and reuse, and claim 1 / claim 2 numbers against their closed forms.
 * Run folders go to /dev/shm when it exists (tmpfs: fsync is free, so hundreds of runs take seconds).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from '../src/core/json.js';
import { summarizeExperiment } from '../src/experiments/summary/aggregate.js';
import { categoricalExperiment, initialHeterozygosity } from '../src/experiments/claims/claim1/categorical.js';
import { expectedLogVarianceStep, gaussianExperiment } from '../src/experiments/claims/claim1/gaussian.js';
import { expectedFirstCrossing, verifierExperiment, weakStartExperiment } from '../src/experiments/claims/claim2/categorical.js';
import { planJobs, runClaimWith, runExperiments } from '../src/experiments/harness/harness.js';
import { JobRunner, type JobEvent } from '../src/experiments/harness/runner.js';
import { findRow } from '../src/experiments/summary/rows.js';
import type { ClaimDefinition, Experiment, RunRecord, SummaryRow } from '../src/experiments/types.js';
import type { LedgerRow } from '../src/ledger/schema.js';
import { readLedger, readMeta, writeMeta } from '../src/loop/run-store.js';
import { buildReport } from '../src/report/html.js';

const root = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'infoloop-exp-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The job process from TypeScript sources (vitest has no dist/): vite-node runs it in a child process. */
const sourceJobProcess = {
  module: resolve('node_modules/vite-node/vite-node.mjs'),
  args: [resolve('src/experiments/harness/job-process.ts')],
};

/** An experiment restricted to some variants, with the horizon overridden. */
function restrict(experiment: Experiment, variants: string[], generations: number, extra: Record<string, unknown> = {}): Experiment {
  return {
    ...experiment,
    variants: experiment.variants
      .filter((v) => variants.includes(v.name))
      .map((v) => ({ ...v, config: (seed: number, quick: boolean) => ({ ...v.config(seed, quick), generations, ...extra }) })),
  };
}

async function runAll(experiment: Experiment, seeds: number, dir: string, runner = new JobRunner({ jobs: 1 })): Promise<{ runs: RunRecord[]; summary: SummaryRow[]; events: JobEvent[] }> {
  const events: JobEvent[] = [];
  try {
    const runs = await runner.run(planJobs(dir, experiment, { seeds }), (e) => events.push(e));
    return { runs, summary: summarizeExperiment(experiment, runs), events };
  } finally {
    runner.close();
  }
}

const withoutClock = (rows: LedgerRow[]) => rows.map(({ wall_ms: _wall, ...rest }) => rest);

/** |measured − theory| ≤ 4·SE, the acceptance rule of the issue (SE from the seeds' spread). */
function expectWithin4se(summary: SummaryRow[], experiment: string, variant: string, t: number, metric: string): void {
  const measured = findRow(summary, experiment, variant, t, metric)!;
  const theory = findRow(summary, experiment, variant, t, metric, 'closed_form')!;
  expect(measured, `${variant} ${metric} t=${t}`).toBeDefined();
  expect(theory, `${variant} ${metric} t=${t} closed form`).toBeDefined();
  expect(Math.abs(measured.mean - theory.mean), `${variant} ${metric} t=${t}: ${measured.mean} vs ${theory.mean} (se ${measured.se})`).toBeLessThanOrEqual(4 * measured.se + 1e-12); // + rounding of sums of doubles
}

describe('harness', () => {
  const small = restrict(gaussianExperiment, ['replace-mle-n10', 'mix-0.5-n10'], 4);
  const smallCategorical = restrict(categoricalExperiment, ['zipf-n100-replace'], 4);

  it('parallel job processes give the same ledgers and summary as serial runs', async () => {
    const plan = (dir: string) => [...planJobs(dir, small, { seeds: 3 }), ...planJobs(dir, smallCategorical, { seeds: 2 })];
    const serialRunner = new JobRunner({ jobs: 1 });
    const parallelRunner = new JobRunner({ jobs: 2, jobProcess: sourceJobProcess });
    const events: JobEvent[] = [];
    const serial = await serialRunner.run(plan(join(root, 'serial')));
    const parallel = await parallelRunner.run(plan(join(root, 'parallel')), (e) => events.push(e)).finally(() => parallelRunner.close());
    expect(parallel.map((r) => withoutClock(r.rows))).toEqual(serial.map((r) => withoutClock(r.rows)));
    for (const experiment of [small, smallCategorical]) {
      expect(summarizeExperiment(experiment, parallel)).toEqual(summarizeExperiment(experiment, serial));
    }
    expect(events.map((e) => e.outcome)).toEqual(serial.map(() => 'ran'));
  });

  it('passes resumable: false to the job process (a queue worker\'s jobs): the same ledger, no checkpoints', async () => {
    const [job] = planJobs(join(root, 'ordinary'), smallCategorical, { seeds: 1 });
    const [scratchJob] = planJobs(join(root, 'not-resumable'), smallCategorical, { seeds: 1 });
    const runner = new JobRunner({ jobs: 1, jobProcess: sourceJobProcess });
    try {
      expect(await runner.execute(job)).toBe('ran');
      expect(await runner.execute(scratchJob, { resumable: false })).toBe('ran');
    } finally {
      runner.close();
    }
    expect(withoutClock(readLedger(scratchJob.dir))).toEqual(withoutClock(readLedger(job.dir)));
    expect(readdirSync(join(job.dir, 'checkpoints')).length).toBeGreaterThan(0);
    expect(readdirSync(join(scratchJob.dir, 'checkpoints'))).toEqual([]);
  });

  it('reuses finished run folders without touching them', async () => {
    const dir = join(root, 'reuse');
    const first = await runAll(small, 2, dir);
    const ledger = join(first.runs[0].dir, 'ledger.jsonl');
    const modified = statSync(ledger).mtimeMs;
    const second = await runAll(small, 2, dir);
    expect(second.events.map((e) => e.outcome)).toEqual(['reused', 'reused', 'reused', 'reused']);
    expect(statSync(ledger).mtimeMs).toBe(modified);
    expect(second.summary).toEqual(first.summary);
  });

  it('resumes an interrupted run folder to the same ledger', async () => {
    const experiment = restrict(gaussianExperiment, ['replace-mle-n10'], 6, { checkpoints: 'all' });
    const dir = join(root, 'resume');
    const first = await runAll(experiment, 1, dir);
    const runDir = first.runs[0].dir;
    // Simulate a kill after generation 3: keep rows 0..3 plus half a row, status still 'running'.
    const lines = readFileSync(join(runDir, 'ledger.jsonl'), 'utf8').split('\n');
    writeFileSync(join(runDir, 'ledger.jsonl'), lines.slice(0, 4).join('\n') + '\n' + lines[4].slice(0, 20));
    writeMeta(runDir, { ...readMeta(runDir), status: 'running' }); // as a killed run leaves it
    const second = await runAll(experiment, 1, dir);
    expect(second.events[0].outcome).toBe('resumed');
    expect(withoutClock(second.runs[0].rows)).toEqual(withoutClock(first.runs[0].rows));
  });

  it('refuses a run folder that holds a different config', async () => {
    const dir = join(root, 'mismatch');
    await runAll(restrict(gaussianExperiment, ['replace-mle-n10'], 3), 1, dir);
    await expect(runAll(restrict(gaussianExperiment, ['replace-mle-n10'], 5), 1, dir)).rejects.toThrow(/different config/);
  });

  it('runs in this process, with a notice, when the compiled job process is missing', async () => {
    const notices: string[] = [];
    const runner = new JobRunner({ jobs: 2, onNotice: (m) => notices.push(m) });
    const { runs } = await runAll(restrict(gaussianExperiment, ['replace-mle-n10'], 2), 1, join(root, 'fallback'), runner);
    expect(notices[0]).toMatch(/job process .* is missing/);
    expect(runs[0].rows).toHaveLength(3);
  });

  it('reports a job process that dies as a failed run, not a hang', async () => {
    const runner = new JobRunner({ jobs: 2, jobProcess: { module: join(root, 'no-such-job-process.js') } });
    await expect(runAll(restrict(gaussianExperiment, ['replace-mle-n10'], 2), 2, join(root, 'dead'), runner)).rejects.toThrow(/job process stopped/);
  });

  it('runs phases in order and shows later phases the earlier runs', async () => {
    const first = restrict(gaussianExperiment, ['replace-mle-n10'], 2);
    const seen: number[] = [];
    const base = first.variants[0];
    const second: Experiment = {
      ...first,
      name: 'second',
      phase: 1,
      variants: [{ ...base, config: (seed, quick, earlier) => (seen.push(earlier?.length ?? -1), { ...base.config(seed, quick), generations: 1 + (earlier?.length ?? 0) }) }],
    };
    const claim: ClaimDefinition = { name: 'claim1', title: 'phases', experiments: [second, first], reads: [], rule: { thresholds: {}, comparison: 'test' }, verdict: () => ({ claim: 'claim1', label: 'inconclusive', statement: 'test' }) };
    const result = await runClaimWith(new JobRunner({ jobs: 1 }), claim, { seeds: 2, out: join(root, 'phases'), progress: false });
    expect(seen).toEqual([2, 2]); // both phase-1 seeds saw the two phase-0 runs
    expect(result.runs.filter((r) => r.experiment === 'second').map((r) => r.rows.length)).toEqual([4, 4]);
  });

  it('records a failed claim in failure.json, which the report shows as failed; a later success clears it', async () => {
    const out = join(root, 'failing');
    const base = small.variants[0];
    const broken: Experiment = { ...small, name: 'broken', variants: [{ ...base, config: () => ({ ...base.config(1, true), task: { name: 'no-such-task' } }) }] };
    const claim: ClaimDefinition = { name: 'claim1', title: 'fails', experiments: [broken], reads: [], rule: { thresholds: {}, comparison: 'test' }, verdict: () => ({ claim: 'claim1', label: 'inconclusive', statement: 'test' }) };
    await expect(runClaimWith(new JobRunner({ jobs: 1 }), claim, { seeds: 1, out, progress: false })).rejects.toThrow(/no-such-task/);
    const failure = parse<{ code: string; message: string }>(readFileSync(join(out, 'claim1', 'failure.json'), 'utf8'));
    expect(failure.code).toBe('E_UNKNOWN_NAME');
    expect(failure.message).toMatch(/no-such-task/);
    const html = buildReport(out);
    expect(html).toMatch(/class="verdict failed">Failed: error\[E_UNKNOWN_NAME\]/);
    const fixed: ClaimDefinition = { ...claim, experiments: [small] };
    await runClaimWith(new JobRunner({ jobs: 1 }), fixed, { seeds: 1, out, progress: false });
    expect(existsSync(join(out, 'claim1', 'failure.json'))).toBe(false);
    expect(buildReport(out)).not.toContain('verdict failed');
  });

  it('rejects bad --jobs and --seeds', () => {
    expect(() => new JobRunner({ jobs: 0 })).toThrow(/--jobs/);
    expect(() => planJobs(root, small, { seeds: 0 })).toThrow(/--seeds/);
  });

  it('writes summary.json, verdict.json and summary.md for a claim', async () => {
    const out = join(root, 'claim2-files');
    const [result] = await runExperiments('claim2', { quick: true, seeds: 3, out, jobs: 1, progress: false });
    const rows = parse<SummaryRow[]>(readFileSync(join(out, 'claim2', 'summary.json'), 'utf8'));
    expect(rows).toEqual(result.summary);
    expect(rows.some((r) => r.kind === 'closed_form')).toBe(true);
    const markdown = readFileSync(join(out, 'claim2', 'summary.md'), 'utf8');
    expect(markdown).toContain(`**Verdict: ${result.verdict.label}.**`);
    expect(markdown).toContain('| verifier |');
    expect(result.verdict.label).toBe('supported');
    await expect(runExperiments('claim9', { out, progress: false })).rejects.toThrow(/claim "claim9" is unknown/);
  });
});

describe('claim 1 against its closed forms', () => {
  it('Gaussian replace: E[ln σ²_t] and E[σ²_t] for MLE and unbiased refits', async () => {
    // 100 seeds: at t = 8 the two estimators' closed forms for ln σ² differ by 8·ln(10/9) = 0.84,
    // while 4·SE = 4·sqrt(8·ψ'(4.5)/100) ≈ 0.56, so the check can tell them apart (asserted below).
    const experiment = restrict(gaussianExperiment, ['replace-mle-n10', 'replace-unbiased-n10'], 8);
    const { summary } = await runAll(experiment, 100, join(root, 'claim1-gaussian'));
    for (const variant of ['replace-mle-n10', 'replace-unbiased-n10']) {
      for (let t = 1; t <= 8; t++) expectWithin4se(summary, 'claim1-gaussian', variant, t, 'log_sigma2');
      // σ² itself is log-normal-like; its SE is trustworthy only while ln σ² has a small spread.
      for (let t = 1; t <= 3; t++) expectWithin4se(summary, 'claim1-gaussian', variant, t, 'sigma2');
    }
    const mle = findRow(summary, 'claim1-gaussian', 'replace-mle-n10', 8, 'log_sigma2')!;
    expect(Math.abs(mle.mean - 8 * expectedLogVarianceStep(10, 9))).toBeGreaterThan(4 * mle.se);
  }, 60_000);

  it('categorical replace: heterozygosity decays as (1 − 1/n)^t·h_0 from uniform and Zipf starts', async () => {
    const experiment = restrict(categoricalExperiment, ['uniform-n100-replace', 'zipf-n100-replace'], 8);
    const { summary } = await runAll(experiment, 40, join(root, 'claim1-categorical'));
    expect(findRow(summary, 'claim1-categorical', 'zipf-n100-replace', 0, 'heterozygosity')!.mean).toBeCloseTo(initialHeterozygosity('zipf'), 12);
    for (const variant of ['uniform-n100-replace', 'zipf-n100-replace']) {
      for (let t = 1; t <= 8; t++) expectWithin4se(summary, 'claim1-categorical', variant, t, 'heterozygosity');
    }
  }, 60_000);
});

describe('claim 2 against its closed forms', () => {
  it('verifier accuracy follows 1 − 0.9·0.5^t; with no signal it stays at 0.1 in expectation', async () => {
    const experiment = restrict(verifierExperiment, ['verifier', 'none'], 6);
    const { summary } = await runAll(experiment, 30, join(root, 'claim2-strong'));
    for (let t = 0; t <= 6; t++) {
      const measured = findRow(summary, 'claim2-verifier-categorical', 'verifier', t, 'accuracy')!;
      // Every run keeps a non-empty set with probability ≥ 1 − 0.9^200, so the path is deterministic.
      expect(measured.mean).toBeCloseTo(1 - 0.9 * 0.5 ** t, 9);
      expectWithin4se(summary, 'claim2-verifier-categorical', 'none', t, 'accuracy');
    }
    const slack = findRow(summary, 'claim2-verifier-categorical', 'verifier', 6, 'bound_min_slack_bits')!;
    expect(slack.mean).toBeGreaterThanOrEqual(0);
  }, 60_000);

  it('weak start: the first generation above 1/2 averages 1 + q/(1 − q), q = 0.99^200', async () => {
    const experiment = restrict(weakStartExperiment, ['verifier'], 6);
    const { summary } = await runAll(experiment, 60, join(root, 'claim2-weak'));
    const q = 0.99 ** 200;
    expect(expectedFirstCrossing(0.01, 200, 0.5)).toBeCloseTo(1 + q / (1 - q), 12);
    expectWithin4se(summary, 'claim2-verifier-weak', 'verifier', 6, 'first_generation_above_half');
    for (let t = 1; t <= 6; t++) expectWithin4se(summary, 'claim2-verifier-weak', 'verifier', t, 'accuracy');
  }, 60_000);
});
