import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../../../core/rng.js';
import { resolveConfig } from '../../../config/load.js';
import { claim1 } from './index.js';
import { ngramTextExperiment, textExperimentsAvailable, transformerTextExperiment } from './text.js';
import { planJobs } from '../../harness/harness.js';
import { JobRunner } from '../../harness/runner.js';
import { summarizeExperiment } from '../../summary/aggregate.js';
import { findRow } from '../../summary/rows.js';
import type { Experiment } from '../../types.js';

const root = mkdtempSync(join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'infoloop-text-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A small synthetic corpus, so the test needs no data files: words drawn from a fixed vocabulary. */
function corpus(): string {
  const rng = createRng(3);
  const words = ['the', 'king', 'and', 'queen', 'speak', 'of', 'love', 'war', 'my', 'lord', 'thou', 'art'];
  const out: string[] = [];
  for (let i = 0; i < 6000; i++) out.push(words[rng.int(words.length)] + (rng.int(9) === 0 ? '.\n' : ' '));
  return out.join('');
}

describe('claim 1 on text (ngram)', () => {
  it('joins claim 1 exactly when the ngram learner and the text task are registered', () => {
    expect(claim1.experiments.includes(ngramTextExperiment)).toBe(textExperimentsAvailable());
    expect(textExperimentsAvailable()).toBe(true);
    expect(claim1.experiments.map((e) => e.name)).toEqual(['claim1-gaussian', 'claim1-categorical', 'claim1-ngram-text', 'claim1-transformer-text']);
    for (const variant of [...ngramTextExperiment.variants, ...transformerTextExperiment.variants]) {
      for (const quick of [true, false]) expect(() => resolveConfig(variant.config(1, quick))).not.toThrow();
    }
    // the transformer runs on one thread: the harness already runs one job per core
    const full = resolveConfig(transformerTextExperiment.variants[0].config(1, false));
    expect(full.learner).toMatchObject({ name: 'transformer', preset: 's', workers: 1 });
    expect(transformerTextExperiment.variants.map((v) => v.name)).toEqual(['replace', 'accumulate', 'mix-0.5']);
  });

  it('reads held-out bits/char, the samples\' entropy rate and distinct 4-grams off real runs', async () => {
    const path = join(root, 'corpus.txt');
    writeFileSync(path, corpus());
    const experiment: Experiment = {
      ...ngramTextExperiment,
      variants: ngramTextExperiment.variants
        .filter((v) => v.name === 'replace' || v.name === 'mix-0.5')
        .map((v) => ({ ...v, config: (seed, quick) => { const c = v.config(seed, quick); return { ...c, generations: 2, task: { ...(c.task as object), name: 'text', path, eval_chars: 2000 } }; } })),
    };
    const runner = new JobRunner({ jobs: 1 });
    const runs = await runner.run(planJobs(root, experiment, { seeds: 2 }));
    const summary = summarizeExperiment(experiment, runs);
    const run = runs[0];
    for (const t of [0, 1, 2]) {
      const row = run.rows[t];
      expect(experiment.metrics.heldout_bits_per_char(row)).toBe(row.gap_bits);
      expect(experiment.metrics.sample_entropy_rate_bits(row)).toBe(row.entropy_bits);
      expect(experiment.metrics.distinct_4grams(row)).toBe(row.extras.distinct_ngrams);
      expect(findRow(summary, 'claim1-ngram-text', 'replace', t, 'heldout_bits_per_char')!.n_runs).toBe(2);
    }
    // Row 0 is the model fit on the real training text, the same for every variant and seed.
    expect(findRow(summary, 'claim1-ngram-text', 'mix-0.5', 0, 'heldout_bits_per_char')!.mean).toBe(findRow(summary, 'claim1-ngram-text', 'replace', 0, 'heldout_bits_per_char')!.mean);
    expect(findRow(summary, 'claim1-ngram-text', 'replace', 0, 'heldout_bits_per_char')!.se).toBe(0);
  }, 60_000);
});
