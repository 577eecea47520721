/**
 * Exact repeats among rows, overall and within each source, from one table of 53-bit row hashes
 * (hash-set.ts) instead of one table per source: each hash keeps the first source it was seen under
 * in a parallel Int32Array, and a (hash, source) pair seen under a further source goes into a small
 * second set. A row repeats within its source when its hash was seen under that source before.
 */
import { combine53 } from './hash.js';
import { EMPTY, HashSet53, overLoaded, probe, slotsFor, stored } from './hash-set.js';

/** `add`'s answer: the row is new, repeats a row of another source only, or repeats a row of its own source. */
export const NEW = 0;
export const REPEAT_ELSEWHERE = 1;
export const REPEAT_IN_SOURCE = 2;

export class DuplicateIndex {
  size = 0;
  private table: Float64Array;
  private firstTag: Int32Array;
  private mask: number;
  private readonly laterTags = new HashSet53(16);
  private readonly pair = new Float64Array(2);

  constructor(capacity = 1024) {
    this.table = new Float64Array(slotsFor(capacity));
    this.firstTag = new Int32Array(this.table.length);
    this.mask = this.table.length - 1;
  }

  /** Adds `hash` seen under source `tag` (a whole number ≥ 0). */
  add(hash: number, tag: number): typeof NEW | typeof REPEAT_ELSEWHERE | typeof REPEAT_IN_SOURCE {
    const value = stored(hash);
    const slot = probe(this.table, this.mask, value);
    if (this.table[slot] === EMPTY) {
      this.table[slot] = value;
      this.firstTag[slot] = tag;
      if (overLoaded(++this.size, this.table.length)) this.grow();
      return NEW;
    }
    if (this.firstTag[slot] === tag) return REPEAT_IN_SOURCE;
    this.pair[0] = hash;
    this.pair[1] = tag;
    return this.laterTags.add(combine53(this.pair, 0, 2)) ? REPEAT_ELSEWHERE : REPEAT_IN_SOURCE;
  }

  private grow(): void {
    const table = this.table;
    const tags = this.firstTag;
    this.table = new Float64Array(table.length * 2);
    this.firstTag = new Int32Array(this.table.length);
    this.mask = this.table.length - 1;
    for (let old = 0; old < table.length; old++) {
      if (table[old] === EMPTY) continue;
      const slot = probe(this.table, this.mask, table[old]);
      this.table[slot] = table[old];
      this.firstTag[slot] = tags[old];
    }
  }
}
