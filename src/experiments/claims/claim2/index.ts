/**
 * Claim 2 — an external signal opens the loop. The categorical loop with a verifier that reads the
 * task climbs to the correct set; with no signal or a self-judge it does not; the gain is bounded
 * by the injected bits (bound.ts). The same on the task gym with an n-gram. The rule: verdict.ts.
 */
import type { ClaimDefinition } from '../../types.js';
import { noisyExperiment, verifierExperiment, weakStartExperiment } from './categorical.js';
import { gymExperiment } from './gym.js';
import { claim2Reads, claim2Rule, claim2Verdict } from './verdict.js';

export const claim2: ClaimDefinition = {
  name: 'claim2',
  title: 'external signals open the loop',
  experiments: [noisyExperiment, verifierExperiment, weakStartExperiment, gymExperiment],
  reads: claim2Reads,
  rule: claim2Rule,
  verdict: (summary) => claim2Verdict(summary),
};
