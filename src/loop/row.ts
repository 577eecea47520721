/** Building a ledger row from a generation's outcome; shared by the disk runner and the in-memory one. */
import { createRng, type Rng } from '../core/rng.js';
import type { Evaluation } from '../core/types.js';
import type { Config } from '../config/schema.js';
import type { GenerationBits } from '../ledger/accounting.js';
import { isClosed } from '../ledger/monitor.js';
import type { LedgerRow } from '../ledger/schema.js';
import { hackingMonitor } from '../ledger/hacking.js';
import { initialModel, type GenerationOutcome, type LoopParts } from './generation.js';
import { baselineEvidence, evidenceExtras, evidenceFromJudged } from './monitor-evidence.js';

/** Generation t's random stream depends only on (seed, t), so resuming needs no saved stream. */
export function generationRng(seed: number, t: number): Rng {
  return createRng(seed).fork(`generation-${t}`);
}

/** NaN is a measurement a learner could not make (no log-probabilities): the ledger writes null. */
const known = (value: number | null | undefined): number | null => (value === undefined || Number.isNaN(value) ? null : value);

/** Usage counters of the learner and of a model-calling signal since the last row, with the nominal cost (generator + judge) of each injected bit (null when the bits are unmeasured). */
function usageExtras(parts: LoopParts, injectedBits: number | null): Record<string, unknown> {
  const usage = parts.learner.usage?.();
  const judge = parts.signal.usage?.();
  const cost = typeof usage?.cost === 'number' ? usage.cost + (judge?.cost ?? 0) : null;
  return {
    ...(usage ? { usage: { ...usage, cost_per_injected_bit: cost !== null && injectedBits !== null && injectedBits > 0 ? cost / injectedBits : null } } : {}),
    ...(judge ? { judge_usage: judge } : {}),
  };
}

export function makeRow(config: Config, parts: LoopParts, runId: string, t: number, bits: GenerationBits | null, nGenerated: number, injectedCum: number | null, evaluation: Evaluation, wallMs: number, extras: Record<string, unknown>): LedgerRow {
  const closed = isClosed(parts.signal.reads, parts.policy.reads);

  return {
    run_id: runId,
    seed: config.seed,
    generation: t,
    policy: parts.policy.name,
    signal: parts.signal.name,
    signal_reads: parts.signal.reads,
    closed,
    n_generated: nGenerated,
    n_judged: bits?.n_judged ?? 0,
    n_kept: bits?.n_kept ?? 0,
    acceptance: bits?.acceptance ?? null,
    signal_entropy_bits: bits?.signal_entropy_bits ?? 0,
    injected_bits: bits ? bits.injected_bits : 0, // null stays null: unmeasured, not 0
    injected_bits_cum: injectedCum,
    shift_bits: bits?.shift_bits ?? 0,
    injected_bits_upper: bits?.injected_bits_upper ?? 0,
    policy_injected_bits: bits?.policy_injected_bits ?? 0,
    gap_bits: known(evaluation.gap_bits),
    accuracy: evaluation.accuracy ?? null,
    heldout_accuracy: evaluation.heldout_accuracy ?? null,
    entropy_bits: known(evaluation.entropy_bits),
    support: evaluation.support ?? null,
    wall_ms: wallMs,
    extras: { ...(evaluation.extras ?? {}), ...extras, ...usageExtras(parts, bits ? bits.injected_bits : 0) },
  };
}


/** Row 0: the initial model, with the monitor's baseline evidence when it applies. */
export function firstRow(config: Config, parts: LoopParts, runId: string, rng: Rng): LedgerRow {
  const { evaluation, extras } = initialModel(parts, rng);
  const evidence = baselineEvidence(config, parts, rng.fork('monitor'));
  const row = makeRow(config, parts, runId, 0, null, 0, 0, evaluation, 0, { ...extras, ...evidenceExtras(evaluation.extras, evidence) });
  Object.assign(row.extras, hackingMonitor([row]));
  return row;
}

/** Row t from a finished generation; the hacking monitor reads only `earlier` rows and this one. */
export function nextRow(config: Config, parts: LoopParts, runId: string, t: number, outcome: GenerationOutcome, injectedCum: number | null, earlier: LedgerRow[]): LedgerRow {
  const evidence = evidenceFromJudged(config, parts, outcome);
  const extras = {
    accounting: outcome.bits.accounting,
    task_information: outcome.bits.task_information,
    policy_bits_method: outcome.bits.policy_bits_method,
    training_examples: outcome.training_examples,
    fit: outcome.fit,
    ...evidenceExtras(outcome.evaluation.extras, evidence),
  };
  const row = makeRow(config, parts, runId, t, outcome.bits, outcome.n_generated, injectedCum, outcome.evaluation, 0, extras);
  // A resumed run reads `earlier` from the ledger, so it writes the same alarms.
  Object.assign(row.extras, hackingMonitor([...earlier, row]));
  return row;
}
