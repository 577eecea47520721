/** Candidates grouped by the prompt they answer, so a signal judges one prompt's batch at once. */
import type { Prompt } from '../core/types.js';

export interface PromptBatch {
  prompt: Prompt;
  indexes: number[];
}

/**
 * Candidates 0..count−1 grouped by the id of the prompt they answer, in order of first appearance;
 * each batch keeps the first prompt object seen with its id. Linear in count.
 */
export function promptBatches(count: number, promptOf: (i: number) => Prompt): PromptBatch[] {
  const byId = new Map<string, PromptBatch>();
  let last: Prompt | null = null;
  let batch: PromptBatch | undefined;
  for (let i = 0; i < count; i++) {
    const prompt = promptOf(i);
    if (prompt !== last) {
      // the same prompt object again (a fixed-prompt task) skips the lookup
      last = prompt;
      batch = byId.get(prompt.id);
      if (!batch) byId.set(prompt.id, (batch = { prompt, indexes: [] }));
    }
    batch!.indexes.push(i);
  }
  return [...byId.values()];
}
