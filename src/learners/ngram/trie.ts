/**
 * Counts of n-grams in a trie stored in typed arrays. A node is a reversed n-gram: the path
 * root → w → t₋₁ → t₋₂ … spells the predicted token w, then its context from the most recent token
 * back. So a node's parent is the same n-gram without its oldest token (the Kneser–Ney "suffix"),
 * the same trie also holds the contexts, and children are found through one open-addressing
 * hash table keyed by (parent id, token) — exact keys, so there are no collisions between n-grams.
 * Depths 1 and 2 (the busiest, at most V² nodes) use direct arrays instead when V ≤ 1024.
 */
import { InfoloopError } from '../../core/errors.js';

const EMPTY_SLOT = -1;
/** Largest vocabulary whose depth-2 nodes get a direct V×V array (4 MB). */
const DENSE_PAIRS_LIMIT = 1024;

export class NgramTrie {
  /** Number of nodes; node 0 is the root (the empty n-gram / empty context). */
  size = 1;
  parent: Int32Array;
  token: Uint16Array;
  depth: Uint8Array;
  /** 1 when the node is an n-gram that ended at a trained position (not only a context). */
  observed: Uint8Array;
  /** Summed example weights of occurrences counted raw: full-order n-grams and those starting a sequence. */
  weight: Float64Array;
  /** Open-addressing table of node ids; keys are checked in the (small, cache-friendly) parent and token arrays. */
  private slots: Int32Array;
  private mask: number;
  /** Depth-1 nodes by token. */
  private readonly rootChildren: Int32Array;
  /** Depth-2 nodes by (token of the depth-1 parent) · V + token, or null for large vocabularies. */
  private readonly pairChildren: Int32Array | null;

  constructor(readonly order: number, capacity = 1024, readonly vocabSize = 65_536) {
    this.rootChildren = new Int32Array(vocabSize).fill(-1);
    this.pairChildren = vocabSize <= DENSE_PAIRS_LIMIT ? new Int32Array(vocabSize * vocabSize).fill(-1) : null;
    capacity = 2 ** Math.ceil(Math.log2(Math.max(16, capacity))); // a power of two keeps the slot mask valid when growing
    this.parent = new Int32Array(capacity).fill(-1);
    this.token = new Uint16Array(capacity);
    this.depth = new Uint8Array(capacity);
    this.observed = new Uint8Array(capacity);
    this.weight = new Float64Array(capacity);
    this.slots = new Int32Array(capacity * 2).fill(EMPTY_SLOT); // load factor ≤ 1/2
    this.mask = capacity * 2 - 1;
  }

  /** The child of `parentId` by `token`, or −1. */
  child(parentId: number, token: number): number {
    if (parentId === 0) return token < this.vocabSize ? this.rootChildren[token] : -1;
    if (this.pairChildren !== null && this.depth[parentId] === 1) return token < this.vocabSize ? this.pairChildren[this.token[parentId] * this.vocabSize + token] : -1;
    const slots = this.slots;
    let slot = hash(parentId, token) & this.mask;
    for (;;) {
      const node = slots[slot];
      if (node === EMPTY_SLOT) return -1;
      if (this.parent[node] === parentId && this.token[node] === token) return node;
      slot = (slot + 1) & this.mask;
    }
  }

  childOrCreate(parentId: number, token: number): number {
    if (token >= this.vocabSize) throw new InfoloopError('E_INPUT', `token ${token} is outside the vocabulary of ${this.vocabSize}`, 'count ids produced by the same tokenizer');
    if (parentId === 0) {
      const node = this.rootChildren[token];
      return node >= 0 ? node : (this.rootChildren[token] = this.createNode(0, token));
    }
    if (this.pairChildren !== null && this.depth[parentId] === 1) {
      const index = this.token[parentId] * this.vocabSize + token;
      const node = this.pairChildren[index];
      return node >= 0 ? node : (this.pairChildren[index] = this.createNode(parentId, token));
    }
    const slots = this.slots;
    let slot = hash(parentId, token) & this.mask;
    for (;;) {
      const node = slots[slot];
      if (node === EMPTY_SLOT) break;
      if (this.parent[node] === parentId && this.token[node] === token) return node;
      slot = (slot + 1) & this.mask;
    }
    if (this.size === this.parent.length) {
      this.grow();
      return this.childOrCreate(parentId, token);
    }
    const node = this.createNode(parentId, token);
    slots[slot] = node;
    return node;
  }

  /** A new node; the caller files it under its parent. */
  private createNode(parentId: number, token: number): number {
    if (this.size === this.parent.length) this.grow();
    const node = this.size++;
    this.parent[node] = parentId;
    this.token[node] = token;
    this.depth[node] = this.depth[parentId] + 1;
    return node;
  }

  /** Whether a node is found through the hash table (not the direct arrays). */
  private hashed(node: number): boolean {
    return this.depth[node] > (this.pairChildren !== null ? 2 : 1);
  }

  /**
   * Count the targets ids[start..] of one sequence with weight w: for each target the n-grams
   * ending at it of every order up to `order` are marked observed, and the longest one (full
   * order, or starting at the sequence's first token) gets +w.
   */
  addSequence(ids: ArrayLike<number>, start: number, w: number): void {
    const order = this.order;
    for (let i = start; i < ids.length; i++) {
      let node = 0;
      const deepest = Math.min(order, i + 1);
      for (let k = 1; k <= deepest; k++) {
        node = this.childOrCreate(node, ids[i - k + 1]);
        this.observed[node] = 1; // not cached in a local: childOrCreate may grow the arrays
      }
      this.weight[node] += w;
    }
  }

  private grow(): void {
    const capacity = this.parent.length * 2;
    if (capacity > 2 ** 30) throw new InfoloopError('E_RUN', 'n-gram table exceeds 2^30 nodes', 'use a lower order or less data', 1);
    const extend = <T extends Int32Array | Uint16Array | Uint8Array | Float64Array>(old: T, fill = 0): T => {
      const next = new (old.constructor as new (n: number) => T)(capacity);
      if (fill !== 0) next.fill(fill);
      next.set(old);
      return next;
    };
    this.parent = extend(this.parent, -1);
    this.token = extend(this.token);
    this.depth = extend(this.depth);
    this.observed = extend(this.observed);
    this.weight = extend(this.weight);
    this.slots = new Int32Array(capacity * 2).fill(EMPTY_SLOT);
    this.mask = capacity * 2 - 1;
    for (let node = 1; node < this.size; node++) {
      if (!this.hashed(node)) continue;
      let slot = hash(this.parent[node], this.token[node]) & this.mask;
      while (this.slots[slot] !== EMPTY_SLOT) slot = (slot + 1) & this.mask;
      this.slots[slot] = node;
    }
  }

  /** Compact bytes: node count, then parent (int32), weight (float64), token (uint16), observed (uint8). */
  toBytes(): Uint8Array {
    const n = this.size;
    const bytes = new Uint8Array(8 + n * 4 + n * 8 + n * 2 + n);
    const view = new DataView(bytes.buffer);
    view.setUint32(0, n, true);
    view.setUint32(4, this.order, true);
    let offset = 8;
    const put = (array: Int32Array | Float64Array | Uint16Array | Uint8Array): void => {
      const source = new Uint8Array(array.buffer, array.byteOffset, n * array.BYTES_PER_ELEMENT);
      bytes.set(source, offset);
      offset += source.length;
    };
    put(this.parent.subarray(0, n));
    put(this.weight.subarray(0, n));
    put(this.token.subarray(0, n));
    put(this.observed.subarray(0, n));
    return bytes;
  }

  static fromBytes(bytes: Uint8Array, order: number, vocabSize: number): NgramTrie {
    const bad = (why: string): InfoloopError => new InfoloopError('E_RESUME', `n-gram snapshot is corrupt: ${why}`, 'restore a snapshot saved by the ngram learner');
    if (bytes.length < 8) throw bad('too short');
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const n = view.getUint32(0, true);
    if (view.getUint32(4, true) !== order) throw bad(`saved with order ${view.getUint32(4, true)}, expected ${order}`);
    if (n < 1 || bytes.length !== 8 + n * 15) throw bad('length does not match its node count');
    const copy = new Uint8Array(bytes.length - 8);
    copy.set(bytes.subarray(8)); // aligned copy so typed views are allowed
    const parent = new Int32Array(copy.buffer, 0, n);
    const weight = new Float64Array(copy.buffer.slice(n * 4, n * 12));
    const token = new Uint16Array(copy.buffer.slice(n * 12, n * 14));
    const observed = copy.subarray(n * 14, n * 15);
    const trie = new NgramTrie(order, n, vocabSize);
    for (let node = 1; node < n; node++) {
      const p = parent[node];
      if (p < 0 || p >= node || token[node] >= vocabSize) throw bad(`node ${node} has parent ${p}, token ${token[node]}`);
      if (trie.childOrCreate(p, token[node]) !== node) throw bad(`node ${node} is duplicated`);
      trie.observed[node] = observed[node];
      trie.weight[node] = weight[node];
    }
    return trie;
  }
}

/** Mixes (parent, token) into a 32-bit slot index. */
function hash(parentId: number, token: number): number {
  const h = Math.imul(parentId ^ Math.imul(token + 1, 0x85ebca6b), 0x9e3779b1);
  return h ^ (h >>> 16);
}
