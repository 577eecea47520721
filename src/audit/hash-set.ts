/**
 * A set of 53-bit hashes in one open-addressing Float64Array (linear probing, load ≤ 1/2). V8's
 * Set boxes numbers above 2^31 and hashes them slowly; this keeps them unboxed, 16 bytes per entry
 * at most. 0 marks an empty slot, so the hash 0 is stored as 2^53 − 1 (one extra collision pair).
 */
const EMPTY = 0;
const ZERO_STAND_IN = 2 ** 53 - 1;

export class HashSet53 {
  size = 0;
  private table: Float64Array;
  private mask: number;

  constructor(capacity = 1024) {
    const slots = 2 ** Math.ceil(Math.log2(Math.max(16, capacity * 2)));
    this.table = new Float64Array(slots);
    this.mask = slots - 1;
  }

  /** Adds `hash`; returns false when it was already present. */
  add(hash: number): boolean {
    const value = hash === EMPTY ? ZERO_STAND_IN : hash;
    const table = this.table;
    let slot = (value >>> 0) & this.mask; // the low 32 bits of a hash are already mixed
    for (;;) {
      const held = table[slot];
      if (held === EMPTY) break;
      if (held === value) return false;
      slot = (slot + 1) & this.mask;
    }
    table[slot] = value;
    if (++this.size * 2 > table.length) this.grow();
    return true;
  }

  has(hash: number): boolean {
    const value = hash === EMPTY ? ZERO_STAND_IN : hash;
    let slot = (value >>> 0) & this.mask;
    for (;;) {
      const held = this.table[slot];
      if (held === EMPTY) return false;
      if (held === value) return true;
      slot = (slot + 1) & this.mask;
    }
  }

  /** The stored hashes, in no particular order. */
  values(): Float64Array {
    const out = new Float64Array(this.size);
    let at = 0;
    for (const held of this.table) if (held !== EMPTY) out[at++] = held === ZERO_STAND_IN ? 0 : held;
    return out;
  }

  private grow(): void {
    const old = this.table;
    this.table = new Float64Array(old.length * 2);
    this.mask = this.table.length - 1;
    this.size = 0;
    for (const held of old) if (held !== EMPTY) this.add(held === ZERO_STAND_IN ? 0 : held);
  }
}
