/** Claim 3 on the gym: the matched imitation budget, equal-bits rows, the verdict on synthetic summaries for each label, and one small real run. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../config/load.js';
import type { LedgerRow } from '../../../ledger/schema.js';
import { runLoop } from '../../../loop/engine.js';
import { CLAIM3_GYM, claim3GymAxes, claim3GymExperiments, claim3GymRows, matchedReferences } from './gym.js';
import { claim3Verdict } from './verdict.js';
import type { RunRecord, SummaryRow } from '../../types.js';

const row = (generation: number, bits: number, heldout: number, byAxis: Record<string, number>, extras: Record<string, unknown> = {}) =>
  ({ generation, injected_bits_cum: bits, heldout_accuracy: heldout, accuracy: heldout, extras: { heldout_accuracy_by_axis: byAxis, ...extras } }) as unknown as LedgerRow;
const record = (variant: string, seed: number, rows: LedgerRow[]): RunRecord => ({ experiment: CLAIM3_GYM, variant, seed, dir: '', rows });
const [verifierPhase, imitationPhase] = claim3GymExperiments;

describe('matched imitation budget', () => {
  it('is the verifier bits per generation over the reference bits of row 0', () => {
    const rows = [row(0, 0, 0, {}, { reference_bits: 2.5 }), row(1, 50, 0, {}), row(2, 100, 0, {}), row(3, 150, 0, {})];
    expect(matchedReferences(rows)).toBe(20); // 150 / 3 / 2.5
    expect(matchedReferences([row(0, 0, 0, {}, { reference_bits: 400 }), row(1, 10, 0, {})])).toBe(1); // never 0
    expect(matchedReferences(undefined)).toBe(24);
    expect(matchedReferences([row(0, 0, 0, {}), row(1, 10, 0, {})])).toBe(24); // no reference_bits recorded
  });

  it('imitation of seed s reads the verifier run of seed s only', () => {
    const verifier = (seed: number, bits: number) => record('verifier', seed, [row(0, 0, 0, {}, { reference_bits: 2 }), row(1, bits / 2, 0, {}), row(2, bits, 0, {})]);
    const earlier = [verifier(1, 40), verifier(2, 80)];
    const imitation = imitationPhase.variants[0];
    expect(imitation.config(1, false, earlier).n).toBe(10);
    expect(imitation.config(2, false, earlier).n).toBe(20);
    expect(verifierPhase.variants[0].config(1, false).n).toBe(128);
    expect(verifierPhase.phase).toBeLessThan(imitationPhase.phase!);
  });
});

describe('gain per bit at equal bits', () => {
  const axes = (value: number) => ({ form: value, difficulty: value / 2, family: 0 });
  const runs = [
    record('verifier', 1, [row(0, 0, 0.1, axes(0.1)), row(1, 20, 0.3, axes(0.3)), row(2, 40, 0.5, axes(0.5))]),
    record('verifier', 2, [row(0, 0, 0.1, axes(0.1)), row(1, 20, 0.3, axes(0.3)), row(2, 40, 0.5, axes(0.5))]),
    record('imitation', 1, [row(0, 0, 0.1, axes(0.1)), row(1, 30, 0.2, axes(0.2)), row(2, 60, 0.4, axes(0.4))]),
    record('imitation', 2, [row(0, 0, 0.1, axes(0.1)), row(1, 30, 0.2, axes(0.2)), row(2, 60, 0.4, axes(0.4))]),
  ];
  const rows = claim3GymRows(runs);
  const get = (variant: string, metric: string) => rows.find((r) => r.variant === variant && r.metric === metric)!;

  it('reads both methods at the smaller mean final budget (40 bits), from each run\'s own row 0', () => {
    expect(get('verifier', 'heldout_accuracy_per_bit').params.bits).toBe(40);
    expect(get('verifier', 'heldout_accuracy_per_bit').mean).toBeCloseTo((0.5 - 0.1) / 40, 12);
    // imitation reaches 40 bits a third of the way from 30 to 60: 0.2 + (0.4 − 0.2)/3
    expect(get('imitation', 'heldout_accuracy_per_bit').mean).toBeCloseTo((0.2 + 0.2 / 3 - 0.1) / 40, 12);
    expect(get('verifier', 'heldout_difficulty_per_bit').mean).toBeCloseTo((0.25 - 0.05) / 40, 12);
    expect(get('imitation', 'heldout_family_per_bit').mean).toBe(0);
    expect(get('verifier', 'accuracy_per_bit').n_runs).toBe(2);
  });

  it('gives no rows while either method is missing', () => {
    expect(claim3GymRows(runs.filter((r) => r.variant === 'verifier'))).toEqual([]);
  });
});

describe('verdict on synthetic summaries', () => {
  const summaryRow = (variant: string, metric: string, mean: number, se: number): SummaryRow => ({
    experiment: CLAIM3_GYM, variant, params: { bits: 40 }, t: 2, metric, mean, se, ci_low: mean - 3 * se, ci_high: mean + 3 * se, n_runs: 10, kind: 'measured',
  });
  /** Per-axis gain per bit for each method (the same se everywhere). */
  const summary = (verifier: Record<string, number>, imitation: Record<string, number>, se = 1e-4) =>
    claim3GymAxes.flatMap((axis) => [
      summaryRow('verifier', `heldout_${axis}_per_bit`, verifier[axis] ?? 0, se),
      summaryRow('imitation', `heldout_${axis}_per_bit`, imitation[axis] ?? 0, se),
    ]);

  it('is inconclusive, saying nothing transferred, when no gain per bit is above 0', () => {
    const verdict = claim3Verdict(summary({ form: 5e-5 }, { difficulty: -5e-5 }));
    expect(verdict.label).toBe('inconclusive');
    expect(verdict.statement).toMatch(/^claim3 inconclusive \(gym, transformer\): nothing transferred/);
  });
  it('is supported when the verifier moves held-out accuracy and gains more per bit than imitation', () => {
    const verdict = claim3Verdict(summary({ form: 0.002 }, { form: 1e-5 }));
    expect(verdict.label).toBe('supported');
    expect(verdict.statement).toMatch(/at 40 equal bits/);
  });
  it('is not supported when imitation gains more per bit on some axis, even if the verifier leads on another', () => {
    expect(claim3Verdict(summary({}, { difficulty: 0.002 })).label).toBe('not supported');
    expect(claim3Verdict(summary({ form: 0.002 }, { difficulty: 0.002 })).label).toBe('not supported');
  });
  it('is inconclusive when both transfer equally, and when rows are missing', () => {
    expect(claim3Verdict(summary({ family: 0.002 }, { family: 0.002 })).label).toBe('inconclusive');
    expect(claim3Verdict(summary({ form: 0.002 }, {}).filter((row) => row.metric !== 'heldout_family_per_bit')).label).toBe('inconclusive');
    expect(claim3Verdict([]).statement).toMatch(/gym results \(claim3-gym\) are missing/);
  });
});

describe('a small real run', () => {
  const out = mkdtempSync(join(tmpdir(), 'infoloop-claim3-gym-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('records held-out accuracy per axis and reference bits; imitation keeps J references and pays their surprisal', async () => {
    // the quick configuration with a tiny model, so the test checks the plumbing in seconds, not the science
    const shrink = (config: ReturnType<typeof verifierPhase.variants[0]['config']>) => ({
      ...config,
      generations: 1,
      task: { ...(config.task as object), eval_prompts: 6, pretrain: 40 },
      learner: { ...(config.learner as object), preset: 'xs', context: 48, initial_steps: 5, steps_per_generation: 2 },
    });
    const verifier = await runLoop(resolveConfig(shrink(verifierPhase.variants[0].config(1, true))), { out, quiet: true });
    const first = verifier.rows[0];
    expect(Object.keys(first.extras.heldout_accuracy_by_axis as object)).toEqual(['form', 'difficulty', 'family']);
    expect(first.extras.reference_bits).toBeGreaterThan(0);
    const earlier = [record('verifier', 1, verifier.rows)];
    const imitation = await runLoop(resolveConfig(shrink(imitationPhase.variants[0].config(1, true, earlier))), { out, quiet: true });
    // the same seed starts from the same model
    expect(imitation.rows[0].heldout_accuracy).toBe(first.heldout_accuracy);
    expect(imitation.rows[0].extras.reference_bits).toBe(first.extras.reference_bits);
    const J = matchedReferences(verifier.rows);
    expect(imitation.rows[1].n_kept).toBe(J);
    expect(imitation.rows[1].signal_reads).toBe('task');
    expect(imitation.rows[1].injected_bits).toBeGreaterThan(0);
  }, 60_000);
});
