/** GSM8K: answer extraction known answers, every test and train reference verifies, splits, contract, missing files. */
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { Gsm8kTask, canonicalNumber, defaultDataDir, extractAnswer, gsm8kEntry, loadProblems, referenceAnswer } from './gsm8k.js';

const make = (params: Record<string, unknown> = {}) => gsm8kEntry.create(gsm8kEntry.params.parse(params), { seed: 1 }) as Gsm8kTask;

describe('answer extraction', () => {
  it.each([
    ['The answer is 18.', '18'],
    ['She pays $1,080 in total.', '1080'],
    ['#### 1,080', '1080'],
    ['It is 18.0', '18'],
    ['It is 18.00 dollars.', '18'],
    ['The change is -3 degrees', '-3'],
    ['The change is \u22123 degrees', '-3'],
    ['$-5 or -$5: -$5', '-5'],
    ['3.5 cups', '3.5'],
    ['5-3=2', '2'],
    ['from 1,000 to 2,500 people; 12,34', '34'],
    ['.5 of it', '0.5'],
    ['no number here', null],
    ['', null],
  ] as const)('%j → %j', (output, expected) => {
    expect(extractAnswer(output)).toBe(expected);
  });

  it('canonicalises numbers', () => {
    expect(canonicalNumber('1,080')).toBe('1080');
    expect(canonicalNumber('-0')).toBe('0');
    expect(canonicalNumber('$7.50')).toBe('7.5');
    expect(canonicalNumber('7a')).toBeNull();
    expect(referenceAnswer('work\n#### -12')).toBe('-12');
    expect(() => referenceAnswer('no marker')).toThrow(InfoloopError);
  });
});

describe('the data', () => {
  const dir = defaultDataDir();
  const test = loadProblems(dir, 'test');
  const train = loadProblems(dir, 'train');

  it('has the record counts of SOURCE.md, with integer answers', () => {
    expect(test).toHaveLength(1319);
    expect(train).toHaveLength(7473);
    for (const problem of [...test, ...train]) expect(problem.answer).toMatch(/^-?\d+$/);
    expect(test.some((p) => p.answer.startsWith('-'))).toBe(true);
  });

  it('verifies the reference solution and its final answer for every test item (and every train item)', () => {
    const task = make({ eval_prompts: 1 });
    const final = make({ eval_prompts: 1, reference: 'final' });
    for (const [file, problems] of [['test', test], ['train', train]] as const) {
      problems.forEach((problem, index) => {
        const prompt = { id: `${file}/${index}`, text: problem.question, family: 'gsm8k', data: { file, index } };
        expect(extractAnswer(problem.solution)).toBe(problem.answer);
        expect(task.verify(prompt, task.reference(prompt))).toBe(true);
        expect(final.verify(prompt, final.reference(prompt))).toBe(true);
        expect(problem.solution).not.toMatch(/<<|>>/);
      });
    }
  });
});

describe('gsm8k task', () => {
  const task = make({ eval_prompts: 20 });

  it('draws held-out prompts only from test.jsonl and train prompts only from train.jsonl', () => {
    const rng = createRng(2);
    for (let i = 0; i < 200; i++) {
      expect((task.prompt(rng, { split: 'heldout' }).data as { file: string }).file).toBe('test');
      expect((task.prompt(rng, { split: 'train' }).data as { file: string }).file).toBe('train');
    }
    expect(task.real(30, createRng(1)).every(({ prompt }) => (prompt.data as { file: string }).file === 'train')).toBe(true);
  });

  it('renders three framings of the same question with the same answer', () => {
    const prompts = (['compact', 'question', 'instruction'] as const).map((form) => task.prompt(createRng(5), { form }));
    expect(new Set(prompts.map((p) => p.text)).size).toBe(3);
    for (const p of prompts) expect(p.text).toContain(prompts[1].text);
    const reference = task.reference(prompts[0]);
    for (const p of prompts) expect(task.verify(p, reference)).toBe(true);
  });

  it('scores a wrong final number 0 and grades rubric components', () => {
    const prompt = task.prompt(createRng(3));
    const components = task.rubricComponents(prompt, task.reference(prompt));
    expect(components).toEqual({ correctness: 1, format: 1, length: 1 });
    expect(task.verify(prompt, `${task.reference(prompt)} and then 123456789`)).toBe(false);
  });

  it('says where the data should be when it is missing, and rejects malformed files', () => {
    expect(() => make({ data_dir: '/no/such/folder' })).toThrow(/cannot read GSM8K/);
    const dir = mkdtempSync(join(tmpdir(), 'gsm8k-'));
    mkdirSync(join(dir, 'gsm8k'));
    writeFileSync(join(dir, 'gsm8k', 'train.jsonl'), '{"question": "q", "answer": "a\\n#### 3"}\nnot json\n');
    writeFileSync(join(dir, 'gsm8k', 'test.jsonl'), '');
    try {
      expect(() => make({ data_dir: dir })).toThrow(/train\.jsonl:2 is not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The task contract runs over every registered task in test/contracts/registered.test.ts.
