// Public surface of the experiments layer.
export * from './types.js';
export { claims, claimNames, selectClaims } from './registry.js';
export { runExperiments, runClaimWith, planJobs, defaultOut, seedCount, type ExperimentOptions, type ClaimResult } from './harness.js';
export { JobRunner, builtWorker, type RunnerOptions, type JobEvent, type WorkerCommand } from './runner.js';
export { executeJob, type RunJob, type JobOutcome } from './run-job.js';
export { summarizeExperiment } from './aggregate.js';
export { renderMarkdown, writeSummary, verdictLines } from './summary.js';
export { findRow, finalGeneration, closedFormRow } from './summary-rows.js';
export { mean, sampleVariance, standardError, tInterval, bootstrapInterval, confidenceInterval, welchDifference, type Interval } from './stats.js';
export { studentTQuantile, studentTCdf, incompleteBeta } from './student-t.js';
export { claim1, gaussianExperiment, categoricalExperiment, claim1Verdict } from './claim1-collapse.js';
export { claim2, verifierExperiment, weakStartExperiment, claim2Verdict } from './claim2-opening.js';
export { ngramTextExperiment, transformerTextExperiment, textExperimentsAvailable } from './claim1-text.js';
export { claim3, claim3Verdict, claim3Experiments } from './claim3-meta.js';
export { claim3GymExperiments, claim3GymClause } from './claim3-gym.js';
export { claim4, claim4Experiment, claim4Verdict } from './claim4-hacking.js';
export { claim4GymExperiment, analyzeClaim4Gym, gymDetectorClause } from './claim4-gym.js';
