/**
 * Claim 3 — coarse meta-level supervision generalises better per bit than instance-level imitation.
 * The gym with the transformer (gym.ts) decides, by a Holm-corrected family of tests (tests.ts);
 * the exact model (exact-model.ts: two settings, with closed forms from prediction.ts) is a worked
 * example reported beside it. The rule: verdict.ts.
 */
import type { ClaimDefinition, Experiment } from '../../types.js';
import { claim3Experiment, manyAnswers, singleAnswer } from './exact-model.js';
import { claim3GymExperiments } from './gym.js';
import { claim3Reads, claim3Rule, claim3Verdict } from './verdict.js';

export const claim3Experiments: Experiment[] = [claim3Experiment(manyAnswers), claim3Experiment(singleAnswer), ...claim3GymExperiments];

export const claim3: ClaimDefinition = {
  name: 'claim3',
  title: 'coarse meta-level supervision generalises better per bit',
  experiments: claim3Experiments,
  reads: claim3Reads,
  rule: claim3Rule,
  verdict: (summary) => claim3Verdict(summary),
};
