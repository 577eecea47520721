/**
 * Shift bits of best-of-n selection: per prompt with a selected candidate, KL of the best-of-k
 * law against P_t (info/best-of-k.ts). A score with no ties in the generation is treated as
 * continuous (log2 k − (k−1)/(k ln 2) per selected sample); with ties the exact value is taken
 * from the generation's pooled score distribution, rejected candidates ranking lowest.
 */
import type { ScoreColumns } from '../core/types.js';
import { bestOfKBits, bestOfKBitsDiscrete } from '../info/best-of-k.js';

/** `group(i)` is the prompt candidate i answers; groups are visited in order of first appearance. */
export function bestOfNShiftBits(judged: ScoreColumns, group: (i: number) => number): number {
  const { score, kept } = judged;
  const n = score.length;
  const rank = (i: number) => (kept[i] === 0 ? -Infinity : score[i]);
  const members = new Map<number, { size: number; selects: boolean }>();
  const counts = new Map<number, number>();
  for (let i = 0; i < n; i++) {
    const g = group(i);
    const entry = members.get(g) ?? { size: 0, selects: false };
    entry.size++;
    if (kept[i] !== 0) entry.selects = true;
    members.set(g, entry);
    counts.set(rank(i), (counts.get(rank(i)) ?? 0) + 1);
  }
  const ties = counts.size < n;
  const pmf = [...counts.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => c / n);
  let bits = 0;
  for (const { size, selects } of members.values()) {
    if (!selects) continue; // nothing selected for this prompt
    bits += ties ? bestOfKBitsDiscrete(pmf, size) : bestOfKBits(size);
  }
  return bits;
}
