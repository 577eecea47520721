/**
 * GSM8K grade-school math (Cobbe et al. 2021; the package's copy in data/gsm8k, see its
 * SOURCE.md). Prompts are questions in three surface forms; answers are solution texts whose
 * final number is compared with the reference after `#### `. train.jsonl is the train split,
 * test.jsonl is only ever the held-out split.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import { packageDataDir } from '../core/package-data.js';
import type { CreateContext, Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { Evaluation, Learner, Prompt, PromptOptions, Split, Task, Weighted } from '../core/types.js';
import { createRng } from '../core/rng.js';
import { FORMS, pick, type FormName } from './gym.js';
import { sampleEach } from './sample-each.js';

export interface Problem {
  question: string;
  /** The worked solution with calculator annotations `<<...>>` removed, ending in `#### N`. */
  solution: string;
  /** The final answer in canonical form (see canonicalNumber). */
  answer: string;
}

const FRAMINGS: Record<FormName, (question: string) => string> = {
  compact: (q) => `Q: ${q}\nA:`,
  question: (q) => q,
  instruction: (q) => `Solve the following math word problem. End with the final answer as a number.\n\n${q}`,
};

/** `1,080` → `1080`, `18.0` → `18`, `-3.50` → `-3.5`; null when the text is not a number. */
export function canonicalNumber(text: string): string | null {
  const plain = text.replace(/[,$\s]/g, '');
  if (!/^-?(\d+(\.\d*)?|\.\d+)$/.test(plain)) return null;
  const value = Number(plain);
  return Object.is(value, -0) ? '0' : String(value);
}

// Thousands groups must have three digits, so "1,080" is one number and "3,4" two.
const NUMBER = /-?\$?\s?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|-?\$?\.\d+/g;

/** The final answer of a model output: the last number in it (commas, `$`, trailing `.0`, signs handled). */
export function extractAnswer(output: string): string | null {
  const text = output.normalize('NFKC').replace(/\u2212/g, '-');
  const matches = text.match(NUMBER);
  return matches ? canonicalNumber(matches[matches.length - 1]) : null;
}

/** The reference answer: the text after the last `\n#### ` of a GSM8K answer field. */
export function referenceAnswer(answerField: string): string {
  const parts = answerField.split('\n#### ');
  const answer = parts.length > 1 ? canonicalNumber(parts[parts.length - 1].trim()) : null;
  if (answer === null) throw new InfoloopError('E_IO', `GSM8K answer has no "#### <number>" line: ${answerField.slice(-60)}`, 'use the unmodified GSM8K files');
  return answer;
}

/** The folder holding gsm8k/{train,test}.jsonl by default: the package's own data/ folder. */
export const defaultDataDir = (): string => packageDataDir();

const cache = new Map<string, Problem[]>();

export function loadProblems(dataDir: string, split: 'train' | 'test'): Problem[] {
  const path = resolve(dataDir, 'gsm8k', `${split}.jsonl`);
  const cached = cache.get(path);
  if (cached) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InfoloopError('E_IO', `cannot read GSM8K ${split} file ${path}`, 'set task.data_dir to the folder that holds gsm8k/train.jsonl and gsm8k/test.jsonl');
  }
  const problems = text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line, index) => {
      let record: { question?: unknown; answer?: unknown };
      try {
        record = JSON.parse(line);
      } catch {
        throw new InfoloopError('E_IO', `${path}:${index + 1} is not JSON`, 'use the unmodified GSM8K files');
      }
      if (typeof record.question !== 'string' || typeof record.answer !== 'string') {
        throw new InfoloopError('E_IO', `${path}:${index + 1} lacks string "question" and "answer"`, 'use the unmodified GSM8K files');
      }
      return { question: record.question, solution: record.answer.replace(/<<[^>]*>>/g, ''), answer: referenceAnswer(record.answer) };
    });
  cache.set(path, problems);
  return problems;
}

const params = z
  .object({
    /** Folder holding gsm8k/{train,test}.jsonl; relative paths are resolved from the working directory. */
    data_dir: z.string().optional(),
    forms: z.array(z.enum(FORMS)).min(1).default([...FORMS]),
    /** What `reference` and real data answer with: the worked solution or only `#### N`. */
    reference: z.enum(['solution', 'final']).default('solution'),
    eval_prompts: z.number().int().positive().default(64),
    pretrain: z.number().int().nonnegative().default(0),
  })
  .strict();
export type Gsm8kParams = z.infer<typeof params>;

export class Gsm8kTask implements Task<string> {
  readonly name = 'gsm8k';
  readonly problems: Record<'train' | 'test', Problem[]>;
  private readonly evalSets: Record<Split, Prompt[]>;

  constructor(readonly params: Gsm8kParams, seed: number) {
    const dataDir = params.data_dir ? resolve(params.data_dir) : defaultDataDir();
    this.problems = { train: loadProblems(dataDir, 'train'), test: loadProblems(dataDir, 'test') };
    const evalRng = createRng(seed).fork('gsm8k-eval');
    const evalSet = (split: Split) => Array.from({ length: params.eval_prompts }, () => this.prompt(evalRng, { split }));
    this.evalSets = { train: evalSet('train'), heldout: evalSet('heldout') };
  }

  /** A random problem of the split (train.jsonl, or test.jsonl for `heldout`) in one of the configured forms. */
  prompt(rng: Rng, options: PromptOptions = {}): Prompt {
    const split: Split = options.split === 'heldout' ? 'heldout' : 'train';
    const file = split === 'heldout' ? 'test' : 'train';
    const index = rng.int(this.problems[file].length);
    const form = options.form ?? pick(rng, this.params.forms);
    if (!(FORMS as readonly string[]).includes(form)) {
      throw new InfoloopError('E_INPUT', `gsm8k has no surface form "${form}"`, `use one of ${FORMS.join(', ')}`);
    }
    const problem = this.problems[file][index];
    return { id: `gsm8k/${file}/${index}/${form}`, text: FRAMINGS[form as FormName](problem.question), family: 'gsm8k', domain: 'math-word-problems', form, split, data: { file, index } };
  }

  private problemOf(prompt: Prompt): Problem {
    const data = prompt.data as { file?: 'train' | 'test'; index?: number } | undefined;
    const problem = data?.file && data.index !== undefined ? this.problems[data.file]?.[data.index] : undefined;
    if (prompt.family !== 'gsm8k' || !problem) throw new InfoloopError('E_INPUT', `prompt ${prompt.id} is not a GSM8K prompt`, 'pass prompts made by the gsm8k task');
    return problem;
  }

  verify(prompt: Prompt, x: string): boolean {
    const problem = this.problemOf(prompt);
    return typeof x === 'string' && extractAnswer(x) === problem.answer;
  }

  score(prompt: Prompt, x: string): number {
    return this.verify(prompt, x) ? 1 : 0;
  }

  reference(prompt: Prompt): string {
    const problem = this.problemOf(prompt);
    return this.params.reference === 'solution' ? problem.solution : `#### ${problem.answer}`;
  }

  /** Components for the rubric signal: correctness, format (ends with a `#### N` line), length (closeness to the reference solution's length). */
  rubricComponents(prompt: Prompt, x: string): Record<string, number> {
    const reference = this.problemOf(prompt).solution.length;
    const text = typeof x === 'string' ? x : '';
    return {
      correctness: this.verify(prompt, x) ? 1 : 0,
      format: /####\s*-?[\d,.$]+\s*$/.test(text) ? 1 : 0,
      length: 1 - Math.min(1, Math.abs(text.length - reference) / reference),
    };
  }

  real(n: number, rng: Rng): Weighted<string>[] {
    return Array.from({ length: n }, () => {
      const prompt = this.prompt(rng, { split: 'train' });
      return { prompt, x: this.reference(prompt), weight: 1 };
    });
  }

  initialData(rng: Rng): Weighted<string>[] {
    return this.real(this.params.pretrain, rng);
  }

  evaluate(learner: Learner<string>, rng: Rng): Evaluation {
    const accuracy = (prompts: Prompt[], label: string) => {
      const answers = sampleEach(learner, prompts, rng.fork(`evaluate-${label}`));
      const samples = prompts.map((prompt, i) => ({ prompt, x: answers[i] }));
      return { fraction: samples.filter(({ prompt, x }) => this.verify(prompt, x)).length / samples.length, samples };
    };
    const train = accuracy(this.evalSets.train, 'train');
    const heldout = accuracy(this.evalSets.heldout, 'heldout');
    const surprisal = train.samples.reduce((sum, { prompt, x }) => sum - learner.logProb(prompt, x), 0) / train.samples.length;
    return { accuracy: train.fraction, heldout_accuracy: heldout.fraction, entropy_bits: surprisal, extras: {} };
  }
}

export const gsm8kEntry: Entry<Task<string>, Gsm8kParams> = {
  name: 'gsm8k',
  description: 'GSM8K math word problems (train.jsonl trains, test.jsonl is held out); answer = last number of the output',
  params,
  create: (p: Gsm8kParams, context: CreateContext) => new Gsm8kTask(p, context.seed),
};
