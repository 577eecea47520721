/**
 * Keeps a candidate iff the task's ground truth accepts it. Reads the task: the loop is open.
 * With `flip` > 0 each verdict is flipped independently with that probability: a noisy judge whose
 * errors carry no information about the candidate beyond its correctness.
 */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { Prompt, Signal, Task } from '../core/types.js';

const params = z.object({ flip: z.number().min(0).lt(0.5).default(0) }).strict();

/** flip 0 draws nothing, so the noiseless verifier leaves the judging stream untouched. */
function verifier(flip: number): Signal<unknown> {
  const verdict = (task: Task<unknown>, prompt: Prompt, x: unknown, rng: Rng): boolean => task.verify(prompt, x) !== (flip > 0 && rng.next() < flip);
  return {
    name: 'verifier',
    reads: 'task',
    // a noisy verdict draws from the shared judging stream, one draw per candidate in order
    judge: (prompt, xs, { task, rng }) =>
      xs.map((x) => {
        const ok = verdict(task, prompt, x, rng);
        return { score: ok ? 1 : 0, kept: ok };
      }),
    judgeInto: (prompt, xs, { task, rng }, { score, kept }) => {
      for (let i = 0; i < xs.length; i++) {
        const ok = verdict(task, prompt, xs[i], rng);
        score[i] = ok ? 1 : 0;
        kept[i] = ok ? 1 : 0;
      }
    },
  };
}

export const verifierEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'verifier',
  description: 'keeps candidates the task verifies as correct (reads the task); flip: probability of a wrong verdict',
  params,
  create: ({ flip }) => verifier(flip),
};
