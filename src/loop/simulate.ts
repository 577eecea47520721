/**
 * The loop in memory: the same generations and rows as `runLoop` (same seed → same rows, wall_ms
 * aside) without a run folder. For many-seed studies and tests where disk writes would dominate.
 */
import type { Weighted } from '../core/types.js';
import { resolveConfig } from '../config/load.js';
import type { Config, ConfigInput } from '../config/schema.js';
import { addInjected } from '../ledger/accounting.js';
import type { LedgerRow } from '../ledger/schema.js';
import { buildParts } from './engine.js';
import { runGeneration } from './generation.js';
import { firstRow, generationRng, nextRow } from './row.js';

/** Accepts the plain object a user writes: defaults are filled in and every key validated. */
export function simulateLoop(input: Config | ConfigInput, runId = 'memory'): LedgerRow[] {
  const config = resolveConfig(input);
  const parts = buildParts(config);
  const rows = [firstRow(config, parts, runId, generationRng(config.seed, 0))];
  const history: Weighted<unknown>[][] = [];
  let injectedCum: number | null = 0;
  for (let t = 1; t <= config.generations; t++) {
    const outcome = runGeneration(parts, history, config.n, config.samples_per_prompt, generationRng(config.seed, t), t);
    if (parts.policy.keepsHistory) history.push(outcome.kept);
    injectedCum = addInjected(injectedCum, outcome.bits.injected_bits);
    rows.push(nextRow(config, parts, runId, t, outcome, injectedCum, rows));
  }
  return rows;
}
