/**
 * The pre-registered rule of a claim, as data: its verdict's named thresholds, the one comparison
 * that decides the label, the rows it reads, and the experiment settings (variants with their
 * parameters and resolved configs, seeds, horizons, metrics) — not execution settings (output
 * folder, jobs, queue). Its SHA-256 is written into verdict.json, summary.md and results/rules.md;
 * a rule changed after a run changes the hash, and results/CHANGELOG.md says why.
 */
import { createHash } from 'node:crypto';
import { stringify } from '../../core/json.js';
import type { ClaimDefinition, Experiment } from '../types.js';

export interface RuleSettings {
  quick: boolean;
  /** Seeds per variant for each experiment. */
  seeds: Record<string, number>;
}

/** An experiment's settings; configs of later phases depend on earlier runs, so only their parameters count. */
function experimentSettings(experiment: Experiment, quick: boolean) {
  return {
    name: experiment.name,
    description: experiment.description,
    phase: experiment.phase ?? 0,
    metrics: Object.keys(experiment.metrics),
    run_metrics: experiment.runMetrics ?? [],
    variants: experiment.variants.map((variant) => ({
      name: variant.name,
      params: variant.params,
      config: (experiment.phase ?? 0) === 0 ? variant.config(1, quick) : null,
    })),
  };
}

/** Keys sorted at every level, so the serialisation does not depend on property order. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical((value as Record<string, unknown>)[key])]));
  }
  return value;
}

/** The document that is hashed (JSON, keys sorted). */
export function ruleDocument(claim: ClaimDefinition, settings: RuleSettings): string {
  return stringify(canonical({
    claim: claim.name,
    thresholds: claim.rule.thresholds,
    comparison: claim.rule.comparison,
    reads: claim.reads,
    setting: settings.quick ? 'quick' : 'full',
    seeds: settings.seeds,
    experiments: claim.experiments.map((experiment) => experimentSettings(experiment, settings.quick)),
  }));
}

/** First 16 hex digits of the SHA-256 of the rule document. */
export function rulesHash(claim: ClaimDefinition, settings: RuleSettings): string {
  return createHash('sha256').update(ruleDocument(claim, settings)).digest('hex').slice(0, 16);
}
