/**
 * The shared machinery of the task gym: what a procedural family declares (domain, three
 * surface forms, difficulty levels, its answer set and membership test), answer normalisation,
 * and small sampling helpers. The Task built from a list of families is in gym-task.ts.
 */
import { InfoloopError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import { fnv1aHex } from '../core/hash.js';

export type Domain = 'arithmetic' | 'strings' | 'logic' | 'algorithms';

/** Every family renders each instance in these three surface forms, so held-out forms mean the same across families. */
export const FORMS = ['compact', 'question', 'instruction'] as const;
export type FormName = (typeof FORMS)[number];

/** Difficulty levels every family supports; larger is harder (longer inputs, bigger numbers). */
export const DIFFICULTIES = [1, 2, 3] as const;

/**
 * How an answer is normalised before it is compared (see `normalise`):
 * - `number`: an integer; a leading `+` and leading zeros are dropped (`007` → `7`, `-0` → `0`);
 * - `digits`: digits of a number in some base (0-9, a-z); leading zeros are dropped;
 * - `word`: one token; all whitespace is removed;
 * - `list`: integers separated by spaces and/or commas, rewritten as `1 2 3`.
 */
export type AnswerKind = 'number' | 'digits' | 'word' | 'list';

/** A multi-step state machine the answer is executed against (environment families). */
export interface Environment {
  /** The answer as a sequence of actions (unknown tokens are kept and end the episode when stepped). */
  parse(answer: string): string[];
  /** Back to the start state. */
  reset(): void;
  /** One action: the reward it earns and whether the episode is over. */
  step(action: string): { reward: number; done: boolean };
}

export interface Family<D = any> {
  name: string;
  domain: Domain;
  description: string;
  answerKind: AnswerKind;
  /** A regular expression a well-formed normalised answer matches (the rubric's format component). */
  format: RegExp;
  /** True when an instance has more than one acceptable answer. */
  multipleAnswers: boolean;
  /** A fresh instance at a difficulty level (1..3); the data is plain JSON. */
  generate(rng: Rng, difficulty: number): D;
  /** One renderer per surface form; all forms of an instance share its answer set. */
  forms: Record<FormName, (data: D) => string>;
  /** Every acceptable answer in canonical (normalised) form; small enough to list. */
  answers(data: D): string[];
  /** Membership test on a normalised answer, written independently of `answers` (many-answer families). */
  accepts?(data: D, answer: string): boolean;
  /** The state machine an answer is executed against, for families that are environments. */
  environment?(data: D): Environment;
}

/** Trailing punctuation that never changes an answer (so a spurious marker such as `!` is independent of correctness). */
export const IGNORED_TRAILING = /[.!?]+$/;

function normaliseInteger(token: string): string {
  const match = /^([+-]?)0*(\d+)$/.exec(token);
  if (!match) return token;
  const digits = match[2];
  return match[1] === '-' && !/^0+$/.test(digits) ? `-${digits}` : digits;
}

/**
 * The canonical form of an answer: Unicode NFKC, lower case, surrounding whitespace and trailing
 * `.`, `!`, `?` removed, then per kind (see AnswerKind).
 */
export function normalise(answer: string, kind: AnswerKind): string {
  const text = answer.normalize('NFKC').toLowerCase().trim().replace(IGNORED_TRAILING, '').trim();
  switch (kind) {
    case 'number':
      return normaliseInteger(text.replace(/\s+/g, ''));
    case 'digits': {
      const compact = text.replace(/\s+/g, '');
      return /^[0-9a-z]+$/.test(compact) ? compact.replace(/^0+(?=.)/, '') : compact;
    }
    case 'word':
      return text.replace(/\s+/g, '');
    case 'list':
      return text
        .split(/[\s,]+/)
        .filter((token) => token.length > 0)
        .map(normaliseInteger)
        .join(' ');
  }
}

/** Whether a raw answer is acceptable for an instance of a family. */
export function accepts(family: Family, data: unknown, answer: string): boolean {
  if (typeof answer !== 'string') return false;
  const canonical = normalise(answer, family.answerKind);
  if (family.accepts) return family.accepts(data, canonical);
  return family.answers(data).includes(canonical);
}

export function checkDifficulty(family: string, difficulty: number): void {
  if (!(DIFFICULTIES as readonly number[]).includes(difficulty)) {
    throw new InfoloopError('E_INPUT', `family "${family}" has no difficulty ${difficulty}`, `use one of ${DIFFICULTIES.join(', ')}`);
  }
}

/** Uniform integer in [low, high], both ends included. */
export function between(rng: Rng, low: number, high: number): number {
  return low + rng.int(high - low + 1);
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[rng.int(items.length)];
}

/** A random string of `length` characters from `alphabet`. */
export function randomWord(rng: Rng, length: number, alphabet: string): string {
  let word = '';
  for (let i = 0; i < length; i++) word += alphabet[rng.int(alphabet.length)];
  return word;
}

/** A value chosen per difficulty level (levels 1..3 index the tuple). */
export function byLevel<T>(difficulty: number, levels: readonly [T, T, T]): T {
  return levels[Math.min(Math.max(difficulty, 1), 3) - 1];
}

/** FNV-1a of a JSON value, as 8 hex digits: a short stable id for an instance. */
export function instanceHash(value: unknown): string {
  return fnv1aHex(JSON.stringify(value));
}

export const LETTERS = 'abcdefghijklmnopqrstuvwxyz';
