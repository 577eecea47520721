/**
 * The run config as data. Top-level keys are validated here; each `{ name, ... }` spec is
 * validated by its registry entry (see config/load.ts), so unknown keys are errors everywhere.
 */
import { z } from 'zod';
import { RUN_ID_MAX_LENGTH } from '../loop/run-paths.js';
import { LIMITS } from '../core/limits.js';

const spec = z.object({ name: z.string().min(1) }).passthrough();

export const configSchema = z
  .object({
    seed: z.number().int().nonnegative().max(LIMITS.seed, 'a seed is a safe integer (at most 2^53 − 1)').default(1),
    generations: z.number().int().positive().max(LIMITS.generations).default(20),
    /** Candidates generated per generation. */
    n: z.number().int().positive().max(LIMITS.n).default(200),
    /** Candidates per prompt (best-of-n groups); candidates sharing a prompt id are judged together. */
    samples_per_prompt: z.number().int().positive().max(LIMITS.samples_per_prompt).default(1),
    /** Keep every generation's checkpoint, or only the newest (large learners). */
    checkpoints: z.enum(['all', 'last']).default('all'),
    /** The reward-hacking monitor: evidence per generation for text loops (see README). */
    monitor: z
      .object({ hacking: z.enum(['auto', 'on', 'off']).default('auto'), audit: z.number().int().min(0).max(LIMITS.monitor_audit).default(32) })
      .strict()
      .default({}),
    run_id: z
      .string()
      .min(1)
      .max(RUN_ID_MAX_LENGTH)
      .regex(/^[A-Za-z0-9._-]+$/, 'use letters, digits, ".", "_" and "-"')
      .refine((id) => id !== '.' && id !== '..', 'a run id must not be "." or ".."')
      .optional(),
    task: spec,
    learner: spec,
    signal: spec.default({ name: 'none' }),
    select: spec.default({ name: 'filter' }),
    policy: spec.default({ name: 'replace' }),
  })
  .strict();

export type ConfigInput = z.input<typeof configSchema>;
export type Spec = z.infer<typeof spec>;

/** A config after defaults and overrides, with every spec's parameters validated. */
export type Config = z.infer<typeof configSchema>;
