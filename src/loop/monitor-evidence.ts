/**
 * Evidence for the reward-hacking monitor, gathered by the engine for text loops: the reward each
 * candidate got (kept or not under a filter, the signal's score otherwise) and its surface
 * features, plus a small labelled audit (the first `audit` candidates checked by the task's
 * verifier), which is what a user running the loop would have.
 */
import type { Rng } from '../core/rng.js';
import type { Judged } from '../core/types.js';
import type { Config } from '../config/schema.js';
import { collectEvidence, type GenerationEvidence } from '../ledger/hacking.js';
import { generateAndJudge, type LoopParts } from './generation.js';

/** `auto`: on when candidates are strings and the signal reads the task (a proxy that can be gamed). */
function enabled(config: Config, parts: LoopParts, candidates: ArrayLike<unknown>): boolean {
  const mode = config.monitor.hacking;
  if (mode === 'off' || candidates.length === 0 || !Array.prototype.every.call(candidates, (x) => typeof x === 'string')) return false;
  return mode === 'on' || parts.signal.reads === 'task';
}

/**
 * The reward the loop actually optimises: under a hard filter, whether the candidate is kept (a
 * graded score that never changes what is kept cannot be gamed through selection); otherwise the
 * signal's score, which sets the weights or picks the best of n.
 */
function selectionScore(parts: LoopParts, judged: Judged<unknown>): number {
  if (parts.selector.mode === 'filter') return judged.judgement.kept === false ? 0 : 1;
  return judged.judgement.score;
}

/** Evidence from a generation; `judged` is read only when the monitor applies (text candidates). */
export function evidenceFromJudged(config: Config, parts: LoopParts, generation: { candidates: ArrayLike<unknown>; judged: Judged<unknown>[] }): GenerationEvidence | null {
  if (!enabled(config, parts, generation.candidates)) return null;
  const { judged } = generation;
  const audit = judged.slice(0, config.monitor.audit).map((j) => parts.task.verify(j.prompt, j.x));
  return collectEvidence(judged.map((j) => ({ text: j.x as string, score: selectionScore(parts, j) })), audit);
}

/** Generation 0's baseline: a batch from the initial model judged by the signal (nothing is trained on it). */
export function baselineEvidence(config: Config, parts: LoopParts, rng: Rng): GenerationEvidence | null {
  const probe = parts.learner.sample(parts.task.prompt(rng.fork('probe-prompt'), { split: 'train' }), 1, rng.fork('probe'));
  if (!enabled(config, parts, probe)) return null;
  const judged = generateAndJudge(parts, config.n, config.samples_per_prompt, rng);
  return evidenceFromJudged(config, parts, { candidates: judged.map((j) => j.x), judged });
}

/** Extras to add: the engine's evidence, unless the task already recorded its own. */
export function evidenceExtras(own: Record<string, unknown> | undefined, evidence: GenerationEvidence | null): Record<string, unknown> {
  return evidence && !(own && 'hacking_evidence' in own) ? { hacking_evidence: evidence } : {};
}
