/** No filter: every candidate is kept. Reads nothing, so a loop with it is closed. */
import { z } from 'zod';
import type { Entry } from '../core/registry.js';
import type { Judgement, Signal } from '../core/types.js';

const params = z.object({}).strict();

export const noneSignal: Signal<unknown> = {
  name: 'none',
  reads: 'nothing',
  judge: (_prompt, xs): Judgement[] => xs.map(() => ({ score: 1, kept: true })),
  judgeInto: (_prompt, _xs, _ctx, out) => {
    out.score.fill(1);
    out.kept.fill(1);
  },
};

export const noneEntry: Entry<Signal<unknown>, z.infer<typeof params>> = {
  name: 'none',
  description: 'keeps everything (reads nothing: a closed loop)',
  params,
  create: () => noneSignal,
};
