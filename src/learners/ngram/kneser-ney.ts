/**
 * Interpolated modified Kneser–Ney (Chen & Goodman 1998, as in KenLM) over the counts of an NgramTrie.
 *
 *   P_k(w | h) = [ max(a(h,w) − D_k(a), 0) + γ(h) · P_{k−1}(w | h') ] / A(h)     (A(h) > 0)
 *   P_k(w | h) = P_{k−1}(w | h')                                                  (h unseen)
 *   P_0(w)     = 1 / (V − 1) for every w except the separator (never a target)
 *
 * where h' drops the oldest token of h, A(h) = Σ_w a(h,w) and γ(h) = Σ_w min(D_k(a(h,w)), a(h,w)),
 * so every P_k sums to exactly 1. Adjusted counts a: full-order n-grams and n-grams that start a
 * sequence use their raw (weighted) counts; every other lower-order n-gram also counts its number
 * of distinct left extensions (continuation count). Three discounts per order come from the
 * count-of-counts n₁…n₄ of the adjusted counts, each count binned to the nearest integer (≥ 1):
 *   Y = n₁/(n₁+2n₂),  D₁ = 1 − 2Y n₂/n₁,  D₂ = 2 − 3Y n₃/n₂,  D₃₊ = 3 − 4Y n₄/n₃
 * and a count a uses D₁ if a < 1.5, D₂ if a < 2.5, else D₃₊.
 */
import { SEP } from '../tokenize/ids.js';
import type { NgramTrie } from './trie.js';

/** When a count-of-count is 0 (tiny data) the estimate is undefined or degenerate; these stand in. */
const FALLBACK_DISCOUNTS = [0.5, 1, 1.5];
/** Keeps every discount positive so unseen tokens always get mass from the lower order. */
const MIN_DISCOUNT = 0.05;

export class KneserNeyModel {
  /** discounts[k] = [D₁, D₂, D₃₊] for order k (index 0 unused). */
  readonly discounts: number[][];
  private readonly total: Float64Array;
  private readonly gamma: Float64Array;
  /** Per context node: its n-grams' predicted tokens and adjusted counts, sorted by token. */
  private readonly offsets: Int32Array;
  private readonly listToken: Uint16Array;
  private readonly listCount: Float64Array;
  private readonly base: number;

  /** `excluded` is a token never predicted (the separator); −1 for none. */
  constructor(readonly trie: NgramTrie, readonly vocabSize: number, readonly excluded: number = SEP) {
    const order = trie.order;
    const originalSize = trie.size;
    const { parent, depth, observed, weight } = trie; // only ids < originalSize are read, which growth preserves

    const adjusted = new Float64Array(originalSize);
    for (let node = 1; node < originalSize; node++) if (observed[node]) adjusted[node] = weight[node];
    for (let node = 1; node < originalSize; node++) {
      if (observed[node] && depth[node] >= 2) adjusted[parent[node]] += 1; // a distinct left extension
    }

    const countOfCounts = Array.from({ length: order + 1 }, () => [0, 0, 0, 0, 0]);
    for (let node = 1; node < originalSize; node++) {
      if (observed[node]) {
        const bin = Math.max(1, Math.round(adjusted[node]));
        if (bin <= 4) countOfCounts[depth[node]][bin]++;
      }
    }
    this.discounts = countOfCounts.map(estimateDiscounts);

    // Each n-gram's context is the node spelling it without its predicted (first-walked) token.
    const context = new Int32Array(originalSize);
    const head = new Uint16Array(originalSize);
    for (let node = 1; node < originalSize; node++) {
      if (!observed[node]) continue;
      if (depth[node] === 1) {
        context[node] = 0;
        head[node] = trie.token[node];
      } else {
        context[node] = trie.childOrCreate(context[parent[node]], trie.token[node]);
        head[node] = head[parent[node]];
      }
    }

    const size = trie.size; // contexts created above are new nodes
    this.total = new Float64Array(size);
    this.gamma = new Float64Array(size);
    const offsets = new Int32Array(size + 1);
    for (let node = 1; node < originalSize; node++) {
      if (!observed[node]) continue;
      const c = context[node];
      const a = adjusted[node];
      this.total[c] += a;
      this.gamma[c] += Math.min(this.discount(depth[node], a), a);
      offsets[c + 1]++;
    }
    for (let c = 0; c < size; c++) offsets[c + 1] += offsets[c];
    // Bucket n-grams by predicted token first, so each context's list comes out sorted by token.
    const byToken = new Int32Array(vocabSize + 1);
    for (let node = 1; node < originalSize; node++) if (observed[node]) byToken[head[node] + 1]++;
    for (let t = 0; t < vocabSize; t++) byToken[t + 1] += byToken[t];
    const sorted = new Int32Array(byToken[vocabSize]);
    for (let node = 1; node < originalSize; node++) if (observed[node]) sorted[byToken[head[node]]++] = node;
    const fill = offsets.slice(0, size);
    this.listToken = new Uint16Array(offsets[size]);
    this.listCount = new Float64Array(offsets[size]);
    for (const node of sorted) {
      const at = fill[context[node]]++;
      this.listToken[at] = head[node];
      this.listCount[at] = adjusted[node];
    }
    this.offsets = offsets;
    this.base = 1 / (excluded >= 0 && excluded < vocabSize ? vocabSize - 1 : vocabSize);
  }

  discount(order: number, count: number): number {
    const d = this.discounts[order];
    return count < 1.5 ? d[0] : count < 2.5 ? d[1] : d[2];
  }

  /** Context nodes for orders 1, 2, … (root first), walking back from the end of `history`. */
  contexts(history: ArrayLike<number>, end = history.length): number[] {
    const nodes = [0];
    let node = 0;
    for (let back = 1; back < this.trie.order && end - back >= 0; back++) {
      node = this.trie.child(node, history[end - back]);
      if (node < 0) break;
      nodes.push(node);
    }
    return nodes;
  }

  /** P(w | history[0..end)) by walking the orders up from the uniform base. */
  probability(history: ArrayLike<number>, w: number, end = history.length): number {
    return this.interpolate(this.contexts(history, end), w);
  }

  /** P(w | history[0..end)) for each w of `tokens`, sharing one walk down the trie. */
  probabilities(history: ArrayLike<number>, tokens: readonly number[], end = history.length): number[] {
    const nodes = this.contexts(history, end);
    return tokens.map((w) => this.interpolate(nodes, w));
  }

  /** P(w | the context whose nodes for orders 1, 2, … are `nodes`). */
  private interpolate(nodes: readonly number[], w: number): number {
    if (w === this.excluded || w < 0 || w >= this.vocabSize) return 0;
    let p = this.base;
    for (let k = 1; k <= nodes.length; k++) {
      const c = nodes[k - 1];
      const total = this.total[c];
      if (total === 0) continue;
      const a = this.countOf(c, w);
      p = (Math.max(a - this.discount(k, a), 0) + this.gamma[c] * p) / total;
    }
    return p;
  }

  /** The whole next-token distribution after history[0..end), written into `out` (length vocabSize). */
  distribution(history: ArrayLike<number>, out: Float64Array, end = history.length): Float64Array {
    out.fill(this.base);
    if (this.excluded >= 0 && this.excluded < out.length) out[this.excluded] = 0;
    const nodes = this.contexts(history, end);
    for (let k = 1; k <= nodes.length; k++) {
      const c = nodes[k - 1];
      const total = this.total[c];
      if (total === 0) continue;
      const keep = this.gamma[c] / total;
      for (let w = 0; w < out.length; w++) out[w] *= keep;
      for (let at = this.offsets[c]; at < this.offsets[c + 1]; at++) {
        const a = this.listCount[at];
        out[this.listToken[at]] += Math.max(a - this.discount(k, a), 0) / total;
      }
    }
    return out;
  }

  /** Adjusted count of (context c, token w) by binary search in c's sorted list; 0 when absent. */
  private countOf(c: number, w: number): number {
    let low = this.offsets[c];
    let high = this.offsets[c + 1] - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const t = this.listToken[middle];
      if (t === w) return this.listCount[middle];
      if (t < w) low = middle + 1;
      else high = middle - 1;
    }
    return 0;
  }
}

/**
 * [D₁, D₂, D₃₊] from count-of-counts [_, n₁, n₂, n₃, n₄]. D_r needs n_r and n_{r+1} > 0 (otherwise it
 * would be r itself, discarding every count r on tiny data); then it lies below r, and it is kept
 * ≥ MIN_DISCOUNT. Missing estimates use FALLBACK_DISCOUNTS.
 */
export function estimateDiscounts(counts: number[]): number[] {
  const [, n1, n2, n3, n4] = counts;
  const y = n1 / (n1 + 2 * n2);
  const raw = [n1 > 0 && n2 > 0 ? 1 - (2 * y * n2) / n1 : NaN, n2 > 0 && n3 > 0 ? 2 - (3 * y * n3) / n2 : NaN, n3 > 0 && n4 > 0 ? 3 - (4 * y * n4) / n3 : NaN];
  return raw.map((d, i) => (Number.isFinite(d) ? Math.min(i + 1, Math.max(MIN_DISCOUNT, d)) : FALLBACK_DISCOUNTS[i]));
}
