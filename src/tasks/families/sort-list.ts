/** A list of integers in increasing order. */
import type { Family } from '../gym.js';
import { between, byLevel } from '../gym.js';

interface Data { numbers: number[] }

export const sortList: Family<Data> = {
  name: 'sort-list',
  domain: 'algorithms',
  description: 'a list of integers sorted in increasing order',
  answerKind: 'list',
  format: /^-?\d+( -?\d+)*$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [count, high] = byLevel(difficulty, [[3, 9], [5, 99], [8, 999]] as const);
    return { numbers: Array.from({ length: count }, () => between(rng, 0, high)) };
  },
  forms: {
    compact: ({ numbers }) => `sort[${numbers.join(',')}] =`,
    question: ({ numbers }) => `What is ${numbers.join(', ')} in increasing order?`,
    instruction: ({ numbers }) => `Sort these numbers from smallest to largest: ${numbers.join(' ')}`,
  },
  answers: ({ numbers }) => [[...numbers].sort((a, b) => a - b).join(' ')],
};
