/** The audit layer: the information ledger of an existing dataset file (`infoloop audit`). */
export { auditDataset, auditOptionsSchema, type AuditOptions, type AuditResult, type AuditRow } from './audit.js';
export { writeAuditSummary, readAuditSummary, writeAuditRows } from './output.js';
export { AUDIT_SCHEMA, REQUIRED_KEYS, REQUIRED_DIVERSITY_KEYS, type AuditSummary, type DiversitySummary, type SourceSummary, type ClusterSummary } from './summary.js';
export { detectFormat, readDataset, type DatasetFormat, type DatasetItem, type ReadProgress } from './read.js';
export { extractFields, resolveFields, chatTurns, parseLabel, type FieldSpec, type RowFields } from './fields.js';
export { auditVerifier, VERIFIER_NAMES, type AuditVerifier } from './verifiers.js';
export { MinHasher, clusterSignatures, estimatedJaccard, candidateProbability, DEFAULT_MINHASH, type MinHashOptions } from './minhash.js';
export { DistinctCounter } from './distinct.js';
export { closureEstimate, entropyRate, type ClosureResult } from './closure.js';
