/**
 * The library's public names (runtime values; types are checked by the compiler). A change to this
 * list is a change to the public API: make it here on purpose, together with the README.
 */
import { describe, expect, it } from 'vitest';
import * as api from '../src/index.js';

const PUBLIC_NAMES = [
    'AUDIT_SCHEMA', 'InfoloopError', 'LEDGER_COLUMNS', 'LIMITS', 'RUN_ID_MAX_LENGTH', 'Registry', 'checkRunId', 'runFolderPath', 'annotateHackingAlarms', 'applySet', 'auditDataset', 'auditOptionsSchema', 'readAuditSummary', 'writeAuditSummary', 'writeAuditReport', 'bootstrapCI',
    'bootstrapInterval', 'buildReport', 'claimNames', 'claims', 'collectEvidence', 'conditionalEntropy',
    'confidenceInterval', 'configSchema', 'createApp', 'createRng', 'demoConfig', 'detectHacking', 'digamma',
    'entropyChaoShen', 'entropyJamesStein', 'entropyMillerMadow', 'entropyNsb', 'entropyOfProbs',
    'entropyOfSamples', 'entropyPlugin', 'filterBitsRejection', 'filterBitsWeighted', 'filterShiftBits',
    'firstAlarm', 'hackingMonitor', 'halfSampleCI', 'holmAdjust', 'holmReject', 'isClosed', 'isSkewed',
    'jsDivergence', 'klDivergence', 'klEntropy', 'ksgMutualInformation', 'learnerRegistry', 'ledgerCsv',
    'ledgerTable', 'listRuns', 'loadConfig', 'logGamma', 'logRisingFactorial', 'mean', 'mutualInformation', 'normalCdf',
    'normalQuantile', 'policyRegistry', 'readLedger', 'readMeta', 'readRunConfig', 'resolveConfig',
    'restoreRng', 'resumeRun', 'runDemo', 'runExperiments', 'runInfo', 'runLoop', 'sampleVariance',
    'selectClaims', 'selectorRegistry', 'signalEntropyBits', 'signalRegistry', 'simulateLoop', 'skewness',
    'standardError', 'startServer', 'studentTCdf', 'studentTQuantile', 'tInterval', 'taskRegistry', 'trigamma',
    'weightShiftBits', 'welchDifference', 'wilsonInterval', 'writeReport',
];

describe('public API', () => {
  it('exports exactly the documented names', () => {
    expect(Object.keys(api).sort()).toEqual([...PUBLIC_NAMES].sort());
  });

  it('keeps internals out', () => {
    for (const internal of ['incompleteBeta', 'findRow', 'builtJobProcess', 'JobRunner', 'executeJob', 'summarizeExperiment', 'quantileSorted']) {
      expect(Object.keys(api)).not.toContain(internal);
    }
  });
});
