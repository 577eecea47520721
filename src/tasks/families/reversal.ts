/** A random word spelled backwards. */
import type { Family } from '../gym.js';
import { LETTERS, between, byLevel, randomWord } from '../gym.js';

interface Data { word: string }

/** Word lengths and alphabets per level, shared by the letter families. */
export function levelWord(rng: Parameters<Family['generate']>[0], difficulty: number): string {
  const [low, high, alphabet] = byLevel(difficulty, [[3, 4, 'abcdef'], [5, 7, LETTERS], [8, 12, LETTERS]] as const);
  return randomWord(rng, between(rng, low, high), alphabet);
}

export const reversal: Family<Data> = {
  name: 'reversal',
  domain: 'strings',
  description: 'a word spelled backwards',
  answerKind: 'word',
  format: /^[a-z]+$/,
  multipleAnswers: false,
  generate: (rng, difficulty) => ({ word: levelWord(rng, difficulty) }),
  forms: {
    compact: ({ word }) => `reverse(${word}) =`,
    question: ({ word }) => `What is "${word}" spelled backwards?`,
    instruction: ({ word }) => `Write the letters of ${word} in reverse order.`,
  },
  answers: ({ word }) => [[...word].reverse().join('')],
};
