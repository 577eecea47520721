/**
 * Claim 1 — closed loops collapse. A model refit on its own samples (no signal reads the task)
 * loses variance, heterozygosity and support at the rates theory.md §2 gives in closed form;
 * `accumulate` and `mix` slow or stop it. Experiments: a 1-D Gaussian, a K=1000 categorical and,
 * when their learners are registered, the n-gram and transformer on text. The rule: verdict.ts.
 */
import type { ClaimDefinition } from '../../types.js';
import { categoricalExperiment } from './categorical.js';
import { gaussianExperiment } from './gaussian.js';
import { ngramTextExperiment, textExperimentsAvailable, transformerTextExperiment } from './text.js';
import { claim1Reads, claim1Rule, claim1Verdict } from './verdict.js';

export const claim1: ClaimDefinition = {
  name: 'claim1',
  title: 'closed loops collapse',
  // A getter: the text experiments join when the registries name their learner and task.
  get experiments() {
    return [gaussianExperiment, categoricalExperiment, ...(textExperimentsAvailable() ? [ngramTextExperiment] : []), ...(textExperimentsAvailable('transformer') ? [transformerTextExperiment] : [])];
  },
  reads: claim1Reads,
  rule: claim1Rule,
  verdict: (summary) => claim1Verdict(summary),
};
