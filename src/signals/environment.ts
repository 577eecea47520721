/**
 * The answer is a sequence of actions executed against the task's state machine (e.g. the
 * grid-walk family); the total reward is the only signal: score = reward, kept = reward ≥ threshold.
 * Reads the task (the environment is part of it).
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Prompt, Signal, Task } from '../core/types.js';

/** The state machine a task offers for a prompt (the gym's grid-walk family), or undefined. */
export interface StateMachine {
  parse(answer: string): string[];
  reset(): void;
  step(action: string): { reward: number; done: boolean };
}

export interface EnvironmentTask {
  environment(prompt: Prompt): StateMachine | undefined;
}

export function hasEnvironment(task: Task<unknown>): task is Task<unknown> & EnvironmentTask {
  return typeof (task as Partial<EnvironmentTask>).environment === 'function';
}

/** Runs the actions until the episode ends; rewards summed and rounded to 1e-9 so that fractions add up exactly. */
export function episodeReward(machine: StateMachine, answer: unknown): { reward: number; steps: number } {
  if (typeof answer !== 'string') return { reward: 0, steps: 0 };
  machine.reset();
  let reward = 0;
  let steps = 0;
  for (const action of machine.parse(answer)) {
    const outcome = machine.step(action);
    reward += outcome.reward;
    steps++;
    if (outcome.done) break;
  }
  return { reward: Math.round(reward * 1e9) / 1e9, steps };
}

const params = z.object({ threshold: z.number().default(1) }).strict();
export type EnvironmentParams = z.infer<typeof params>;

const needsEnvironment = (what: string) =>
  new InfoloopError('E_CONFIG', `signal "environment" needs a task whose prompts are environments; ${what}`, 'use task: { name: grid-walk } (or gym with families: [grid-walk])');

export function environmentSignal({ threshold }: EnvironmentParams): Signal<unknown> {
  return {
    name: 'environment',
    reads: 'task',
    judge: (prompt, xs, { task }) => {
      const machine = hasEnvironment(task) ? task.environment(prompt) : undefined;
      if (!machine) throw needsEnvironment(`prompt ${prompt.id} of task "${task.name}" has none`);
      return xs.map((x) => {
        const { reward, steps } = episodeReward(machine, x);
        return { score: reward, kept: reward >= threshold, components: { reward, steps } };
      });
    },
  };
}

export const environmentEntry: Entry<Signal<unknown>, EnvironmentParams> = {
  name: 'environment',
  description: 'executes the answer as actions in the task\'s state machine; the reward is the score (reads the task)',
  params,
  create: (p: EnvironmentParams, { task }) => {
    if (task && !hasEnvironment(task)) throw needsEnvironment(`task "${task.name}" has none`);
    return environmentSignal(p);
  },
};
