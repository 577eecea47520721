/** How many times a letter occurs in a string. */
import type { Family } from '../gym.js';
import { between, byLevel, pick, randomWord } from '../gym.js';

interface Data { text: string; letter: string }

export const countChar: Family<Data> = {
  name: 'count-char',
  domain: 'strings',
  description: 'the number of times a letter occurs in a string',
  answerKind: 'number',
  format: /^-?\d+$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [low, high, alphabet] = byLevel(difficulty, [[4, 6, 'ab'], [8, 12, 'abc'], [15, 20, 'abcd']] as const);
    return { text: randomWord(rng, between(rng, low, high), alphabet), letter: pick(rng, [...alphabet]) };
  },
  forms: {
    compact: ({ text, letter }) => `count(${letter}, ${text}) =`,
    question: ({ text, letter }) => `How many times does the letter "${letter}" appear in "${text}"?`,
    instruction: ({ text, letter }) => `Count the ${letter}'s in ${text}.`,
  },
  answers: ({ text, letter }) => [String([...text].filter((c) => c === letter).length)],
};
