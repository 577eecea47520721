/** a mod m, the remainder in [0, m). */
import type { Family } from '../gym.js';
import { between, byLevel } from '../gym.js';

interface Data { a: number; m: number }

export const modular: Family<Data> = {
  name: 'modular',
  domain: 'arithmetic',
  description: 'the remainder of a non-negative integer divided by a modulus',
  answerKind: 'number',
  format: /^-?\d+$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [aHigh, mHigh] = byLevel(difficulty, [[29, 5], [199, 12], [1999, 30]] as const);
    return { a: between(rng, 0, aHigh), m: between(rng, 2, mHigh) };
  },
  forms: {
    compact: ({ a, m }) => `${a} mod ${m} =`,
    question: ({ a, m }) => `What is the remainder when ${a} is divided by ${m}?`,
    instruction: ({ a, m }) => `Compute ${a} % ${m}.`,
  },
  answers: ({ a, m }) => [String(a % m)],
};
