/**
 * Claim 4 — the efficiency prior: learning follows the component that explains the signal with the
 * fewest bits (acceleration when that is correctness, reward hacking when it is a spurious feature).
 * The gym (gym.ts: a learned n-gram, where the marker is simpler by its own complexity) decides,
 * and measures the hacking detector; the two-skill model (efficiency-prior.ts) is a worked example
 * reported beside it. The rule: verdict.ts.
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
