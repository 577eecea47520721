/**
 * A judge's audit: every `audit_every`-th generation (1, 1 + k, 1 + 2k, …), `audit_size` of its
 * judged candidates, chosen with the generation's seeded stream, are labelled correct or not, and
 * the ledger measures Î(S;C) on them (bound: the interval's upper end). The labels come from the
 * task's ground truth (`audit_labels: ground-truth`: the run does not get it for free on every
 * candidate, only on the audit sample, as if a person labelled it) or from a stronger judge model
 * (`audit_labels: { model, base_url, ... }`, its score ≥ threshold meaning correct; a failed
 * reply leaves that candidate unlabelled).
 */
import { z } from 'zod';
import { shuffle, type Rng } from '../core/rng.js';
import { priceSchema } from '../endpoints/client/cost.js';

export const auditJudgeSchema = z
  .object({
    model: z.string().min(1),
    base_url: z.string().url(),
    api_key_env: z.string().min(1).optional(),
    /** Same placeholders as the judge's rubric; default: the judge's default rubric. */
    rubric: z.string().min(1).optional(),
    threshold: z.number().min(0).max(1).optional(),
    json_mode: z.boolean().optional(),
    max_tokens: z.number().int().positive().optional(),
    prices: z.record(priceSchema).optional(),
  })
  .strict();

export const auditParams = {
  /** Judged candidates labelled per audited generation (0: no audit; the task's ground truth, where it has any, is used on every candidate). */
  audit_size: z.number().int().min(0).default(0),
  /** Audit generations 1, 1 + k, 1 + 2k, …; the others are unmeasured. */
  audit_every: z.number().int().min(1).default(1),
  audit_labels: z.union([z.literal('ground-truth'), auditJudgeSchema]).default('ground-truth'),
};

export function isAuditGeneration(generation: number, every: number): boolean {
  return (generation - 1) % every === 0;
}

/** `size` of the indexes 0..n−1 (all of them when size ≥ n), uniformly without replacement, ascending. */
export function chooseAudited(n: number, size: number, rng: Rng): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  if (size >= n) return all;
  return shuffle(rng, all).slice(0, size).sort((a, b) => a - b);
}
