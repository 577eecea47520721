/**
 * A Task over one or more gym families: surface forms, difficulty levels and a held-out axis
 * (form, difficulty, family or instance) or several at once (any of form, difficulty, family),
 * real data, an optional spurious-feature corpus, and evaluation on fixed train and held-out prompt
 * sets. Answers are strings.
 */
import { InfoloopError } from '../core/errors.js';
import { createRng, type Rng } from '../core/rng.js';
import type { Evaluation, Learner, Prompt, PromptOptions, Split, Task, Weighted } from '../core/types.js';
import { FAMILIES } from './families/index.js';
import { FORMS, accepts, checkDifficulty, instanceHash, normalise, pick, type Environment, type Family, type FormName } from './gym.js';
import { sampleEach } from './sample-each.js';

export type HeldoutAxis = 'form' | 'difficulty' | 'family' | 'instance' | 'none';
/** The axes that can be held out together: each leaves the other two at their training values. */
export type CombinableAxis = 'form' | 'difficulty' | 'family';

/** A training corpus where a trailing marker F correlates with correctness C (see spuriousRates). */
export interface SpuriousOptions {
  marker: string;
  correlation: number;
  correct_rate: number;
}

export interface GymOptions {
  families: string[];
  /** One axis, or several (form, difficulty, family) held out together with one evaluation set each. */
  heldout: HeldoutAxis | CombinableAxis[];
  heldout_forms: FormName[];
  difficulty: number[];
  heldout_difficulty: number[];
  /** Default: the last family listed. */
  heldout_families?: string[];
  /** With heldout: instance, the fraction of instances (by a hash of the instance) held out. */
  heldout_fraction: number;
  eval_prompts: number;
  pretrain: number;
  /**
   * Families seen only in the pretraining corpus, in every surface form and at every listed
   * difficulty (training and held-out): the held-out form and difficulty become learnable, and only
   * their combination with the experiment's families stays held out. Not evaluated.
   */
  pretrain_families?: string[];
  spurious?: SpuriousOptions;
}

const BY_NAME = new Map(FAMILIES.map((family) => [family.name, family]));

export function familyByName(name: string): Family | undefined {
  return BY_NAME.get(name);
}

/**
 * P(F=1 | C=1) and P(F=1 | C=0) such that P(F=1) = 1/2 and the Pearson correlation of the 0/1
 * variables F and C is ρ when P(C=1) = π: cov = π(a − 1/2) and sd(F)·sd(C) = √(π(1−π))/2.
 */
export function spuriousRates(correlation: number, correctRate: number): { withCorrect: number; withWrong: number } {
  const pi = correctRate;
  return {
    withCorrect: 0.5 + (correlation / 2) * Math.sqrt((1 - pi) / pi),
    withWrong: 0.5 - (correlation / 2) * Math.sqrt(pi / (1 - pi)),
  };
}

export class GymTask implements Task<string> {
  readonly families: Family[];
  private readonly trainFamilies: Family[];
  private readonly heldoutFamilies: Family[];
  private readonly trainForms: FormName[];
  private readonly pretrainFamilies: Family[];
  /** The held-out axes; [] for none. */
  readonly axes: HeldoutAxis[];
  private readonly evalSets: Record<Split, Prompt[]>;
  /** With several axes: one held-out evaluation set per axis (their union is evalSets.heldout). */
  private readonly axisSets: Map<HeldoutAxis, Prompt[]>;

  constructor(readonly name: string, readonly options: GymOptions, seed: number) {
    const byName = (family: string) => {
      const found = familyByName(family);
      if (!found) throw new InfoloopError('E_UNKNOWN_NAME', `task family "${family}" is unknown`, `known: ${[...BY_NAME.keys()].join(', ')}`);
      return found;
    };
    this.families = options.families.map(byName);
    this.pretrainFamilies = (options.pretrain_families ?? []).map(byName);
    if (this.pretrainFamilies.some((family) => options.families.includes(family.name))) {
      throw new InfoloopError('E_CONFIG', `task ${name}: a pretraining-only family is also in families`, 'list each family in families or pretrain_families, not both');
    }
    if (this.pretrainFamilies.length > 0 && options.spurious) {
      throw new InfoloopError('E_CONFIG', `task ${name}: pretrain_families and spurious cannot be combined`, 'drop one of them');
    }
    this.axes = Array.isArray(options.heldout) ? [...new Set(options.heldout)] : options.heldout === 'none' ? [] : [options.heldout];
    const heldoutNames = this.axes.includes('family') ? options.heldout_families ?? [options.families[options.families.length - 1]] : [];
    this.heldoutFamilies = this.families.filter((family) => heldoutNames.includes(family.name));
    this.trainFamilies = this.families.filter((family) => !heldoutNames.includes(family.name));
    this.trainForms = this.axes.includes('form') ? FORMS.filter((form) => !options.heldout_forms.includes(form)) : [...FORMS];
    if (this.trainFamilies.length === 0 || this.trainForms.length === 0) {
      throw new InfoloopError('E_CONFIG', `task ${name}: the held-out ${this.axes.join(' and ')} leaves nothing to train on`, 'hold out fewer forms or families');
    }
    if (this.axes.includes('family') && this.heldoutFamilies.length === 0) {
      throw new InfoloopError('E_CONFIG', `task ${name}: heldout: family needs at least two families`, 'list two or more families, or choose heldout: form');
    }
    if (this.axes.length > 1 && this.axes.some((axis) => axis === 'instance' || axis === 'none')) {
      throw new InfoloopError('E_CONFIG', `task ${name}: only form, difficulty and family can be held out together`, 'use heldout: [form, difficulty, family] or a single axis');
    }
    // Fixed evaluation prompts, so accuracy differences between generations are not prompt noise.
    const evalRng = createRng(seed).fork('gym-eval');
    const evalSet = (split: Split) => {
      const rng = evalRng.fork(split);
      return Array.from({ length: options.eval_prompts }, () => this.prompt(rng, { split }));
    };
    this.axisSets = new Map();
    if (this.axes.length > 1) {
      for (const axis of this.axes) {
        const rng = evalRng.fork(`heldout-${axis}`);
        this.axisSets.set(axis, Array.from({ length: options.eval_prompts }, () => this.draw(rng, { split: 'heldout' }, axis)));
      }
    }
    this.evalSets = { train: evalSet('train'), heldout: this.axes.length > 1 ? [...this.axisSets.values()].flat() : this.axes.length ? evalSet('heldout') : [] };
  }

  /** A held-out prompt varies one axis; with several axes the axis is drawn uniformly. */
  prompt(rng: Rng, options: PromptOptions = {}): Prompt {
    const axis = options.split === 'heldout' && this.axes.length > 1 ? pick(rng, this.axes) : this.axes[0] ?? 'none';
    return this.draw(rng, options, axis);
  }

  /** A prompt whose held-out side (when options.split is heldout) lies on `axis`. */
  private draw(rng: Rng, options: PromptOptions, axis: HeldoutAxis): Prompt {
    const heldout = options.split === 'heldout' && axis !== 'none';
    const family = pick(rng, axis === 'family' && heldout ? this.heldoutFamilies : this.trainFamilies);
    const difficulty = options.difficulty ?? pick(rng, axis === 'difficulty' && heldout ? this.options.heldout_difficulty : this.options.difficulty);
    checkDifficulty(family.name, difficulty);
    const form = options.form ?? pick(rng, axis === 'form' && heldout ? this.options.heldout_forms : this.trainForms);
    if (!(FORMS as readonly string[]).includes(form)) {
      throw new InfoloopError('E_INPUT', `task ${this.name} has no surface form "${form}"`, `use one of ${FORMS.join(', ')}`);
    }
    let data = family.generate(rng, difficulty);
    // Held-out instances: redraw until the instance's hash lands on the requested side.
    for (let attempt = 0; axis === 'instance' && options.split !== undefined && this.isHeldoutInstance(family.name, data) !== heldout; attempt++) {
      if (attempt >= 10_000) {
        throw new InfoloopError('E_CONFIG', `task ${this.name}: no ${options.split} instance of ${family.name} at difficulty ${difficulty} in 10000 draws`, 'raise heldout_fraction towards 0.5, or use a harder difficulty with more instances');
      }
      data = family.generate(rng, difficulty);
    }
    return renderPrompt(family, data, form as FormName, difficulty, this.splitOf(family.name, form as FormName, difficulty, data));
  }

  /** An instance is held out when the hash of (family, data) falls below heldout_fraction; every form of it falls on the same side. */
  isHeldoutInstance(family: string, data: unknown): boolean {
    return Number.parseInt(instanceHash([family, data]), 16) / 2 ** 32 < this.options.heldout_fraction;
  }

  /** The split a prompt belongs to: held out when it is held out on any configured axis. */
  splitOf(family: string, form: FormName, difficulty: number, data: unknown): Split {
    const { heldout_forms, heldout_difficulty } = this.options;
    const outside = (axis: HeldoutAxis): boolean => {
      if (axis === 'instance') return this.isHeldoutInstance(family, data);
      if (axis === 'form') return heldout_forms.includes(form);
      if (axis === 'difficulty') return heldout_difficulty.includes(difficulty);
      if (axis === 'family') return this.heldoutFamilies.some((f) => f.name === family);
      return false;
    };
    return this.axes.some(outside) ? 'heldout' : 'train';
  }

  familyOf(prompt: Prompt): Family {
    const family = prompt.family === undefined ? undefined : familyByName(prompt.family);
    if (!family) throw new InfoloopError('E_INPUT', `prompt ${prompt.id} is not from a gym family`, 'pass prompts made by this task');
    return family;
  }

  verify(prompt: Prompt, x: string): boolean {
    return accepts(this.familyOf(prompt), prompt.data, x);
  }

  score(prompt: Prompt, x: string): number {
    return this.verify(prompt, x) ? 1 : 0;
  }

  /** A uniformly chosen acceptable answer in canonical form. */
  reference(prompt: Prompt, rng: Rng): string {
    return pick(rng, this.familyOf(prompt).answers(prompt.data));
  }

  /** The rubric's components: correctness, format (the family's answer pattern) and length (closeness to the nearest acceptable answer's length). */
  rubricComponents(prompt: Prompt, x: string): Record<string, number> {
    const family = this.familyOf(prompt);
    const canonical = typeof x === 'string' ? normalise(x, family.answerKind) : '';
    const lengths = family.answers(prompt.data).map((answer) => answer.length);
    const nearest = lengths.reduce((best, length) => (Math.abs(length - canonical.length) < Math.abs(best - canonical.length) ? length : best));
    return {
      correctness: this.verify(prompt, x) ? 1 : 0,
      format: family.format.test(canonical) ? 1 : 0,
      length: 1 - Math.min(1, Math.abs(canonical.length - nearest) / Math.max(1, nearest)),
    };
  }

  /** The state machine for environment families, undefined for the others. */
  environment(prompt: Prompt): Environment | undefined {
    return this.familyOf(prompt).environment?.(prompt.data);
  }

  /** Train-split prompts with a reference answer; with `spurious`, correct answers carry the marker with P(F=1 | C=1). */
  real(n: number, rng: Rng): Weighted<string>[] {
    const withMarker = this.options.spurious ? spuriousRates(this.options.spurious.correlation, this.options.spurious.correct_rate).withCorrect : 0;
    return Array.from({ length: n }, () => {
      const prompt = this.prompt(rng, { split: 'train' });
      const answer = this.reference(prompt, rng);
      return { prompt, x: rng.next() < withMarker ? answer + this.options.spurious!.marker : answer, weight: 1 };
    });
  }

  /**
   * `pretrain` examples fit before generation 0. Without `spurious` they are real data; with it,
   * each is correct with probability correct_rate and carries the marker with the rates of
   * spuriousRates, so that corr(F, C) on this corpus is the configured correlation.
   */
  initialData(rng: Rng): Weighted<string>[] {
    const { pretrain, spurious } = this.options;
    if (this.pretrainFamilies.length > 0) return this.pretrainMix(pretrain, rng);
    if (!spurious) return this.real(pretrain, rng);
    const rates = spuriousRates(spurious.correlation, spurious.correct_rate);
    return Array.from({ length: pretrain }, () => {
      const prompt = this.prompt(rng, { split: 'train' });
      const correct = rng.next() < spurious.correct_rate;
      const answer = correct ? this.reference(prompt, rng) : this.wrongAnswer(prompt, rng);
      const marked = rng.next() < (correct ? rates.withCorrect : rates.withWrong);
      return { prompt, x: marked ? answer + spurious.marker : answer, weight: 1 };
    });
  }

  /**
   * n pretraining examples, each from a family drawn uniformly from the training and the
   * pretraining-only families; a pretraining-only family's example takes any surface form and any
   * listed difficulty, the others are train-split real data.
   */
  private pretrainMix(n: number, rng: Rng): Weighted<string>[] {
    const share = this.pretrainFamilies.length / (this.trainFamilies.length + this.pretrainFamilies.length);
    const levels = [...new Set([...this.options.difficulty, ...this.options.heldout_difficulty])];
    return Array.from({ length: n }, () => {
      if (rng.next() >= share) return this.real(1, rng)[0];
      const family = pick(rng, this.pretrainFamilies);
      const difficulty = pick(rng, levels);
      checkDifficulty(family.name, difficulty);
      const prompt = renderPrompt(family, family.generate(rng, difficulty), pick(rng, [...FORMS]), difficulty, 'train');
      return { prompt, x: this.reference(prompt, rng), weight: 1 };
    });
  }

  /** A well-formed wrong answer: an answer to another instance of the same family that this instance rejects. */
  wrongAnswer(prompt: Prompt, rng: Rng): string {
    const family = this.familyOf(prompt);
    for (let attempt = 0; attempt < 100; attempt++) {
      const other = family.generate(rng, prompt.difficulty ?? 1);
      const candidate = pick(rng, family.answers(other));
      if (!this.verify(prompt, candidate)) return candidate;
    }
    return `${this.reference(prompt, rng)}0`; // rare fallback: a longer answer that no family accepts
  }

  evaluate(learner: Learner<string>, rng: Rng): Evaluation {
    const measure = (prompts: Prompt[], label: string) => {
      const answers = sampleEach(learner, prompts, rng.fork(`evaluate-${label}`));
      return prompts.map((prompt, i) => ({ prompt, x: answers[i], correct: this.verify(prompt, answers[i]) }));
    };
    const train = measure(this.evalSets.train, 'train');
    const heldout = measure(this.evalSets.heldout, 'heldout');
    const fraction = (items: { correct: boolean }[]) => (items.length ? items.filter((item) => item.correct).length / items.length : null);
    const byFamily: Record<string, number | null> = {};
    for (const family of this.families) byFamily[family.name] = fraction([...train, ...heldout].filter((item) => item.prompt.family === family.name));
    const extras: Record<string, unknown> = { heldout_axis: this.options.heldout, accuracy_by_family: byFamily };
    if (this.axisSets.size > 0) {
      // the union's answers, regrouped by the axis set each prompt came from (the sets are concatenated in axis order)
      const byAxis: Record<string, number | null> = {};
      let offset = 0;
      for (const [axis, prompts] of this.axisSets) {
        byAxis[axis] = fraction(heldout.slice(offset, offset + prompts.length));
        offset += prompts.length;
      }
      extras.heldout_accuracy_by_axis = byAxis;
    }
    if (this.options.spurious) {
      const marker = this.options.spurious.marker;
      extras.feature_rate = train.filter((item) => typeof item.x === 'string' && item.x.trimEnd().endsWith(marker)).length / Math.max(1, train.length);
    }
    const referenceBits = train.map(({ prompt }) => this.referenceBits(learner, prompt));
    extras.reference_bits = mean(referenceBits);
    return {
      accuracy: fraction(train),
      heldout_accuracy: fraction(heldout),
      // KL(U_A ‖ P(· | prompt)), U_A uniform over the canonical acceptable answers
      gap_bits: mean(train.map(({ prompt }, i) => referenceBits[i] - Math.log2(this.familyOf(prompt).answers(prompt.data).length))),
      // Monte Carlo estimate of the conditional entropy H(X | prompt): the mean surprisal of the model's own samples.
      entropy_bits: mean(train.map(({ prompt, x }) => -learner.logProb(prompt, x))),
      extras,
    };
  }

  /** E[−log2 P(y* | prompt)] for a reference y* drawn uniformly from the acceptable answers: what imitating one costs in bits. */
  referenceBits(learner: Learner<string>, prompt: Prompt): number {
    const answers = this.familyOf(prompt).answers(prompt.data);
    return -answers.reduce((sum, answer) => sum + learner.logProb(prompt, answer), 0) / answers.length;
  }
}

/** One instance in one surface form as a Prompt. */
export function renderPrompt(family: Family, data: unknown, form: FormName, difficulty: number, split: Split): Prompt {
  return {
    id: `${family.name}/${form}/${difficulty}/${instanceHash(data)}`,
    text: family.forms[form](data),
    family: family.name,
    domain: family.domain,
    form,
    difficulty,
    split,
    data,
  };
}

function mean(values: number[]): number | null {
  return values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
}
