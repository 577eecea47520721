/**
 * Holm's step-down adjustment (Holm 1979): controls the family-wise error rate of m tests like
 * Bonferroni, and rejects at least as much. Adjusted p_(i) = max over j ≤ i of min(1, (m − j + 1)·p_(j)).
 */
import { InfoloopError } from '../core/errors.js';

/** Holm-adjusted p-values, in the order given. */
export function holmAdjust(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new InfoloopError('E_INPUT', `a p-value must be in [0, 1], got ${p}`, 'pass probabilities');
  }
  const m = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p || a.i - b.i);
  const adjusted = new Array<number>(m);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (m - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}

/** Which hypotheses Holm's procedure rejects at family-wise level alpha. */
export function holmReject(pValues: readonly number[], alpha = 0.05): boolean[] {
  return holmAdjust(pValues).map((p) => p <= alpha);
}
