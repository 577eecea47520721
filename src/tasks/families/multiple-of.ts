/** Any number in a range divisible by k: many acceptable answers, so coarse and instance-level supervision differ. */
import type { Family } from '../gym.js';
import { between, byLevel } from '../gym.js';

interface Data { low: number; high: number; k: number }

export const multipleOf: Family<Data> = {
  name: 'multiple-of',
  domain: 'arithmetic',
  description: 'any integer in a range that is divisible by k (many answers)',
  answerKind: 'number',
  format: /^-?\d+$/,
  multipleAnswers: true,
  generate(rng, difficulty) {
    const [[kLow, kHigh], low, high] = byLevel(difficulty, [[[2, 5], 10, 40], [[3, 9], 10, 99], [[7, 19], 100, 999]] as const);
    return { low, high, k: between(rng, kLow, kHigh) };
  },
  forms: {
    compact: ({ low, high, k }) => `x in [${low},${high}], ${k} | x. x=`,
    question: ({ low, high, k }) => `Which number between ${low} and ${high} is divisible by ${k}?`,
    instruction: ({ low, high, k }) => `Give any multiple of ${k} from ${low} to ${high}.`,
  },
  answers({ low, high, k }) {
    const multiples: string[] = [];
    for (let x = Math.ceil(low / k) * k; x <= high; x += k) multiples.push(String(x));
    return multiples;
  },
  accepts({ low, high, k }, answer) {
    if (!/^-?\d+$/.test(answer)) return false;
    const x = Number(answer);
    return x >= low && x <= high && x % k === 0;
  },
};
