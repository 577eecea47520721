/**
 * Claim 4 — the efficiency prior: learning follows the component that explains the signal with the
 * fewest bits (acceleration when that is correctness, reward hacking when it is a spurious feature).
 * The efficiency-prior experiment (efficiency-prior.ts) decides; the hacking detector on the task
 * gym (gym.ts) adds a clause. The rule: verdict.ts.
 */
import type { ClaimDefinition, Experiment } from '../../types.js';
import { claim4Experiment } from './efficiency-prior.js';
import { claim4GymExperiment } from './gym.js';
import { claim4Reads, claim4Rule, claim4Verdict } from './verdict.js';

export const claim4Experiments: Experiment[] = [claim4Experiment, claim4GymExperiment];

export const claim4: ClaimDefinition = {
  name: 'claim4',
  title: 'the efficiency prior: acceleration or reward hacking',
  experiments: claim4Experiments,
  reads: claim4Reads,
  rule: claim4Rule,
  verdict: (summary) => claim4Verdict(summary),
};
