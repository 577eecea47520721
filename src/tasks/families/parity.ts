/** Whether a bit string has an even or odd number of ones. */
import type { Family } from '../gym.js';
import { between, byLevel, randomWord } from '../gym.js';

interface Data { bits: string }

export const parity: Family<Data> = {
  name: 'parity',
  domain: 'logic',
  description: 'the parity (even or odd) of the number of ones in a bit string',
  answerKind: 'word',
  format: /^(even|odd)$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [low, high] = byLevel(difficulty, [[3, 4], [6, 8], [10, 16]] as const);
    return { bits: randomWord(rng, between(rng, low, high), '01') };
  },
  forms: {
    compact: ({ bits }) => `parity(${bits}) =`,
    question: ({ bits }) => `Does ${bits} contain an even or an odd number of ones?`,
    instruction: ({ bits }) => `Answer even or odd: the count of 1s in ${[...bits].join(' ')}.`,
  },
  answers: ({ bits }) => [[...bits].filter((b) => b === '1').length % 2 === 0 ? 'even' : 'odd'],
};
