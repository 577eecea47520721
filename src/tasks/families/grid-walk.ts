/**
 * Walk from S to G on a small grid with walls using moves u, d, l, r. Acceptable answers are
 * exactly the shortest move sequences (several per instance). The instance is also an
 * environment: each move earns (distance before − distance after) / shortest distance, so a
 * shortest path totals exactly 1; a move beyond the budget or an unknown move earns −1 and ends
 * the episode. Hence reward 1 ⇔ the answer verifies.
 */
import type { Environment, Family } from '../gym.js';
import { byLevel } from '../gym.js';

interface Data { rows: number; columns: number; walls: number[]; start: number; goal: number }

const MOVES: Record<string, [number, number]> = { u: [-1, 0], d: [1, 0], l: [0, -1], r: [0, 1] };

/** The cell reached by one move; moves into a wall or off the grid stay put. */
export function move(data: Data, cell: number, action: string): number {
  const [dRow, dColumn] = MOVES[action];
  const row = Math.floor(cell / data.columns) + dRow;
  const column = (cell % data.columns) + dColumn;
  if (row < 0 || row >= data.rows || column < 0 || column >= data.columns) return cell;
  const next = row * data.columns + column;
  return data.walls.includes(next) ? cell : next;
}

/** Breadth-first distance of every cell to the goal (Infinity for walls and cut-off cells). */
export function goalDistances(data: Data): number[] {
  const distance = new Array<number>(data.rows * data.columns).fill(Infinity);
  distance[data.goal] = 0;
  const queue = [data.goal];
  for (let head = 0; head < queue.length; head++) {
    for (const action of Object.keys(MOVES)) {
      const next = move(data, queue[head], action);
      if (distance[next] === Infinity) {
        distance[next] = distance[queue[head]] + 1;
        queue.push(next);
      }
    }
  }
  return distance;
}

function picture(data: Data): string[] {
  return Array.from({ length: data.rows }, (_, row) =>
    Array.from({ length: data.columns }, (_, column) => {
      const cell = row * data.columns + column;
      return cell === data.start ? 'S' : cell === data.goal ? 'G' : data.walls.includes(cell) ? '#' : '.';
    }).join(''),
  );
}

const coordinates = (data: Data, cell: number) => `(${Math.floor(cell / data.columns)},${cell % data.columns})`;

export const gridWalk: Family<Data> = {
  name: 'grid-walk',
  domain: 'algorithms',
  description: 'any shortest sequence of moves u/d/l/r from S to G on a grid with walls (many answers; an environment)',
  answerKind: 'word',
  format: /^[udlr]+$/,
  multipleAnswers: true,
  generate(rng, difficulty) {
    const [size, wallCount] = byLevel(difficulty, [[3, 0], [4, 2], [5, 4]] as const);
    for (;;) {
      const cells = Array.from({ length: size * size }, (_, i) => i);
      for (let i = cells.length - 1; i > 0; i--) {
        const j = rng.int(i + 1);
        [cells[i], cells[j]] = [cells[j], cells[i]];
      }
      const [start, goal, ...rest] = cells;
      const data = { rows: size, columns: size, walls: rest.slice(0, wallCount).sort((a, b) => a - b), start, goal };
      if (goalDistances(data)[start] < Infinity) return data;
    }
  },
  forms: {
    compact: (d) => `${picture(d).join('/')} S->G:`,
    question: (d) =>
      `On a ${d.rows}x${d.columns} grid (row,column from the top left) with walls at ${d.walls.map((c) => coordinates(d, c)).join(' ') || 'no cells'}, what is a shortest sequence of moves u, d, l, r from ${coordinates(d, d.start)} to ${coordinates(d, d.goal)}?`,
    instruction: (d) => `Give a shortest path from S to G as moves u/d/l/r (# is a wall):\n${picture(d).join('\n')}`,
  },
  answers(d) {
    const distance = goalDistances(d);
    const paths: string[] = [];
    const extend = (cell: number, prefix: string): void => {
      if (cell === d.goal) return void paths.push(prefix);
      for (const action of Object.keys(MOVES)) {
        const next = move(d, cell, action);
        if (distance[next] === distance[cell] - 1) extend(next, prefix + action);
      }
    };
    extend(d.start, '');
    return paths.sort();
  },
  accepts(d, answer) {
    const budget = goalDistances(d)[d.start];
    if (answer.length !== budget || !/^[udlr]*$/.test(answer)) return false;
    let cell = d.start;
    for (const action of answer) cell = move(d, cell, action);
    return cell === d.goal;
  },
  environment(d): Environment {
    const distance = goalDistances(d);
    const budget = distance[d.start];
    let cell = d.start;
    let steps = 0;
    return {
      parse: (answer) => [...answer.toLowerCase().replace(/[\s,.!?]+/g, '')],
      reset() {
        cell = d.start;
        steps = 0;
      },
      step(action) {
        if (!(action in MOVES) || steps >= budget) return { reward: -1, done: true };
        const next = move(d, cell, action);
        const reward = (distance[cell] - distance[next]) / budget;
        cell = next;
        steps++;
        return { reward, done: false };
      },
    };
  },
};
