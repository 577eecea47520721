/**
 * A set of 53-bit hashes in one open-addressing Float64Array (linear probing, load ≤ 3/4). V8's
 * Set boxes numbers above 2^31 and hashes them slowly; this keeps them unboxed, 8 bytes per slot
 * (11–21 bytes per entry). 0 marks an empty slot, so the hash 0 is stored as 2^53 − 1 (one extra collision pair).
 */
export const EMPTY = 0;
const ZERO_STAND_IN = 2 ** 53 - 1;

/** The value a hash is stored as (0 marks an empty slot). */
export const stored = (hash: number): number => (hash === EMPTY ? ZERO_STAND_IN : hash);
/** The hash a stored value stands for. */
export const unstored = (value: number): number => (value === ZERO_STAND_IN ? 0 : value);

/** Linear probing: the slot of `value` in `table`, or the empty slot where it would go. */
export function probe(table: Float64Array, mask: number, value: number): number {
  let slot = (value >>> 0) & mask; // the low 32 bits of a hash are already mixed
  for (;;) {
    const held = table[slot];
    if (held === EMPTY || held === value) return slot;
    slot = (slot + 1) & mask;
  }
}

/** Slots (a power of two) for `capacity` entries at load ≤ 3/4 (linear probing stays short: ≈ 2.5 probes to find). */
export const slotsFor = (capacity: number): number => 2 ** Math.ceil(Math.log2(Math.max(16, (capacity * 4) / 3)));
/** Whether `size` entries in `slots` slots exceed the load limit, so that the table must grow. */
export const overLoaded = (size: number, slots: number): boolean => size * 4 > slots * 3;

export class HashSet53 {
  size = 0;
  private table: Float64Array;
  private mask: number;

  constructor(capacity = 1024) {
    const slots = slotsFor(capacity);
    this.table = new Float64Array(slots);
    this.mask = slots - 1;
  }

  /** Adds `hash`; returns false when it was already present. */
  add(hash: number): boolean {
    const value = stored(hash);
    const table = this.table;
    const slot = probe(table, this.mask, value);
    if (table[slot] === value) return false;
    table[slot] = value;
    if (overLoaded(++this.size, table.length)) this.grow();
    return true;
  }

  has(hash: number): boolean {
    const value = stored(hash);
    return this.table[probe(this.table, this.mask, value)] === value;
  }

  /** The stored hashes, in no particular order. */
  values(): Float64Array {
    const out = new Float64Array(this.size);
    let at = 0;
    for (const held of this.table) if (held !== EMPTY) out[at++] = unstored(held);
    return out;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.size = 0;
    for (const held of old) if (held !== EMPTY) this.add(unstored(held));
  }
}
