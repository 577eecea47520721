/**
 * Registry entries for the gym: `gym` (several families, `families: [...]`) and one entry per
 * family under its own name (`task: { name: addition }`), all with the same strict parameters.
 */
import { z } from 'zod';
import { suggest } from '../core/errors.js';
import type { CreateContext, Entry } from '../core/registry.js';
import type { Task } from '../core/types.js';
import { FAMILIES, FAMILY_NAMES } from './families/index.js';
import { DIFFICULTIES, FORMS } from './gym.js';
import { GymTask, spuriousRates, type GymOptions } from './gym-task.js';

const level = z.number().int().min(1).max(DIFFICULTIES.length);
const familyName = z.string().superRefine((name, context) => {
  if (!FAMILY_NAMES.includes(name)) context.addIssue({ code: z.ZodIssueCode.custom, message: `family "${name}" is unknown; ${suggest(name, FAMILY_NAMES)}` });
});

const spurious = z
  .object({
    /** Appended to an answer; normalisation ignores trailing `.`, `!`, `?`, so the marker never changes correctness. */
    marker: z.enum(['!', '.', '?']).default('!'),
    /** Pearson correlation of F (ends with the marker) and C (correct) in the pretraining corpus. */
    correlation: z.number().min(-1).max(1).default(0),
    /** P(C = 1) in the pretraining corpus. */
    correct_rate: z.number().gt(0).lt(1).default(0.5),
  })
  .strict()
  .refine(
    ({ correlation, correct_rate }) => {
      const { withCorrect, withWrong } = spuriousRates(correlation, correct_rate);
      return withCorrect >= 0 && withCorrect <= 1 && withWrong >= 0 && withWrong <= 1;
    },
    { message: 'this correlation is impossible with P(F=1) = 1/2 at this correct_rate; use correct_rate 0.5 (any correlation in [-1, 1] works)' },
  );

const singleAxis = z.enum(['form', 'difficulty', 'family', 'instance', 'none']);
/** Several axes held out at once, each with its own evaluation set (held-out accuracy by axis in the ledger). */
const combinedAxes = z.array(z.enum(['form', 'difficulty', 'family'])).min(1);
const holds = (heldout: string | string[], axis: string): boolean => (Array.isArray(heldout) ? heldout.includes(axis) : heldout === axis);

const shared = {
  heldout: z.union([singleAxis, combinedAxes]).default('form'),
  heldout_fraction: z.number().gt(0).lt(1).default(0.2),
  heldout_forms: z.array(z.enum(FORMS)).min(1).default(['instruction']),
  difficulty: z.array(level).min(1).default([1]),
  heldout_difficulty: z.array(level).min(1).default([2]),
  eval_prompts: z.number().int().positive().max(100_000).default(64),
  pretrain: z.number().int().nonnegative().default(0),
  spurious: spurious.optional(),
};

const disjointDifficulties = (p: { heldout: string | string[]; difficulty: number[]; heldout_difficulty: number[] }) =>
  !holds(p.heldout, 'difficulty') || !p.difficulty.some((d) => p.heldout_difficulty.includes(d));
const disjointMessage = { message: 'difficulty and heldout_difficulty must not overlap', path: ['heldout_difficulty'] };

export const gymParams = z
  .object({
    families: z.array(familyName).min(1).default([...FAMILY_NAMES]),
    heldout_families: z.array(familyName).min(1).optional(),
    /** Families only in the pretraining corpus, in every form and difficulty (gym-task.ts). */
    pretrain_families: z.array(familyName).default([]),
    ...shared,
  })
  .strict()
  .refine(disjointDifficulties, disjointMessage)
  .refine((p) => !holds(p.heldout, 'family') || p.families.length >= 2, { message: 'heldout: family needs at least two families', path: ['families'] })
  .refine((p) => (p.heldout_families ?? []).every((name) => p.families.includes(name)), { message: 'heldout_families must be listed in families', path: ['heldout_families'] })
  .refine((p) => !p.pretrain_families.some((name) => p.families.includes(name)), { message: 'pretrain_families must not be listed in families', path: ['pretrain_families'] });
export type GymParams = z.infer<typeof gymParams>;

export const familyParams = z
  .object({ ...shared, heldout: z.union([z.enum(['form', 'difficulty', 'instance', 'none']), z.array(z.enum(['form', 'difficulty'])).min(1)]).default('form') })
  .strict()
  .refine(disjointDifficulties, disjointMessage);
export type FamilyParams = z.infer<typeof familyParams>;

export const gymEntry: Entry<Task<string>, GymParams> = {
  name: 'gym',
  description: 'procedural task families (string answers) with surface forms, difficulty levels and a held-out axis',
  params: gymParams,
  create: (params: GymParams, context: CreateContext) => new GymTask('gym', params as GymOptions, context.seed),
};

export const gymTaskEntries: Entry<Task<string>, any>[] = [
  gymEntry,
  ...FAMILIES.map(
    (family): Entry<Task<string>, FamilyParams> => ({
      name: family.name,
      description: `${family.domain}: ${family.description}`,
      params: familyParams,
      create: (params: FamilyParams, context: CreateContext) => new GymTask(family.name, { ...params, families: [family.name] }, context.seed),
    }),
  ),
];
