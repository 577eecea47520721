import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import type { Learner } from '../core/types.js';
import { NgramLearner } from '../learners/ngram.js';
import { DEFAULT_TEXT_PATH, distinctFraction, TextTask, textTaskEntry } from './text.js';

const folder = mkdtempSync(join(tmpdir(), 'infoloop-text-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));
const smallPath = join(folder, 'small.txt');
// 10 lines of 40 characters: 400 characters, ASCII only
const small = Array.from({ length: 10 }, (_, i) => `line ${i}: the cat sat on the mat again.`.padEnd(39, '.') + '\n').join('');
writeFileSync(smallPath, small);
const make = (options: Record<string, unknown> = {}): TextTask => textTaskEntry.create(textTaskEntry.params.parse({ path: smallPath, sample_chars: 32, ...options }), { seed: 1 });

describe('text task', () => {
  it('splits the file: the first train_fraction trains, the rest is held out', () => {
    const task = make({ train_fraction: 0.75 });
    expect(task.train).toBe(small.slice(0, 300));
    expect(task.heldout).toBe(small.slice(300));
  });

  it('gives the training part as ordered chunks and real data as random training chunks', () => {
    const task = make();
    const chunks = task.initialData();
    expect(chunks.map((c) => c.x).join('')).toBe(task.train);
    expect(chunks.slice(0, -1).every((c) => c.x.length === 32 && c.weight === 1 && c.prompt.text === '')).toBe(true);
    const real = task.real(50, createRng(4));
    expect(real.every((r) => r.x.length === 32 && task.train.includes(r.x))).toBe(true);
    expect(task.real(50, createRng(4))).toEqual(real);
    expect(task.prompt()).toMatchObject({ text: '', data: { max_chars: 32, min_chars: 32 } });
    expect(task.verify()).toBe(true);
  });

  it('an untrained n-gram has held-out cross-entropy 8 bits/char on ASCII text and samples exactly sample_chars', () => {
    const evaluation = make({ eval_samples: 3 }).evaluate(new NgramLearner({ order: 3 }), createRng(1));
    // uniform over 256 bytes and EOS; a running text goes on, so EOS's share is renormalised away
    expect(evaluation.gap_bits).toBeCloseTo(8, 10);
    expect(evaluation.extras?.sample_chars_mean).toBe(32);
    expect(evaluation.extras?.heldout_chars).toBe(40);
  });

  it('fitting the training part lowers the gap; evaluation is deterministic under a seed', () => {
    const task = make({ eval_samples: 5 });
    const learner = new NgramLearner({ order: 4 });
    learner.fit(task.initialData(), createRng(1));
    const first = task.evaluate(learner, createRng(2));
    expect(first.gap_bits!).toBeLessThan(3);
    expect(first.entropy_bits!).toBeGreaterThan(0);
    expect(first.extras?.bits_per_char_train as number).toBeLessThan(first.gap_bits!);
    expect(task.evaluate(learner, createRng(2))).toEqual(first);
  });

  it('caps evaluation at eval_chars', () => {
    const evaluation = make({ eval_chars: 7, eval_samples: 0 }).evaluate(new NgramLearner({ order: 2 }), createRng(1));
    expect(evaluation.extras?.heldout_chars).toBe(7);
    expect(evaluation.entropy_bits).toBeNull();
  });

  it('reports a missing file and a learner without textBits as InfoloopErrors with hints', () => {
    const missing = (): unknown => make({ path: join(folder, 'nope.txt') });
    expect(missing).toThrow(InfoloopError);
    expect(missing).toThrow(/cannot read/);
    const categorical = { name: 'categorical' } as unknown as Learner<string>;
    expect(() => make().evaluate(categorical, createRng(1))).toThrow(InfoloopError);
    expect(() => make({ sample_chars: 1000 })).toThrow(InfoloopError);
    expect(textTaskEntry.params.safeParse({ train_fraction: 1 }).success).toBe(false);
    expect(textTaskEntry.params.safeParse({ fraction: 0.5 }).success).toBe(false);
  });

  it('finds tinyshakespeare in the package\'s own data folder by default', () => {
    expect(DEFAULT_TEXT_PATH.endsWith(join('data', 'tinyshakespeare', 'input.txt'))).toBe(true);
    expect(DEFAULT_TEXT_PATH.includes(join('..', 'shared'))).toBe(false);
    const task = textTaskEntry.create(textTaskEntry.params.parse({}), { seed: 1 });
    expect(task.train.length + task.heldout.length).toBe(1_115_394);
    expect(task.train.length).toBe(Math.floor(1_115_394 * 0.9));
  });

  it('computes distinct-n by hand', () => {
    // "abcab" has 4-grams abca, bcab; "abca" one more abca → 2 distinct of 3
    expect(distinctFraction(['abcab', 'abca'], 4)).toBeCloseTo(2 / 3, 15);
    expect(distinctFraction(['ab'], 4)).toBeNull();
  });
});
