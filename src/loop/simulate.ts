/**
 * The loop in memory: the same generations and rows as `runLoop` (same seed → same rows, wall_ms
 * aside) without a run folder. For many-seed studies and tests where disk writes would dominate.
 */
import type { Weighted } from '../core/types.js';
import type { Config } from '../config/schema.js';
import { hackingMonitor } from '../ledger/hacking.js';
import type { LedgerRow } from '../ledger/schema.js';
import { buildParts } from './engine.js';
import { initialModel, runGeneration } from './generation.js';
import { generationRng, makeRow } from './row.js';

export function simulateLoop(config: Config, runId = 'memory'): LedgerRow[] {
  const parts = buildParts(config);
  const initial = initialModel(parts, generationRng(config.seed, 0));
  const rows = [makeRow(config, parts, runId, 0, null, 0, 0, initial.evaluation, 0, initial.extras)];
  Object.assign(rows[0].extras, hackingMonitor(rows));
  const history: Weighted<unknown>[][] = [];
  let injectedCum = 0;
  for (let t = 1; t <= config.generations; t++) {
    const outcome = runGeneration(parts, history, config.n, config.samples_per_prompt, generationRng(config.seed, t));
    if (parts.policy.keepsHistory) history.push(outcome.kept);
    injectedCum += outcome.bits.injected_bits;
    const extras = { accounting: outcome.bits.accounting, training_examples: outcome.training_examples, fit: outcome.fit };
    const row = makeRow(config, parts, runId, t, outcome.bits, outcome.n_generated, injectedCum, outcome.evaluation, 0, extras);
    Object.assign(row.extras, hackingMonitor([...rows, row]));
    rows.push(row);
  }
  return rows;
}
