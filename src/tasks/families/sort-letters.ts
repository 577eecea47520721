/** The letters of a word in alphabetical order. */
import type { Family } from '../gym.js';
import { levelWord } from './reversal.js';

interface Data { word: string }

export const sortLetters: Family<Data> = {
  name: 'sort-letters',
  domain: 'strings',
  description: 'the letters of a word sorted alphabetically',
  answerKind: 'word',
  format: /^[a-z]+$/,
  multipleAnswers: false,
  generate: (rng, difficulty) => ({ word: levelWord(rng, difficulty) }),
  forms: {
    compact: ({ word }) => `sort(${word}) =`,
    question: ({ word }) => `What are the letters of "${word}" in alphabetical order?`,
    instruction: ({ word }) => `Sort the letters of ${word} from a to z.`,
  },
  answers: ({ word }) => [[...word].sort().join('')],
};
