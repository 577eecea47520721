import { describe, expect, it } from 'vitest';
import { InfoloopError } from '../../core/errors.js';
import { createRng } from '../../core/rng.js';
import { NgramTrie } from './trie.js';

/** Every node's path of tokens from the root, as a string key; the oracle for lookups. */
function paths(trie: NgramTrie): Map<string, number> {
  const out = new Map<string, number>();
  for (let node = 1; node < trie.size; node++) {
    const tokens: number[] = [];
    for (let at = node; at > 0; at = trie.parent[at]) tokens.unshift(trie.token[at]);
    out.set(tokens.join(','), node);
  }
  return out;
}

describe.each([['direct arrays', 300], ['hash table only', 5000]])('n-gram trie (%s)', (_label, vocabSize) => {
  const rng = createRng(3);
  const ids = Array.from({ length: 3000 }, () => rng.int(rng.next() < 0.7 ? 5 : 300));
  const build = (): NgramTrie => {
    const trie = new NgramTrie(4, 16, vocabSize);
    trie.addSequence(ids, 1, 1.5);
    return trie;
  };

  it('stores each reversed n-gram once and finds it again after growing', () => {
    const trie = build();
    const known = paths(trie);
    expect(known.size).toBe(trie.size - 1); // no duplicate paths
    for (let i = 1; i < ids.length; i += 97) {
      let node = 0;
      for (let k = 1; k <= Math.min(4, i + 1); k++) node = trie.child(node, ids[i - k + 1]);
      expect(node).toBe(known.get([ids[i], ids[i - 1], ids[i - 2], ids[i - 3]].slice(0, Math.min(4, i + 1)).join(',')));
      expect(trie.observed[node]).toBe(1);
    }
    expect(trie.child(0, vocabSize + 5)).toBe(-1);
    // every target adds its weight to exactly one node: its longest n-gram
    let total = 0;
    for (let node = 1; node < trie.size; node++) total += trie.weight[node];
    expect(total).toBeCloseTo(1.5 * (ids.length - 1), 9);
  });

  it('round-trips through its compact bytes and rejects damaged ones', () => {
    const trie = build();
    const bytes = trie.toBytes();
    expect(bytes.length).toBe(8 + 15 * trie.size);
    const copy = NgramTrie.fromBytes(bytes, 4, vocabSize);
    expect(copy.size).toBe(trie.size);
    expect(Array.from(copy.weight.subarray(0, copy.size))).toEqual(Array.from(trie.weight.subarray(0, trie.size)));
    expect(paths(copy)).toEqual(paths(trie));
    expect(() => NgramTrie.fromBytes(bytes, 3, vocabSize)).toThrow(InfoloopError);
    expect(() => NgramTrie.fromBytes(bytes.subarray(0, 50), 4, vocabSize)).toThrow(InfoloopError);
    const damaged = bytes.slice();
    damaged.fill(0, 8 + 4 * 10, 8 + 4 * 11); // node 10's parent becomes 0: a duplicate of another depth-1 node or a loop
    expect(() => NgramTrie.fromBytes(damaged, 4, vocabSize)).toThrow(InfoloopError);
  });
});
