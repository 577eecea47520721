/** Evaluate a boolean expression over true/false with and, or, not; each form uses another notation. */
import type { Family } from '../gym.js';
import { byLevel, pick } from '../gym.js';
import type { Rng } from '../../core/rng.js';

export type Expression = boolean | ['not', Expression] | ['and' | 'or', Expression, Expression];

interface Data { expression: Expression }

function randomExpression(rng: Rng, depth: number): Expression {
  if (depth === 0) return rng.next() < 0.5;
  if (rng.next() < 0.2) return ['not', randomExpression(rng, depth - 1)];
  const leftDepth = depth - 1;
  const rightDepth = rng.int(depth);
  const [left, right] = rng.next() < 0.5 ? [leftDepth, rightDepth] : [rightDepth, leftDepth];
  return [pick(rng, ['and', 'or'] as const), randomExpression(rng, left), randomExpression(rng, right)];
}

export function evaluateExpression(e: Expression): boolean {
  if (typeof e === 'boolean') return e;
  if (e[0] === 'not') return !evaluateExpression(e[1]);
  return e[0] === 'and' ? evaluateExpression(e[1]) && evaluateExpression(e[2]) : evaluateExpression(e[1]) || evaluateExpression(e[2]);
}

function infix(e: Expression, words: boolean): string {
  if (typeof e === 'boolean') return words ? String(e) : e ? 'T' : 'F';
  const wrap = (x: Expression) => (typeof x === 'boolean' || x[0] === 'not' ? infix(x, words) : `(${infix(x, words)})`);
  if (e[0] === 'not') return words ? `not ${wrap(e[1])}` : `!${wrap(e[1])}`;
  const op = words ? ` ${e[0]} ` : e[0] === 'and' ? ' & ' : ' | ';
  return `${wrap(e[1])}${op}${wrap(e[2])}`;
}

function prefix(e: Expression): string {
  if (typeof e === 'boolean') return e ? 'T' : 'F';
  return `(${e[0]} ${e.slice(1).map((x) => prefix(x as Expression)).join(' ')})`;
}

export const boolean: Family<Data> = {
  name: 'boolean',
  domain: 'logic',
  description: 'the value of a boolean expression with and, or, not',
  answerKind: 'word',
  format: /^(true|false)$/,
  multipleAnswers: false,
  generate: (rng, difficulty) => ({ expression: randomExpression(rng, byLevel(difficulty, [1, 2, 3] as const)) }),
  forms: {
    compact: ({ expression }) => `${infix(expression, false)} =`,
    question: ({ expression }) => `Is "${infix(expression, true)}" true or false?`,
    instruction: ({ expression }) => `Evaluate the expression ${prefix(expression)} and answer true or false.`,
  },
  answers: ({ expression }) => [String(evaluateExpression(expression))],
};
