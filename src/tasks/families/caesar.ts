/** A word with every letter shifted forward in the alphabet (Caesar cipher, wrapping z → a). */
import type { Family } from '../gym.js';
import { between, byLevel } from '../gym.js';
import { levelWord } from './reversal.js';

interface Data { word: string; shift: number }

export function shiftWord(word: string, shift: number): string {
  return [...word].map((c) => String.fromCharCode(97 + ((c.charCodeAt(0) - 97 + shift) % 26))).join('');
}

export const caesar: Family<Data> = {
  name: 'caesar',
  domain: 'strings',
  description: 'a word copied with each letter shifted k places (Caesar cipher)',
  answerKind: 'word',
  format: /^[a-z]+$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const maxShift = byLevel(difficulty, [3, 12, 25] as const);
    return { word: levelWord(rng, difficulty), shift: between(rng, 1, maxShift) };
  },
  forms: {
    compact: ({ word, shift }) => `shift(${word}, ${shift}) =`,
    question: ({ word, shift }) => `What is "${word}" with every letter moved ${shift} places later in the alphabet?`,
    instruction: ({ word, shift }) => `Apply a Caesar shift of ${shift} to ${word}.`,
  },
  answers: ({ word, shift }) => [shiftWord(word, shift)],
};
