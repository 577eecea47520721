/**
 * Shift bits of best-of-n selection: per prompt with a selected candidate, KL of the best-of-k
 * law against P_t (info/best-of-k.ts). A score with no ties in the generation is treated as
 * continuous (log2 k − (k−1)/(k ln 2) per selected sample); with ties the exact value is taken
 * from the generation's pooled score distribution, rejected candidates ranking lowest.
 */
import type { Judged } from '../core/types.js';
import { bestOfKBits, bestOfKBitsDiscrete } from '../info/best-of-k.js';

export function bestOfNShiftBits<X>(judged: Judged<X>[]): number {
  const rank = (j: Judged<X>) => (j.judgement.kept === false ? -Infinity : j.judgement.score);
  const groups = new Map<number, Judged<X>[]>();
  for (const j of judged) groups.set(j.group, [...(groups.get(j.group) ?? []), j]);
  const counts = new Map<number, number>();
  for (const j of judged) counts.set(rank(j), (counts.get(rank(j)) ?? 0) + 1);
  const ties = counts.size < judged.length;
  const pmf = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c / judged.length);
  let bits = 0;
  for (const members of groups.values()) {
    if (members.every((j) => j.judgement.kept === false)) continue; // nothing selected for this prompt
    bits += ties ? bestOfKBitsDiscrete(pmf, members.length) : bestOfKBits(members.length);
  }
  return bits;
}
