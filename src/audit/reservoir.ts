/**
 * A seeded uniform sample of fixed size from a stream of unknown length (Vitter's Algorithm R):
 * item i (0-based) takes a slot with probability capacity / (i + 1). The slot is decided before
 * the caller computes anything about the item, so expensive work is done only for items kept.
 */
import type { Rng } from '../core/rng.js';

export class Reservoir {
  seen = 0;

  constructor(readonly capacity: number, private readonly rng: Rng) {}

  /** The slot the next item goes into, or −1 when it is not sampled. */
  offer(): number {
    const index = this.seen++;
    if (index < this.capacity) return index;
    const slot = this.rng.int(index + 1);
    return slot < this.capacity ? slot : -1;
  }

  /** Number of filled slots. */
  get size(): number {
    return Math.min(this.seen, this.capacity);
  }
}
