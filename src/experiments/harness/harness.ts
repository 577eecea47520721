/**
 * The experiment harness: a claim's experiments × variants × seeds become ordinary run folders
 * under <out>/<claim>/<experiment>/<variant>-s<seed>; phases run in order (later ones may read
 * earlier runs); then summary rows, closed forms and the claim's verdict are written beside them.
 */
import { rulesHash } from '../summary/rules.js';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InfoloopError } from '../../core/errors.js';
import { summarizeExperiment } from '../summary/aggregate.js';
import { createProgress } from '../../core/progress.js';
import { selectClaims } from '../registry.js';
import type { RunJob } from './run-job.js';
import { JobRunner, type Runner, type RunnerOptions } from './runner.js';
import { QueueRunner } from '../queue/producer.js';
import { verdictLines, writeSummary, type SummarySettings } from '../summary/markdown.js';
import type { ClaimDefinition, ClaimName, Experiment, RunRecord, SummaryRow, Verdict } from '../types.js';

export interface ExperimentOptions extends RunnerOptions {
  /** Parent folder (default `runs/exp-quick` with quick, `runs/exp` without). */
  out?: string;
  /** Few seeds and short horizons. */
  quick?: boolean;
  /** Seeds per variant, overriding each experiment's default. */
  seeds?: number;
  /** Progress output: a bar or lines on stderr (default), or none. */
  progress?: boolean;
  /** Where notices go (default stderr). */
  log?: (line: string) => void;
  /** Run the jobs on queue workers (`redis://host:port[/db]`) instead of local job processes. */
  queue?: string;
  /** Called as each claim's summary is written (the CLI prints its verdict). */
  onClaim?: (result: ClaimResult) => void;
}

export interface ClaimResult {
  claim: ClaimName;
  dir: string;
  summary: SummaryRow[];
  verdict: Verdict;
  runs: RunRecord[];
}

export function defaultOut(quick: boolean): string {
  return quick ? join('runs', 'exp-quick') : join('runs', 'exp');
}

export function seedCount(experiment: Experiment, options: Pick<ExperimentOptions, 'quick' | 'seeds'>): number {
  const seeds = options.seeds ?? (options.quick ? experiment.seeds.quick : experiment.seeds.full);
  if (!Number.isInteger(seeds) || seeds < 1) throw new InfoloopError('E_INPUT', `--seeds must be a positive integer, got ${seeds}`, 'e.g. --seeds 5');
  return seeds;
}

/** Seeds 1..count, one folder per variant × seed. */
export function planJobs(claimDir: string, experiment: Experiment, options: Pick<ExperimentOptions, 'quick' | 'seeds'>, earlier: RunRecord[] = []): RunJob[] {
  const jobs: RunJob[] = [];
  const count = seedCount(experiment, options);
  for (const variant of experiment.variants) {
    for (let seed = 1; seed <= count; seed++) {
      jobs.push({
        experiment: experiment.name,
        variant: variant.name,
        seed,
        dir: join(claimDir, experiment.name, `${variant.name}-s${seed}`),
        config: variant.config(seed, options.quick ?? false, earlier),
      });
    }
  }
  return jobs;
}

/** The record a failed claim leaves in its folder, so that reports show it as failed. */
export const FAILURE_FILE = 'failure.json';

function recordFailure(dir: string, claim: ClaimName, error: Error): void {
  mkdirSync(dir, { recursive: true });
  const code = error instanceof InfoloopError ? error.code : 'E_RUN';
  const hint = error instanceof InfoloopError ? error.hint : undefined;
  writeFileSync(join(dir, FAILURE_FILE), JSON.stringify({ claim, code, message: error.message, hint }, null, 2) + '\n');
}

/**
 * Run one claim on an existing runner; writes summary.json, verdict.json and summary.md, or, when
 * the claim fails, failure.json (so a report shows it failed) before rethrowing.
 */
export async function runClaimWith(runner: Runner, claim: ClaimDefinition, options: ExperimentOptions = {}): Promise<ClaimResult> {
  const dir = join(options.out ?? defaultOut(options.quick ?? false), claim.name);
  rmSync(join(dir, FAILURE_FILE), { force: true });
  try {
    return await runClaimIn(dir, runner, claim, options);
  } catch (error) {
    recordFailure(dir, claim.name, error as Error);
    throw error;
  }
}

async function runClaimIn(dir: string, runner: Runner, claim: ClaimDefinition, options: ExperimentOptions): Promise<ClaimResult> {
  const quick = options.quick ?? false;
  const phases = [...new Set(claim.experiments.map((e) => e.phase ?? 0))].sort((a, b) => a - b);
  const runs: RunRecord[] = [];
  for (const phase of phases) {
    const experiments = claim.experiments.filter((e) => (e.phase ?? 0) === phase);
    const jobs = experiments.flatMap((experiment) => planJobs(dir, experiment, options, runs));
    const label = claim.name + (phases.length > 1 ? ` phase ${phase}` : '');
    const progress = options.progress === false ? null : createProgress({ label, total: jobs.length, unit: 'runs', throttleMs: 3000 });
    try {
      const reused = (outcome: string) => outcome === 'reused';
      runs.push(...(await runner.run(jobs, (e) => progress?.update(e.done, e.detail ?? `${e.job.variant} seed ${e.job.seed}${reused(e.outcome) ? ' (reused)' : ''}`, !reused(e.outcome)))));
    } finally {
      progress?.stop();
    }
  }
  const summary = claim.experiments.flatMap((experiment) => summarizeExperiment(experiment, runs));
  const verdict = claim.verdict(summary, runs);
  const seeds = Object.fromEntries(claim.experiments.map((e) => [e.name, seedCount(e, options)]));
  const settings: SummarySettings = { quick, seeds, rules_hash: rulesHash(claim, { quick, seeds }) };
  writeSummary(dir, claim, summary, verdict, settings);
  return { claim: claim.name, dir, summary, verdict, runs };
}

/** Each selected claim's rules hash for a setting, without running anything (`infoloop exp <name> --rules`). */
export function claimRulesHashes(name: string, options: Pick<ExperimentOptions, 'quick' | 'seeds'> = {}): { claim: ClaimName; hash: string }[] {
  return selectClaims(name).map((claim) => {
    const seeds = Object.fromEntries(claim.experiments.map((e) => [e.name, seedCount(e, options)]));
    return { claim: claim.name, hash: rulesHash(claim, { quick: options.quick ?? false, seeds }) };
  });
}

/** Local job processes, or the queue's workers when `queue` is given. */
export async function openRunner(options: RunnerOptions & { queue?: string }): Promise<Runner> {
  return options.queue ? QueueRunner.open({ url: options.queue, onNotice: options.onNotice }) : new JobRunner(options);
}

/** `infoloop exp <name>`: one claim or `all`, sharing one pool of job processes. */
export async function runExperiments(name: string, options: ExperimentOptions = {}): Promise<ClaimResult[]> {
  const claims = selectClaims(name);
  const log = options.log ?? ((line: string) => process.stderr.write(line + '\n'));
  const runner = await openRunner({ ...options, onNotice: options.onNotice ?? log });
  const results: ClaimResult[] = [];
  const failures: { claim: ClaimName; error: Error }[] = [];
  try {
    for (const claim of claims) {
      try {
        const result = await runClaimWith(runner, claim, options);
        results.push(result);
        options.onClaim?.(result);
      } catch (error) {
        if (claims.length === 1) throw error;
        // With `all`, one broken claim must not hide the others' results.
        failures.push({ claim: claim.name, error: error as Error });
        log(`${claim.name} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    await runner.close();
  }
  const out = options.out ?? defaultOut(options.quick ?? false);
  if (claims.length > 1) {
    mkdirSync(out, { recursive: true });
    const failed = failures.map((f) => `- ${f.claim}: **failed** — ${f.error.message}\n`).join('');
    writeFileSync(join(out, 'verdicts.md'), `# Verdicts\n\n${verdictLines(results.map((r) => r.verdict))}${failed}`);
  }
  if (failures.length > 0) {
    const first = failures[0].error;
    throw new InfoloopError(
      first instanceof InfoloopError ? first.code : 'E_RUN',
      `${failures.map((f) => f.claim).join(', ')} failed (the other claims' summaries are written): ${first.message}`,
      first instanceof InfoloopError ? first.hint : 'rerun the same command: finished runs are reused',
      1,
    );
  }
  return results;
}
