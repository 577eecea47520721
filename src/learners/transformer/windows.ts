/**
 * How token sequences longer than the context are cut into training and scoring windows.
 * Target j (predicting ids[j] from the ids before it) is scored in exactly one window; a window
 * starting at `start` sees ids[start..start+context-1] and can score targets start+1..start+context.
 * Training uses stride = context (disjoint windows); scoring uses stride = context/2, so every
 * scored token after the first window has at least context/2 tokens of history.
 */
import type { TokenBatch } from './engine.js';

export interface Window {
  start: number;
  /** First and last target index scored here (inclusive). */
  from: number;
  to: number;
}

export function windows(length: number, firstTarget: number, context: number, stride: number): Window[] {
  const out: Window[] = [];
  let next = Math.max(firstTarget, 1);
  let start = Math.max(0, next - context);
  while (next <= length - 1) {
    const to = Math.min(length - 1, start + context);
    out.push({ start, from: next, to });
    next = to + 1;
    start += stride;
  }
  return out;
}

export function emptyBatch(rows: number, context: number): TokenBatch {
  const size = rows * context;
  return { rows, tokens: new Int32Array(size), targets: new Int32Array(size), weights: new Float32Array(size) };
}

/** Write one window into row `row`; each scored target gets `weight`. Returns the number scored. */
export function fillRow(batch: TokenBatch, row: number, ids: ArrayLike<number>, window: Window, weight: number, context: number): number {
  const offset = row * context;
  for (let p = 0; p < context; p++) {
    const input = window.start + p;
    const target = input + 1;
    const inside = target < ids.length;
    batch.tokens[offset + p] = input < ids.length ? ids[input] : 0;
    batch.targets[offset + p] = inside ? ids[target] : 0;
    batch.weights[offset + p] = inside && target >= window.from && target <= window.to ? weight : 0;
  }
  return window.to - window.from + 1;
}
