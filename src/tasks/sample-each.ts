/**
 * One answer to each prompt, drawn from `rng` in prompt order: one concurrent batch for a learner
 * that has `sampleBatch` (an endpoint sends it `concurrency` requests at a time), else one call per
 * prompt. An endpoint's `sample` is `sampleBatch` of one request, so both draw the same seeds in the
 * same order: the answers, and the ledger, are those of the one-at-a-time evaluation.
 */
import type { Rng } from '../core/rng.js';
import type { Learner, Prompt } from '../core/types.js';

export function sampleEach<X>(learner: Learner<X>, prompts: Prompt[], rng: Rng): X[] {
  if (learner.sampleBatch) return learner.sampleBatch(prompts.map((prompt) => ({ prompt, n: 1 })), rng).map(([x]) => x);
  return prompts.map((prompt) => learner.sample(prompt, 1, rng)[0]);
}
