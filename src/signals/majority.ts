/**
 * Majority vote (self-consistency): among one prompt's candidates, keep those equal to the most
 * common answer (ties broken uniformly at random). Reads only the model's own samples, so the
 * loop stays closed. Needs samples_per_prompt > 1: a lone candidate is its own majority.
 */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Signal } from '../core/types.js';

const params = z.object({}).strict();

/** Answers compare equal after trimming surrounding whitespace (strings) or as JSON (anything else). */
export function voteKey(x: unknown): string {
  return typeof x === 'string' ? x.trim() : JSON.stringify(x);
}

export const majoritySignal: Signal<unknown> = {
  name: 'majority',
  reads: 'model',
  judge: (_prompt, xs, { rng }) => {
    if (xs.length === 0) return [];
    const keys = xs.map(voteKey);
    const votes = new Map<string, number>();
    for (const key of keys) votes.set(key, (votes.get(key) ?? 0) + 1);
    let most = 0;
    for (const count of votes.values()) most = Math.max(most, count); // no spread: a million distinct answers would overflow the call stack
    const leaders = [...votes.keys()].filter((key) => votes.get(key) === most);
    const winner = leaders[rng.int(leaders.length)];
    return keys.map((key) => ({ score: votes.get(key)! / xs.length, kept: key === winner, components: { votes: votes.get(key)! } }));
  },
};

export const majorityEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'majority',
  description: 'keeps the candidates equal to the most common answer for their prompt (self-consistency; reads the model)',
  params,
  create: () => majoritySignal,
};
