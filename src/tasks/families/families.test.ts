/**
 * Property tests every gym family passes, over many random instances at every difficulty:
 * answers are canonical and well formed, every surface form has the same answer set, harmless
 * rewrites of an answer still verify, and perturbed answers verify exactly when the enumerated
 * answer set (the oracle) contains them.
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { DIFFICULTIES, FORMS, accepts, normalise, type Family } from '../gym.js';
import { renderPrompt } from '../gym-task.js';
import { FAMILIES, FAMILY_NAMES } from './index.js';

const INSTANCES = 60;

function instances(family: Family, seed: number): { data: unknown; difficulty: number }[] {
  const rng = createRng(seed).fork(family.name);
  return DIFFICULTIES.flatMap((difficulty) => Array.from({ length: INSTANCES }, () => ({ data: family.generate(rng, difficulty), difficulty })));
}

/** Small edits of an answer: most make it wrong, some (for many-answer families) stay acceptable. */
function perturbations(answer: string): string[] {
  const edits = [answer + '1', answer + 'a', answer.slice(0, -1), answer.slice(1), `${answer} ${answer}`, ''];
  const last = answer[answer.length - 1];
  const shifted = String.fromCharCode(last.charCodeAt(0) + 1);
  edits.push(answer.slice(0, -1) + shifted, shifted + answer.slice(1));
  if (/^-?\d+$/.test(answer)) edits.push(String(Number(answer) + 1), String(Number(answer) - 1), String(-Number(answer) || 1));
  if (answer.length > 1) edits.push([...answer].reverse().join(''));
  return edits.filter((edit) => edit !== answer);
}

describe('the family list', () => {
  it('has at least 12 families in at least 4 domains, two or more with many answers, unique names', () => {
    expect(FAMILIES.length).toBeGreaterThanOrEqual(12);
    expect(new Set(FAMILIES.map((f) => f.domain)).size).toBeGreaterThanOrEqual(4);
    expect(FAMILIES.filter((f) => f.multipleAnswers).length).toBeGreaterThanOrEqual(2);
    expect(new Set(FAMILY_NAMES).size).toBe(FAMILIES.length);
  });
});

describe.each(FAMILIES.map((family) => [family.name, family] as const))('family %s', (_name, family) => {
  const all = instances(family, 1);

  it('generates the same instances under the same seed', () => {
    expect(instances(family, 1)).toEqual(all);
    expect(instances(family, 2)).not.toEqual(all);
  });

  it('lists distinct, canonical, well-formed answers that it accepts', () => {
    for (const { data } of all) {
      const answers = family.answers(data);
      expect(answers.length).toBeGreaterThan(0);
      if (!family.multipleAnswers) expect(answers).toHaveLength(1);
      expect(new Set(answers).size).toBe(answers.length);
      for (const answer of answers) {
        expect(normalise(answer, family.answerKind)).toBe(answer);
        expect(answer).toMatch(family.format);
        expect(accepts(family, data, answer)).toBe(true);
      }
    }
  });

  it('declares multiple answers exactly when some instance has several', () => {
    expect(all.some(({ data }) => family.answers(data).length > 1)).toBe(family.multipleAnswers);
  });

  it('renders three distinct surface forms of an instance that share one answer set', () => {
    for (const { data, difficulty } of all.slice(0, 40)) {
      const prompts = FORMS.map((form) => renderPrompt(family, data, form, difficulty, 'train'));
      expect(new Set(prompts.map((p) => p.text)).size).toBe(FORMS.length);
      const answerSets = prompts.map((p) => JSON.stringify(family.answers(p.data)));
      expect(new Set(answerSets).size).toBe(1);
      for (const p of prompts) for (const answer of family.answers(data)) expect(accepts(family, p.data, answer)).toBe(true);
    }
  });

  it('accepts harmless rewrites of an answer (case, spaces, trailing marker)', () => {
    for (const { data } of all) {
      const [answer] = family.answers(data);
      const rewrites = [answer.toUpperCase(), `  ${answer} `, `${answer}!`, `${answer}.`];
      if (family.answerKind === 'number' || family.answerKind === 'digits') rewrites.push(answer.startsWith('-') ? `-0${answer.slice(1)}` : `00${answer}`);
      if (family.answerKind === 'list') rewrites.push(answer.split(' ').join(', '));
      for (const rewrite of rewrites) expect(accepts(family, data, rewrite)).toBe(true);
    }
  });

  it('rejects perturbed answers unless the enumerated answer set contains them', () => {
    for (const { data } of all) {
      const answers = family.answers(data);
      let rejected = 0;
      for (const edit of perturbations(answers[0])) {
        const oracle = answers.includes(normalise(edit, family.answerKind));
        expect(accepts(family, data, edit)).toBe(oracle);
        if (!oracle) rejected++;
      }
      expect(rejected).toBeGreaterThan(0);
      expect(accepts(family, data, 42 as unknown as string)).toBe(false);
    }
  });
});
