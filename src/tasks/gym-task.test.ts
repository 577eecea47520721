/** The gym Task: contract for `gym` and every family entry, disjoint splits, evaluation against closed forms, config errors. */
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { Registry } from '../core/registry.js';
import { createRng } from '../core/rng.js';
import type { Prompt, Task } from '../core/types.js';
import { uniformLearner } from '../../test/contracts/task.js';
import { FORMS } from './gym.js';
import { gymTaskEntries } from './gym-registry.js';
import { familyByName, type GymTask } from './gym-task.js';

const registry = new Registry<Task<string>>('task');
for (const entry of gymTaskEntries) registry.register(entry);
const make = (spec: { name: string } & Record<string, unknown>, seed = 1) => registry.create(spec, { seed }) as GymTask;
const answersOf = (prompt: Prompt) => familyByName(prompt.family!)!.answers(prompt.data);
const oracle = uniformLearner(answersOf);
const halfWrong = uniformLearner((prompt) => [...answersOf(prompt), 'wrong-answer']);

// The task contract runs over every registered task in test/contracts/registered.test.ts.

describe('splits', () => {
  const draw = (task: GymTask, split: 'train' | 'heldout', n = 300) => {
    const rng = createRng(3);
    return Array.from({ length: n }, () => task.prompt(rng, { split }));
  };

  it('by form: train prompts never use a held-out form, held-out prompts only those', () => {
    const task = make({ name: 'gym', heldout: 'form', heldout_forms: ['instruction', 'question'] });
    const train = draw(task, 'train');
    const heldout = draw(task, 'heldout');
    expect(new Set(train.map((p) => p.form))).toEqual(new Set(['compact']));
    expect(new Set(heldout.map((p) => p.form))).toEqual(new Set(['instruction', 'question']));
    expect(train.every((p) => p.split === 'train') && heldout.every((p) => p.split === 'heldout')).toBe(true);
    const trainIds = new Set(train.map((p) => p.id));
    expect(heldout.some((p) => trainIds.has(p.id))).toBe(false);
  });

  it('by difficulty: the two splits use disjoint difficulty levels', () => {
    const task = make({ name: 'addition', heldout: 'difficulty', difficulty: [1, 2], heldout_difficulty: [3] });
    expect(new Set(draw(task, 'train').map((p) => p.difficulty))).toEqual(new Set([1, 2]));
    expect(new Set(draw(task, 'heldout').map((p) => p.difficulty))).toEqual(new Set([3]));
    expect(new Set(draw(task, 'train').map((p) => p.form))).toEqual(new Set(FORMS));
  });

  it('by family: held-out families never appear in training (default: the last family listed)', () => {
    const task = make({ name: 'gym', families: ['addition', 'reversal', 'parity'], heldout: 'family' });
    expect(new Set(draw(task, 'train').map((p) => p.family))).toEqual(new Set(['addition', 'reversal']));
    expect(new Set(draw(task, 'heldout').map((p) => p.family))).toEqual(new Set(['parity']));
    const chosen = make({ name: 'gym', families: ['addition', 'reversal', 'parity'], heldout: 'family', heldout_families: ['addition'] });
    expect(new Set(draw(chosen, 'heldout').map((p) => p.family))).toEqual(new Set(['addition']));
  });

  // The held-out share of fresh instances is a binomial proportion: 3.5 standard errors √(f(1−f)/N).
  it('by instance: no instance (in any form) is on both sides, and about heldout_fraction of instances are held out', () => {
    const task = make({ name: 'gym', families: ['addition', 'reversal', 'boolean'], difficulty: [2], heldout: 'instance', heldout_fraction: 0.25 });
    const key = (p: Prompt) => JSON.stringify([p.family, p.data]);
    const train = new Set(draw(task, 'train').map(key));
    const heldout = draw(task, 'heldout');
    expect(heldout.every((p) => p.split === 'heldout' && !train.has(key(p)))).toBe(true);
    expect(new Set(heldout.map((p) => p.form))).toEqual(new Set(FORMS));
    const rng = createRng(9);
    const N = 2000;
    const share = Array.from({ length: N }, () => task.prompt(rng)).filter((p) => p.split === 'heldout').length / N;
    expect(Math.abs(share - 0.25)).toBeLessThan(3.5 * Math.sqrt((0.25 * 0.75) / N));
  });

  it('labels explicitly requested forms and difficulties by the axis, and rejects unknown ones', () => {
    const task = make({ name: 'addition' });
    const rng = createRng(1);
    expect(task.prompt(rng, { split: 'train', form: 'instruction' }).split).toBe('heldout');
    expect(task.prompt(rng, { difficulty: 3 }).difficulty).toBe(3);
    expect(() => task.prompt(rng, { form: 'poem' })).toThrow(InfoloopError);
    expect(() => task.prompt(rng, { difficulty: 4 })).toThrow(InfoloopError);
  });

  it('several axes at once: train prompts avoid every held-out value, each axis set varies exactly its own axis', () => {
    const task = make({ name: 'gym', families: ['addition', 'parity', 'reversal'], heldout: ['form', 'difficulty', 'family'], difficulty: [1], heldout_difficulty: [2] });
    const train = draw(task, 'train');
    expect(train.every((p) => p.split === 'train' && p.form !== 'instruction' && p.difficulty === 1 && p.family !== 'reversal')).toBe(true);
    const heldout = draw(task, 'heldout');
    // exactly one axis is off its training values in every held-out prompt, and all three axes occur
    const off = (p: Prompt) => [p.form === 'instruction', p.difficulty === 2, p.family === 'reversal'];
    expect(heldout.every((p) => p.split === 'heldout' && off(p).filter(Boolean).length === 1)).toBe(true);
    for (const axis of [0, 1, 2]) expect(heldout.some((p) => off(p)[axis])).toBe(true);
    const evaluation = task.evaluate(halfWrong, createRng(1));
    const byAxis = (evaluation.extras as { heldout_accuracy_by_axis: Record<string, number> }).heldout_accuracy_by_axis;
    expect(Object.keys(byAxis)).toEqual(['form', 'difficulty', 'family']);
    // the union of three equal-sized sets: its accuracy is the mean of the three
    expect(evaluation.heldout_accuracy).toBeCloseTo((byAxis.form + byAxis.difficulty + byAxis.family) / 3, 12);
    expect(make({ name: 'gym', families: ['addition', 'parity'], heldout: ['form', 'family'] }).evaluate(oracle, createRng(1)).heldout_accuracy).toBe(1);
  });

  it('a single axis given as a one-element list draws the same prompts as the plain axis', () => {
    expect(draw(make({ name: 'gym', heldout: ['difficulty'] }), 'heldout', 50)).toEqual(draw(make({ name: 'gym', heldout: 'difficulty' }), 'heldout', 50));
  });

  it('real and pretraining data come from the train split', () => {
    const task = make({ name: 'gym', heldout: 'form', pretrain: 50 });
    const data = [...task.real(100, createRng(1)), ...task.initialData(createRng(2))];
    expect(data).toHaveLength(150);
    expect(data.every(({ prompt, x }) => prompt.split === 'train' && prompt.form !== 'instruction' && task.verify(prompt, x))).toBe(true);
    expect(make({ name: 'gym' }).initialData(createRng(2))).toEqual([]);
  });

  it('pretraining-only families appear in every form and listed difficulty; the others stay train-split', () => {
    const task = make({ name: 'gym', families: ['parity', 'brackets'], heldout: ['form', 'difficulty'], pretrain: 2000, pretrain_families: ['modular', 'boolean'] });
    const data = task.initialData(createRng(4));
    expect(data.every(({ prompt, x }) => task.verify(prompt, x))).toBe(true);
    const extra = data.filter(({ prompt }) => prompt.family === 'modular' || prompt.family === 'boolean');
    const own = data.filter(({ prompt }) => prompt.family === 'parity' || prompt.family === 'brackets');
    expect(extra.length + own.length).toBe(2000);
    // half the families are pretraining-only: Binomial(2000, 1/2) has sd ≈ 22, so 5 sd is ±112
    expect(Math.abs(extra.length - 1000)).toBeLessThan(112);
    expect(new Set(extra.map(({ prompt }) => prompt.form))).toEqual(new Set(FORMS));
    expect(new Set(extra.map(({ prompt }) => prompt.difficulty))).toEqual(new Set([1, 2]));
    expect(own.every(({ prompt }) => prompt.split === 'train' && prompt.form !== 'instruction' && prompt.difficulty === 1)).toBe(true);
  });
});

describe('evaluation', () => {
  it('an oracle uniform over the answer set has accuracy 1, gap 0 and entropy E[log2 |A|]', () => {
    const task = make({ name: 'gym', families: ['multiple-of', 'satisfy', 'addition'], eval_prompts: 50 });
    const evaluation = task.evaluate(oracle, createRng(1));
    expect(evaluation.accuracy).toBe(1);
    expect(evaluation.heldout_accuracy).toBe(1);
    expect(evaluation.gap_bits).toBeCloseTo(0, 12);
    const rng = createRng(1).fork('gym-eval').fork('train');
    const prompts = Array.from({ length: 50 }, () => task.prompt(rng, { split: 'train' }));
    const expected = prompts.reduce((sum, p) => sum + Math.log2(answersOf(p).length), 0) / 50;
    expect(evaluation.entropy_bits).toBeCloseTo(expected, 12);
    // a uniformly drawn reference costs log2 |A| bits under a model uniform over A
    expect(evaluation.extras?.reference_bits).toBeCloseTo(expected, 12);
  });

  // With one wrong option beside a unique answer the model puts 1/2 on the answer: gap = KL(δ_a ‖ P) = 1 bit
  // exactly, and accuracy is a binomial proportion with p = 1/2 (3.5 standard errors: 3.5·√(0.25/N)).
  it('a model with one wrong option beside a unique answer has gap 1 bit and accuracy near 1/2', () => {
    const N = 400;
    const task = make({ name: 'addition', eval_prompts: N });
    const evaluation = task.evaluate(halfWrong, createRng(2));
    expect(evaluation.gap_bits).toBeCloseTo(1, 12);
    expect(evaluation.extras?.reference_bits).toBeCloseTo(1, 12);
    expect(Math.abs(evaluation.accuracy! - 0.5)).toBeLessThan(3.5 * Math.sqrt(0.25 / N));
    expect(Math.abs(evaluation.heldout_accuracy! - 0.5)).toBeLessThan(3.5 * Math.sqrt(0.25 / N));
    expect((evaluation.extras as { accuracy_by_family: Record<string, number> }).accuracy_by_family.addition).toBeGreaterThan(0);
  });

  it('reports no held-out accuracy when nothing is held out, and the marker rate with a spurious corpus', () => {
    expect(make({ name: 'parity', heldout: 'none' }).evaluate(oracle, createRng(1)).heldout_accuracy).toBeNull();
    const marked = uniformLearner((prompt) => answersOf(prompt).map((a) => a + '!'));
    const evaluation = make({ name: 'parity', spurious: { correlation: 0.2 } }).evaluate(marked, createRng(1));
    expect(evaluation.extras?.feature_rate).toBe(1);
    expect(evaluation.accuracy).toBe(1);
  });
});

describe('configuration errors', () => {
  const code = (spec: { name: string } & Record<string, unknown>) => {
    try {
      make(spec);
    } catch (error) {
      return error instanceof InfoloopError ? `${error.code}: ${error.message} | ${error.hint}` : String(error);
    }
    return 'no error';
  };

  it('names unknown families with a suggestion and the known list', () => {
    const message = code({ name: 'gym', families: ['addition', 'additon'] });
    expect(message).toMatch(/^E_CONFIG: task\.families\.1: family "additon" is unknown; did you mean "addition"\? known: .*reversal/);
    expect(code({ name: 'reversl' })).toMatch(/^E_UNKNOWN_NAME: task "reversl" is unknown \| did you mean "reversal"\? known: /);
  });

  it('rejects unknown keys, overlapping difficulties, and impossible held-out settings', () => {
    expect(code({ name: 'addition', familes: ['x'] })).toMatch(/unknown key "familes"/);
    expect(code({ name: 'addition', families: ['addition'] })).toMatch(/unknown key "families"/);
    expect(code({ name: 'addition', heldout: 'family' })).toMatch(/^E_CONFIG: task\.heldout/);
    expect(code({ name: 'gym', families: ['addition'], heldout: 'family' })).toMatch(/two families/);
    expect(code({ name: 'gym', heldout: 'difficulty', difficulty: [1, 2], heldout_difficulty: [2] })).toMatch(/overlap/);
    expect(code({ name: 'gym', heldout: 'form', heldout_forms: [...FORMS] })).toMatch(/nothing to train on/);
    expect(code({ name: 'gym', spurious: { correlation: 1, correct_rate: 0.2 } })).toMatch(/impossible/);
    expect(code({ name: 'gym', difficulty: [0] })).toMatch(/task\.difficulty\.0/);
    expect(code({ name: 'gym', families: ['parity', 'modular'], pretrain_families: ['modular'] })).toMatch(/pretrain_families must not be listed in families/);
  });
});
