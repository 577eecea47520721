/** a × b: one digit by one digit, two by one, two by two. */
import type { Family } from '../gym.js';
import { between, byLevel } from '../gym.js';

interface Data { a: number; b: number }

export const multiplication: Family<Data> = {
  name: 'multiplication',
  domain: 'arithmetic',
  description: 'the product of two positive integers',
  answerKind: 'number',
  format: /^-?\d+$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [[aLow, aHigh], [bLow, bHigh]] = byLevel(difficulty, [
      [[2, 9], [2, 9]],
      [[10, 99], [2, 9]],
      [[10, 99], [10, 99]],
    ] as const);
    return { a: between(rng, aLow, aHigh), b: between(rng, bLow, bHigh) };
  },
  forms: {
    compact: ({ a, b }) => `${a}*${b}=`,
    question: ({ a, b }) => `What is ${a} times ${b}?`,
    instruction: ({ a, b }) => `Multiply ${a} by ${b} and give the product.`,
  },
  answers: ({ a, b }) => [String(a * b)],
};
