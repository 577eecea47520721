/** What `infoloop tasks` shows: the family list and sample instances in every surface form with their answers. */
import { LIMITS } from '../core/limits.js';
import { InfoloopError, unknownName } from '../core/errors.js';
import { createRng } from '../core/rng.js';
import { FAMILIES } from './families/index.js';
import { FORMS, checkDifficulty, type FormName } from './gym.js';
import { defaultDataDir, loadProblems } from './gsm8k.js';

export interface CatalogEntry {
  name: string;
  domain: string;
  forms: string[];
  multiple_answers: boolean;
  description: string;
}

export interface ShownInstance {
  family: string;
  difficulty: number | null;
  forms: Record<FormName, string>;
  /** Every acceptable answer (canonical form); the first is the one `show` calls the reference. */
  answers: string[];
}

const GSM8K: CatalogEntry = { name: 'gsm8k', domain: 'math-word-problems', forms: [...FORMS], multiple_answers: false, description: 'GSM8K grade-school math word problems (final number after ####)' };

export function catalog(): CatalogEntry[] {
  return [
    ...FAMILIES.map((f) => ({ name: f.name, domain: f.domain, forms: [...FORMS], multiple_answers: f.multipleAnswers, description: f.description })),
    GSM8K,
  ];
}

const knownNames = () => catalog().map((entry) => entry.name);

/** `n` instances of a family drawn with `seed` at a difficulty, each in every surface form. */
export function showInstances(name: string, n: number, seed: number, difficulty = 1): ShownInstance[] {
  if (!Number.isInteger(n) || n < 1) throw new InfoloopError('E_INPUT', `--n must be a positive integer, got ${n}`, 'use e.g. --n 5');
  if (n > LIMITS.tasks_show) throw new InfoloopError('E_INPUT', `--n ${n} is above the limit of ${LIMITS.tasks_show} instances`, `show at most ${LIMITS.tasks_show}; for data sets, sample instances from the library (taskRegistry)`);
  if (!Number.isSafeInteger(seed)) throw new InfoloopError('E_INPUT', `--seed must be an integer, got ${seed}`, 'use e.g. --seed 1');
  const rng = createRng(seed).fork(name);
  if (name === 'gsm8k') {
    const problems = loadProblems(defaultDataDir(), 'train');
    return Array.from({ length: n }, () => {
      const problem = problems[rng.int(problems.length)];
      const forms = { compact: `Q: ${problem.question}\nA:`, question: problem.question, instruction: `Solve the following math word problem. End with the final answer as a number.\n\n${problem.question}` };
      return { family: name, difficulty: null, forms, answers: [problem.answer] };
    });
  }
  const family = FAMILIES.find((f) => f.name === name);
  if (!family) throw unknownName('task family', name, knownNames());
  checkDifficulty(name, difficulty);
  return Array.from({ length: n }, () => {
    const data = family.generate(rng, difficulty);
    const forms = Object.fromEntries(FORMS.map((form) => [form, family.forms[form](data)])) as Record<FormName, string>;
    return { family: name, difficulty, forms, answers: family.answers(data) };
  });
}

export function formatCatalog(entries: CatalogEntry[]): string {
  const width = Math.max(...entries.map((e) => e.name.length));
  const domainWidth = Math.max(...entries.map((e) => e.domain.length));
  const lines = entries.map((e) => `${e.name.padEnd(width)}  ${e.domain.padEnd(domainWidth)}  ${e.multiple_answers ? 'many' : 'one '}  ${e.description}`);
  return [`${'family'.padEnd(width)}  ${'domain'.padEnd(domainWidth)}  answers`, ...lines, '', `surface forms: ${FORMS.join(', ')}; difficulty levels 1-3`].join('\n');
}

export function formatInstances(instances: ShownInstance[]): string {
  const indent = (text: string) => text.replace(/\n/g, '\n               ');
  return instances
    .map((instance, i) => {
      const header = `${instance.family} #${i + 1}${instance.difficulty === null ? '' : ` (difficulty ${instance.difficulty})`}`;
      const forms = FORMS.map((form) => `  ${`${form}:`.padEnd(13)}${indent(instance.forms[form])}`);
      const shown = instance.answers.slice(0, 10).join(', ') + (instance.answers.length > 10 ? `, … (${instance.answers.length - 10} more)` : '');
      const answers = instance.answers.length > 1 ? `  ${'answers:'.padEnd(13)}${shown} (any of ${instance.answers.length})` : `  ${'answer:'.padEnd(13)}${shown}`;
      return [header, ...forms, answers].join('\n');
    })
    .join('\n\n');
}
