/**
 * A learner with two skills that differ in how simple they are to learn (claim 4).
 *
 * Each answer comes from one of two modes. With probability h (the shortcut skill) the model emits
 * the surface feature without doing the task: a uniform number in 0..R−1 written with the feature
 * ("n!" or "n n"). Otherwise it solves "a + b =": the right sum with probability s (the correct
 * skill), else a uniform wrong number, written plainly ("n.") — or, with a small base rate ρ, with
 * the feature, so the feature is not the mode itself. log-probabilities are the exact mixture.
 *
 * Training is moment matching with a rate per skill: from the batch, the shortcut share h* (each
 * example's posterior probability of the shortcut mode) and the solve-mode accuracy s*, then
 * h ← h + η_F (h* − h) and s ← s + η_C (s* − s). η is how far one generation of evidence moves a
 * skill; a skill that takes fewer bits to describe (a final character vs an addition algorithm)
 * is learned at a higher rate — that is what "simpler to learn" means here, stated as parameters.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { FitStats, Learner, Prompt, Snapshot, Weighted } from '../core/types.js';
import { checkBatch, checkCount, checkSnapshot } from './validate.js';

const params = z
  .object({
    feature: z.enum(['final-char', 'repeat']).default('final-char'),
    correct_rate: z.number().min(0).max(1).default(0.1),
    feature_rate: z.number().min(0).max(1).default(0.5),
    solve: z.number().min(0).max(1).default(0.3),
    shortcut: z.number().min(0).max(1).default(0.1),
    feature_base: z.number().min(0).max(1).default(0.05),
    numbers: z.number().int().min(2).default(99),
  })
  .strict();
export type TwoSkillParams = z.infer<typeof params>;

/** Skills stay inside [ε, 1 − ε] so every answer keeps a finite log-probability. */
const EPSILON = 1e-6;
const clamp = (p: number): number => Math.min(1 - EPSILON, Math.max(EPSILON, p));

interface Parsed {
  value: number;
  withFeature: boolean;
}

export class TwoSkillLearner implements Learner<string> {
  readonly name = 'two-skill';
  shortcut: number;
  solve: number;

  constructor(readonly params: TwoSkillParams) {
    this.shortcut = clamp(params.shortcut);
    this.solve = clamp(params.solve);
  }

  private sum(prompt: Prompt): number {
    const match = /(\d+)\s*\+\s*(\d+)/.exec(prompt.text);
    if (!match) throw new InfoloopError('E_INPUT', `two-skill learner cannot read "${prompt.text}" as "a + b ="`, 'use it with task shortcut-arith');
    return Number(match[1]) + Number(match[2]);
  }

  private render(value: number, withFeature: boolean): string {
    if (!withFeature) return `${value}.`;
    return this.params.feature === 'final-char' ? `${value}!` : `${value} ${value}`;
  }

  private parse(x: string): Parsed | null {
    const plain = /^(\d+)\.$/.exec(x);
    if (plain) return { value: Number(plain[1]), withFeature: false };
    const featured = this.params.feature === 'final-char' ? /^(\d+)!$/.exec(x) : /^(\d+) \1$/.exec(x);
    return featured ? { value: Number(featured[1]), withFeature: true } : null;
  }

  private wrongNumber(answer: number, rng: Rng): number {
    const k = rng.int(this.params.numbers - 1);
    return k >= answer ? k + 1 : k;
  }

  sample(prompt: Prompt, n: number, rng: Rng): string[] {
    checkCount(n, this.name);
    const answer = this.sum(prompt);
    return Array.from({ length: n }, () => {
      if (rng.next() < this.shortcut) return this.render(rng.int(this.params.numbers), true);
      const value = rng.next() < this.solve ? answer : this.wrongNumber(answer, rng);
      return this.render(value, rng.next() < this.params.feature_base);
    });
  }

  /** The two modes' probabilities of x (shortcut, solve); both 0 for strings the model cannot write. */
  private modeProbs(prompt: Prompt, x: string): [number, number] {
    const parsed = this.parse(x);
    const R = this.params.numbers;
    if (!parsed || parsed.value >= R) return [0, 0];
    const shortcut = parsed.withFeature ? this.shortcut / R : 0;
    const value = parsed.value === this.sum(prompt) ? this.solve : (1 - this.solve) / (R - 1);
    const rendering = parsed.withFeature ? this.params.feature_base : 1 - this.params.feature_base;
    return [shortcut, (1 - this.shortcut) * value * rendering];
  }

  logProb(prompt: Prompt, x: string): number {
    const [a, b] = this.modeProbs(prompt, x);
    return Math.log2(a + b);
  }

  fit(batch: Weighted<string>[], _rng: Rng): FitStats {
    checkBatch(batch, this.name, (x) => typeof x === 'string', 'a string');
    let total = 0;
    let shortcutWeight = 0;
    let solveWeight = 0;
    let solveCorrect = 0;
    for (const { prompt, x, weight } of batch) {
      const [a, b] = this.modeProbs(prompt, x);
      if (weight === 0 || a + b === 0) continue; // strings this model cannot write teach it nothing
      const responsibility = a / (a + b);
      total += weight;
      shortcutWeight += weight * responsibility;
      solveWeight += weight * (1 - responsibility);
      if (this.parse(x)!.value === this.sum(prompt)) solveCorrect += weight * (1 - responsibility);
    }
    if (total === 0) return { examples: 0 };
    this.shortcut = clamp(this.shortcut + this.params.feature_rate * (shortcutWeight / total - this.shortcut));
    if (solveWeight > 0) this.solve = clamp(this.solve + this.params.correct_rate * (solveCorrect / solveWeight - this.solve));
    return { examples: batch.length, shortcut: this.shortcut, solve: this.solve };
  }

  snapshot(): Snapshot {
    return { learner: this.name, json: { shortcut: this.shortcut, solve: this.solve } };
  }

  restore(snapshot: Snapshot): void {
    checkSnapshot(snapshot.learner, this.name);
    const state = snapshot.json as { shortcut?: unknown; solve?: unknown };
    if (typeof state.shortcut !== 'number' || typeof state.solve !== 'number') {
      throw new InfoloopError('E_RESUME', 'two-skill snapshot lacks its shortcut and solve skills', 'restore a snapshot saved by the two-skill learner');
    }
    this.shortcut = state.shortcut;
    this.solve = state.solve;
  }
}

export const twoSkillEntry: Entry<Learner<string>, TwoSkillParams> = {
  name: 'two-skill',
  description: 'shortcut skill (emit the surface feature) vs solve skill (add), each learned at its own rate',
  params,
  create: (p) => new TwoSkillLearner(p),
};
