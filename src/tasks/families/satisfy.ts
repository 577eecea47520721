/** Any assignment satisfying a small CNF formula: several acceptable answers per instance. */
import type { Family } from '../gym.js';
import { byLevel } from '../gym.js';

/** A literal: variable index and whether it is negated. */
type Literal = [number, boolean];
interface Data { variables: number; clauses: Literal[][] }

const NAMES = 'xyzw';

function satisfies({ clauses }: Data, bits: string): boolean {
  return clauses.every((clause) => clause.some(([v, negated]) => (bits[v] === '1') !== negated));
}

function allAssignments(variables: number): string[] {
  return Array.from({ length: 2 ** variables }, (_, i) => i.toString(2).padStart(variables, '0'));
}

function render(data: Data, and: string, or: string, not: string): string {
  return data.clauses.map((c) => `(${c.map(([v, n]) => (n ? not : '') + NAMES[v]).join(or)})`).join(and);
}

export const satisfy: Family<Data> = {
  name: 'satisfy',
  domain: 'logic',
  description: 'any truth assignment (bits for x y z w) satisfying a CNF formula (many answers)',
  answerKind: 'word',
  format: /^[01]+$/,
  multipleAnswers: true,
  generate(rng, difficulty) {
    const [variables, clauseCount] = byLevel(difficulty, [[2, 1], [3, 2], [4, 3]] as const);
    // Rejection: at least two and not all assignments satisfy, so the answer set is neither unique nor trivial.
    for (;;) {
      const clauses = Array.from({ length: clauseCount }, () => {
        const first = rng.int(variables);
        const second = (first + 1 + rng.int(variables - 1)) % variables;
        return [[first, rng.next() < 0.5], [second, rng.next() < 0.5]] as Literal[];
      });
      const data = { variables, clauses };
      const count = allAssignments(variables).filter((bits) => satisfies(data, bits)).length;
      if (count >= 2 && count < 2 ** variables) return data;
    }
  },
  forms: {
    compact: (d) => `sat ${render(d, '&', '|', '!')} ; ${NAMES.slice(0, d.variables)}=`,
    question: (d) => `Which values of ${[...NAMES.slice(0, d.variables)].join(', ')} make ${render(d, ' and ', ' or ', 'not ')} true? Give them as bits.`,
    instruction: (d) => `Write one bit per variable (${NAMES.slice(0, d.variables)}) so that ${render(d, ' AND ', ' OR ', '~')} holds.`,
  },
  answers: (d) => allAssignments(d.variables).filter((bits) => satisfies(d, bits)),
  accepts: (d, answer) => answer.length === d.variables && /^[01]+$/.test(answer) && satisfies(d, answer),
};
