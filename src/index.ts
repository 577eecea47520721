/**
 * The infoloop library: what the README documents, the interfaces a user implements to add a part
 * (Task, Learner, Signal, Selector, Policy) and the registries that take them. Everything else is
 * internal; test/public-api.test.ts lists these names so that a change here is deliberate.
 */

// Errors, randomness, the part interfaces and the registries a new part is added to.
export { InfoloopError, type ErrorCode } from './core/errors.js';
export { createRng, restoreRng, type Rng, type RngState } from './core/rng.js';
export type * from './core/types.js';
export { Registry, type Entry, type CreateContext, type Spec } from './core/registry.js';
export { taskRegistry } from './tasks/registry.js';
export { learnerRegistry } from './learners/registry.js';
export { signalRegistry } from './signals/registry.js';
export { selectorRegistry } from './select/registry.js';
export { policyRegistry } from './policy/registry.js';

// Configs and loops.
export { configSchema, type Config, type ConfigInput } from './config/schema.js';
export { loadConfig, resolveConfig, applySet } from './config/load.js';
export { runLoop, resumeRun, type RunOptions, type RunResult } from './loop/engine.js';
export { simulateLoop } from './loop/simulate.js';
export { runFolderPath, checkRunId, RUN_ID_MAX_LENGTH } from './loop/run-paths.js';
export { LIMITS } from './core/limits.js';
export { runDemo, demoConfig } from './loop/demo.js';
export { readLedger, readMeta, readRunConfig, type Meta } from './loop/run-store.js';
export { listRuns, type RunSummary } from './loop/run-list.js';

// The ledger, the hacking monitor and reports.
export { LEDGER_COLUMNS, type LedgerRow } from './ledger/schema.js';
export { filterShiftBits, weightShiftBits, signalEntropyBits } from './ledger/accounting.js';
export { isClosed } from './ledger/monitor.js';
export { detectHacking, hackingMonitor, annotateHackingAlarms, collectEvidence, firstAlarm, type DetectorOptions, type GenerationEvidence } from './ledger/hacking.js';
export { ledgerTable, ledgerCsv } from './report/table.js';
export { buildReport, writeReport } from './report/html.js';

// Experiments: the claims and their harness.
export type { ClaimDefinition, ClaimName, Experiment, RowRef, RunRecord, SummaryRow, Variant, Verdict, VerdictLabel } from './experiments/types.js';
export { claims, claimNames, selectClaims } from './experiments/registry.js';
export { runExperiments, type ExperimentOptions, type ClaimResult } from './experiments/harness/harness.js';

// Information estimators in bits, and the statistics behind every interval.
export {
  entropyPlugin, entropyMillerMadow, entropyChaoShen, entropyJamesStein, entropyNsb, entropyOfSamples, entropyOfProbs,
  klDivergence, jsDivergence, mutualInformation, conditionalEntropy, ksgMutualInformation, klEntropy,
  filterBitsRejection, filterBitsWeighted, runInfo, type InfoOptions, type InfoResult,
} from './info/index.js';
export * from './stats/index.js';

// Auditing a dataset someone already has (`infoloop audit`).
export { auditDataset, auditOptionsSchema, writeAuditSummary, readAuditSummary, AUDIT_SCHEMA, type AuditOptions, type AuditResult, type AuditSummary } from './audit/index.js';
export { writeAuditReport } from './report/audit-page.js';

// Real models: an OpenAI-compatible server of a run's learner (`infoloop serve`).
export { startServer, createApp } from './endpoints/index.js';
