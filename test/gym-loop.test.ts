/**
 * Gym tasks in the loop engine, driven by config files: every family trains an n-gram learner for a
 * few generations, and a per-prompt table learner on parity learns the training forms under a
 * verifier while the held-out form (never trained on) stays at chance.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { loadConfig } from '../src/config/load.js';
import { InfoloopError } from '../src/core/errors.js';
import { sampleIndex, type Rng } from '../src/core/rng.js';
import type { FitStats, Learner, Prompt, Snapshot, Weighted } from '../src/core/types.js';
import { learnerRegistry } from '../src/learners/registry.js';
import { runLoop } from '../src/loop/engine.js';
import { readLedger } from '../src/loop/run-store.js';
import { FAMILY_NAMES } from '../src/tasks/families/index.js';

/** A categorical over a fixed answer list for each prompt text: P ← (1−α)P + α·empirical on the texts in a batch. */
class TableLearner implements Learner<string> {
  readonly name = 'test-table';
  private tables = new Map<string, number[]>();

  constructor(readonly answers: string[], readonly alpha: number) {}

  private probs(prompt: Prompt): number[] {
    return this.tables.get(prompt.text) ?? this.answers.map(() => 1 / this.answers.length);
  }

  sample(prompt: Prompt, n: number, rng: Rng): string[] {
    const probs = this.probs(prompt);
    return Array.from({ length: n }, () => this.answers[sampleIndex(rng, probs)]);
  }

  logProb(prompt: Prompt, x: string): number {
    const index = this.answers.indexOf(x);
    return index < 0 ? -Infinity : Math.log2(this.probs(prompt)[index]);
  }

  fit(batch: Weighted<string>[]): FitStats {
    const counts = new Map<string, { prompt: Prompt; counts: number[] }>();
    for (const { prompt, x, weight } of batch) {
      const index = this.answers.indexOf(x);
      if (index < 0) throw new InfoloopError('E_INPUT', `test-table cannot learn "${x}"`, 'use answers from the list');
      const entry = counts.get(prompt.text) ?? { prompt, counts: this.answers.map(() => 0) };
      entry.counts[index] += weight;
      counts.set(prompt.text, entry);
    }
    for (const [text, entry] of counts) {
      const total = entry.counts.reduce((s, c) => s + c, 0);
      if (total === 0) continue;
      const old = this.probs(entry.prompt);
      this.tables.set(text, old.map((p, i) => (1 - this.alpha) * p + (this.alpha * entry.counts[i]) / total));
    }
    return { examples: batch.length };
  }

  snapshot(): Snapshot {
    return { learner: this.name, json: { tables: Object.fromEntries(this.tables) } };
  }

  restore(snapshot: Snapshot): void {
    this.tables = new Map(Object.entries((snapshot.json as { tables: Record<string, number[]> }).tables));
  }
}

const tableParams = z.object({ answers: z.array(z.string()).min(1), alpha: z.number().min(0).max(1).default(0.5) }).strict();

if (!learnerRegistry.has('test-table')) {
  learnerRegistry.register({ name: 'test-table', description: 'test only', params: tableParams, create: (p: z.infer<typeof tableParams>) => new TableLearner(p.answers, p.alpha) });
}

const folder = mkdtempSync(join(tmpdir(), 'gym-loop-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function configFile(name: string, yaml: string): string {
  const path = join(folder, `${name}.yaml`);
  writeFileSync(path, yaml);
  return path;
}

/** The signal each family is run with: the environment for grid-walk, and each gym signal at least once. */
function signalFor(family: string): string {
  if (family === 'grid-walk') return '{ name: environment }';
  if (family === 'addition') return '{ name: rubric }';
  if (family === 'reversal') return '{ name: spurious, weight: 0.3 }';
  if (family === 'parity') return '{ name: majority }';
  return '{ name: verifier }';
}

describe('gym tasks in the loop', () => {
  it.each(FAMILY_NAMES)('%s trains an n-gram learner for two generations from a config file', async (family) => {
    const path = configFile(family, [
      'seed: 3',
      'generations: 2',
      'n: 40',
      `samples_per_prompt: ${family === 'parity' ? 4 : 1}`,
      `run_id: ${family}`,
      `task: { name: ${family}, pretrain: 120, eval_prompts: 8 }`,
      'learner: { name: ngram, order: 4, max_tokens: 24 }',
      `signal: ${signalFor(family)}`,
      'policy: { name: accumulate }',
    ].join('\n'));
    const result = await runLoop(loadConfig(path), { out: folder, quiet: true });
    const rows = readLedger(result.dir);
    expect(rows.map((row) => row.generation)).toEqual([0, 1, 2]);
    for (const row of rows) {
      for (const value of [row.accuracy, row.heldout_accuracy]) {
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
      }
      expect(row.gap_bits === null || row.gap_bits >= -1e-9).toBe(true);
      expect((row.extras as { heldout_axis?: string }).heldout_axis ?? 'form').toBe('form');
    }
    expect(rows[1].n_generated).toBe(40);
    expect(result.closed).toBe(family === 'parity'); // majority vote reads only the model
  });

  // 64 fixed evaluation prompts per split: an accuracy is a binomial proportion with standard error at most
  // √(0.25/64) = 0.0625, a difference of two at most 0.088; both bounds below use 3.5 standard errors.
  it('a verifier loop teaches a per-prompt table the training forms, not the held-out form', async () => {
    const path = configFile('parity-table', [
      'seed: 5',
      'generations: 8',
      'n: 200',
      'samples_per_prompt: 1',
      'run_id: parity-table',
      'task: { name: parity, heldout: form, heldout_forms: [instruction], eval_prompts: 64 }',
      'learner: { name: test-table, answers: [even, odd], alpha: 0.5 }',
      'signal: { name: verifier }',
    ].join('\n'));
    const { rows } = await runLoop(loadConfig(path), { out: folder, quiet: true });
    const first = rows[0];
    const last = rows[rows.length - 1];
    expect(last.accuracy! - first.accuracy!).toBeGreaterThan(3.5 * 0.088);
    for (const row of rows) expect(Math.abs(row.heldout_accuracy! - 0.5)).toBeLessThan(3.5 * 0.0625);
    expect(first.gap_bits).toBeCloseTo(1, 12); // uniform over {even, odd} puts 1/2 on the answer: KL = 1 bit
    expect(last.gap_bits!).toBeLessThan(first.gap_bits!);
    expect(last.injected_bits_cum).toBeGreaterThan(0);
  });

  it('gsm8k trains an n-gram learner on its real solutions and runs a verifier loop', async () => {
    const path = configFile('gsm8k', [
      'seed: 1',
      'generations: 1',
      'n: 8',
      'samples_per_prompt: 2',
      'run_id: gsm8k',
      'task: { name: gsm8k, pretrain: 50, eval_prompts: 4, reference: final }',
      'learner: { name: ngram, order: 3, max_tokens: 16 }',
      'signal: { name: rubric }',
    ].join('\n'));
    const rows = readLedger((await runLoop(loadConfig(path), { out: folder, quiet: true })).dir);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.heldout_accuracy).toBeGreaterThanOrEqual(0);
  });

  it('rejects an unknown family in a config file with the known list', () => {
    const path = configFile('bad', 'task: { name: gym, families: [parity, reversl] }\nlearner: { name: ngram }\n');
    expect(() => loadConfig(path)).toThrow(/family "reversl" is unknown; did you mean "reversal"\? known: /);
  });
});
