/** Hand-computed answers for one instance of every family, and the grid environment's reward. */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../core/rng.js';
import { accepts, normalise } from '../gym.js';
import { FAMILIES } from './index.js';
import { gridWalk } from './grid-walk.js';

const byName = (name: string) => FAMILIES.find((family) => family.name === name)!;

// Each row: family, instance data, its answers worked out by hand, one rejected answer.
const KNOWN: [string, unknown, string[], string][] = [
  ['addition', { a: 12, b: 7 }, ['19'], '18'],
  ['multiplication', { a: 13, b: 7 }, ['91'], '81'],
  ['modular', { a: 47, m: 5 }, ['2'], '9'],
  ['base-conversion', { value: 10, base: 2 }, ['1010'], '101'],
  ['base-conversion', { value: 255, base: 16 }, ['ff'], 'f'],
  ['multiple-of', { low: 10, high: 40, k: 7 }, ['14', '21', '28', '35'], '7'],
  ['reversal', { word: 'abcd' }, ['dcba'], 'abcd'],
  ['sort-letters', { word: 'cab' }, ['abc'], 'cab'],
  ['count-char', { text: 'abaab', letter: 'a' }, ['3'], '2'],
  ['caesar', { word: 'xyz', shift: 3 }, ['abc'], 'xyz'],
  ['parity', { bits: '1101' }, ['odd'], 'even'],
  ['brackets', { text: '([)]' }, ['no'], 'yes'],
  ['brackets', { text: '([])()' }, ['yes'], 'no'],
  ['boolean', { expression: ['and', true, ['or', false, ['not', true]]] }, ['false'], 'true'],
  // (x or not y) and (y or z) over bits x y z: 011 and 010 fail the first clause, 000 and 100 the second.
  ['satisfy', { variables: 3, clauses: [[[0, false], [1, true]], [[1, false], [2, false]]] }, ['001', '101', '110', '111'], '100'],
  ['sort-list', { numbers: [5, 3, 10, 3] }, ['3 3 5 10'], '3 5 10'],
  ['reachability', { graph: { nodes: 4, edges: [[0, 1], [1, 2], [3, 0]], directed: true }, source: 0, target: 2 }, ['yes'], 'no'],
  ['reachability', { graph: { nodes: 4, edges: [[0, 1], [1, 2], [3, 0]], directed: true }, source: 2, target: 0 }, ['no'], 'yes'],
  ['shortest-path', { graph: { nodes: 5, edges: [[0, 1], [1, 2], [2, 3], [0, 4], [4, 3]], directed: false }, source: 0, target: 3 }, ['2'], '3'],
  // 3x3, wall in the centre (cell 4), from the top left (0) to the bottom right (8): around either side.
  ['grid-walk', { rows: 3, columns: 3, walls: [4], start: 0, goal: 8 }, ['ddrr', 'rrdd'], 'drdr'],
];

describe('known answers', () => {
  it.each(KNOWN)('%s %j', (name, data, answers, wrong) => {
    const family = byName(name);
    expect([...family.answers(data)].sort()).toEqual([...answers].sort());
    for (const answer of answers) expect(accepts(family, data, answer)).toBe(true);
    expect(accepts(family, data, wrong)).toBe(false);
  });

  it('covers every family', () => {
    expect(new Set(KNOWN.map(([name]) => name))).toEqual(new Set(FAMILIES.map((f) => f.name)));
  });
});

describe('normalisation', () => {
  it.each([
    ['  007 ', 'number', '7'],
    ['-0', 'number', '0'],
    ['+12.', 'number', '12'],
    ['-012', 'number', '-12'],
    ['00FF', 'digits', 'ff'],
    ['0', 'digits', '0'],
    [' Y e s !', 'word', 'yes'],
    ['1, 02,3', 'list', '1 2 3'],
    ['１２', 'number', '12'],
  ] as const)('%j as %s is %j', (raw, kind, expected) => {
    expect(normalise(raw, kind)).toBe(expected);
  });
});

describe('grid-walk environment', () => {
  const data = { rows: 3, columns: 3, walls: [4], start: 0, goal: 8 };
  const run = (answer: string) => {
    const environment = gridWalk.environment!(data);
    environment.reset();
    let total = 0;
    for (const action of environment.parse(answer)) {
      const { reward, done } = environment.step(action);
      total += reward;
      if (done) break;
    }
    return Math.round(total * 1e9) / 1e9;
  };

  it('pays 1 for a shortest path, partial progress otherwise, and penalises extra or unknown moves', () => {
    expect(run('rrdd')).toBe(1);
    expect(run('RR DD')).toBe(1);
    expect(run('rr')).toBe(0.5);
    expect(run('l')).toBe(0); // a move into the edge stays put
    expect(run('rrddu')).toBe(0); // a fifth move is beyond the budget of 4
    expect(run('rrx')).toBe(-0.5);
  });

  it('pays exactly 1 if and only if the answer verifies, on random move strings', () => {
    const rng = createRng(5);
    let successes = 0;
    for (let i = 0; i < 2000; i++) {
      const length = 3 + rng.int(3);
      const answer = Array.from({ length }, () => 'udlr'[rng.int(4)]).join('');
      const verified = accepts(gridWalk, data, answer);
      if (verified) successes++;
      expect(run(answer) === 1).toBe(verified);
    }
    expect(successes).toBeGreaterThan(0);
  });
});
