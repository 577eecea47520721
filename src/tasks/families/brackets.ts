/** Whether a string of brackets is balanced; half the instances are, half are not. */
import type { Family } from '../gym.js';
import { byLevel, pick, randomWord } from '../gym.js';
import type { Rng } from '../../core/rng.js';

interface Data { text: string }

const PAIRS: Record<string, string> = { ')': '(', ']': '[' };

export function balanced(text: string): boolean {
  const stack: string[] = [];
  for (const c of text) {
    if (c === '(' || c === '[') stack.push(c);
    else if (stack.pop() !== PAIRS[c]) return false;
  }
  return stack.length === 0;
}

/** A uniformly shaped balanced string of `pairs` bracket pairs over the given opening kinds. */
function balancedString(rng: Rng, pairs: number, kinds: string): string {
  let text = '';
  const stack: string[] = [];
  let opened = 0;
  while (text.length < pairs * 2) {
    const canOpen = opened < pairs;
    if (canOpen && (stack.length === 0 || rng.next() < 0.5)) {
      const open = pick(rng, [...kinds]);
      stack.push(open);
      text += open;
      opened++;
    } else {
      text += stack.pop() === '(' ? ')' : ']';
    }
  }
  return text;
}

export const brackets: Family<Data> = {
  name: 'brackets',
  domain: 'logic',
  description: 'whether a bracket string is balanced (yes or no)',
  answerKind: 'word',
  format: /^(yes|no)$/,
  multipleAnswers: false,
  generate(rng, difficulty) {
    const [pairs, kinds] = byLevel(difficulty, [[2, '('], [4, '(['], [6, '([']] as const);
    if (rng.next() < 0.5) return { text: balancedString(rng, pairs, kinds) };
    const alphabet = kinds === '(' ? '()' : '()[]';
    for (;;) {
      const text = randomWord(rng, pairs * 2, alphabet);
      if (!balanced(text)) return { text };
    }
  },
  forms: {
    compact: ({ text }) => `balanced(${text}) =`,
    question: ({ text }) => `Is the bracket string ${text} balanced?`,
    instruction: ({ text }) => `Answer yes or no: every bracket in "${[...text].join(' ')}" is properly closed.`,
  },
  answers: ({ text }) => [balanced(text) ? 'yes' : 'no'],
};
