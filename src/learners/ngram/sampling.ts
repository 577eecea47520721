/** Drawing one token from a next-token distribution with temperature and top-k. */
import type { Rng } from '../../core/rng.js';

/**
 * Index drawn from `probs` reshaped as p^(1/temperature), restricted to the `topK` largest
 * (ties broken by lower index; 0 = no restriction). `scratch` has the same length and is overwritten.
 */
export function sampleToken(probs: Float64Array, temperature: number, topK: number, rng: Rng, scratch: Float64Array): number {
  const size = probs.length;
  for (let i = 0; i < size; i++) scratch[i] = temperature === 1 ? probs[i] : Math.pow(probs[i], 1 / temperature);
  if (topK > 0 && topK < size) {
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => scratch[b] - scratch[a] || a - b);
    for (let rank = topK; rank < size; rank++) scratch[order[rank]] = 0;
  }
  let total = 0;
  for (let i = 0; i < size; i++) total += scratch[i];
  let u = rng.next() * total;
  for (let i = 0; i < size; i++) {
    u -= scratch[i];
    if (u < 0 && scratch[i] > 0) return i;
  }
  for (let i = size - 1; i >= 0; i--) if (scratch[i] > 0) return i;
  return 0;
}
