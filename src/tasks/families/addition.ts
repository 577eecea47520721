/** a + b with operands of 1, 2 or 3 digits. */
import type { Family } from '../gym.js';
import { between, byLevel } from '../gym.js';

interface Data { a: number; b: number }

export const addition: Family<Data> = {
  name: 'addition',
  domain: 'arithmetic',
  description: 'the sum of two non-negative integers',
  answerKind: 'number',
  format: /^-?\d+$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [low, high] = byLevel(difficulty, [[0, 9], [10, 99], [100, 999]] as const);
    return { a: between(rng, low, high), b: between(rng, low, high) };
  },
  forms: {
    compact: ({ a, b }) => `${a}+${b}=`,
    question: ({ a, b }) => `What is ${a} plus ${b}?`,
    instruction: ({ a, b }) => `Compute: (${a})+(${b})`,
  },
  answers: ({ a, b }) => [String(a + b)],
};
