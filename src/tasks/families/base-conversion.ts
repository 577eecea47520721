/** A decimal number written in another base (digits 0-9 then a-f). */
import type { Family } from '../gym.js';
import { between, byLevel } from '../gym.js';

interface Data { value: number; base: number }

export const baseConversion: Family<Data> = {
  name: 'base-conversion',
  domain: 'arithmetic',
  description: 'a decimal number rewritten in base 2 to 16',
  answerKind: 'digits',
  format: /^[0-9a-f]+$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [high, [baseLow, baseHigh]] = byLevel(difficulty, [[15, [2, 2]], [63, [2, 8]], [255, [2, 16]]] as const);
    return { value: between(rng, 0, high), base: between(rng, baseLow, baseHigh) };
  },
  forms: {
    compact: ({ value, base }) => `${value} -> base ${base}:`,
    question: ({ value, base }) => `How is the decimal number ${value} written in base ${base}?`,
    instruction: ({ value, base }) => `Convert ${value} from base 10 to base ${base}.`,
  },
  answers: ({ value, base }) => [value.toString(base)],
};
