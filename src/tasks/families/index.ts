/** Every gym family, in listing order (grouped by domain). */
import type { Family } from '../gym.js';
import { addition } from './addition.js';
import { baseConversion } from './base-conversion.js';
import { boolean } from './boolean.js';
import { brackets } from './brackets.js';
import { caesar } from './caesar.js';
import { countChar } from './count-char.js';
import { gridWalk } from './grid-walk.js';
import { modular } from './modular.js';
import { multipleOf } from './multiple-of.js';
import { multiplication } from './multiplication.js';
import { parity } from './parity.js';
import { reachability } from './reachability.js';
import { reversal } from './reversal.js';
import { satisfy } from './satisfy.js';
import { shortestPath } from './shortest-path.js';
import { sortLetters } from './sort-letters.js';
import { sortList } from './sort-list.js';

export const FAMILIES: readonly Family[] = [
  addition, multiplication, modular, baseConversion, multipleOf,
  reversal, sortLetters, countChar, caesar,
  parity, brackets, boolean, satisfy,
  sortList, reachability, shortestPath, gridWalk,
];

export const FAMILY_NAMES: readonly string[] = FAMILIES.map((family) => family.name);
