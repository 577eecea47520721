/**
 * One generation: generate → judge → select → account → build the training set → fit → measure.
 * Every random choice comes from the generation's own stream, so a resumed run repeats it exactly.
 * Learners of numbers whose parts all have column methods take the equivalent path in columns.ts.
 */
import { InfoloopError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { Evaluation, FitStats, Judged, Learner, Policy, Prompt, Selector, Signal, Task, Weighted } from '../core/types.js';
import { accountGeneration, type GenerationBits } from '../ledger/accounting.js';
import { promptBatches } from './batches.js';
import { columnPathApplies, runColumnGeneration } from './columns.js';

export interface LoopParts {
  task: Task<unknown>;
  learner: Learner<unknown>;
  signal: Signal<unknown>;
  selector: Selector;
  policy: Policy;
}

export interface GenerationOutcome {
  bits: GenerationBits;
  n_generated: number;
  training_examples: number;
  evaluation: Evaluation;
  fit: FitStats;
  /** The generated candidates, in order (on the column path: until the loop's next generation). */
  readonly candidates: ArrayLike<unknown>;
  /** What was selected, as training examples (on the column path: built on first read, before the next generation). */
  readonly kept: Weighted<unknown>[];
  /** The judged candidates (built on first read on the column path). */
  readonly judged: Judged<unknown>[];
}

/**
 * Candidates for one generation: `perPrompt` samples for each of ceil(n / perPrompt) prompts.
 * Candidates answering the same prompt (same id) are judged in one call, so batch-relative signals
 * (self-judge's median, majority vote) see the whole batch of a fixed-prompt task.
 */
export function generateAndJudge(parts: LoopParts, n: number, perPrompt: number, rng: Rng): Judged<unknown>[] {
  const { task, learner, signal } = parts;
  const promptRng = rng.fork('prompts');
  const sampleRng = rng.fork('sample');
  const judgeRng = rng.fork('judge');
  const candidates: Omit<Judged<unknown>, 'judgement'>[] = [];
  if (learner.sampleBatch) {
    // one call for the whole generation (endpoint learners send it concurrently); same streams as below
    const requests: { prompt: Prompt; n: number }[] = [];
    for (let remaining = n; remaining > 0; remaining -= perPrompt) requests.push({ prompt: task.prompt(promptRng, { split: 'train' }), n: Math.min(perPrompt, remaining) });
    learner.sampleBatch(requests, sampleRng).forEach((xs, group) => xs.forEach((x) => candidates.push({ prompt: requests[group].prompt, x, group })));
  }
  for (let group = 0, remaining = learner.sampleBatch ? 0 : n; remaining > 0; group++) {
    const k = Math.min(perPrompt, remaining);
    const prompt = task.prompt(promptRng, { split: 'train' });
    for (const x of learner.sample(prompt, k, sampleRng)) candidates.push({ prompt, x, group });
    remaining -= k;
  }
  const judged: Judged<unknown>[] = new Array(candidates.length);
  for (const { prompt, indexes } of promptBatches(candidates.length, (i) => candidates[i].prompt)) {
    const judgements = signal.judge(prompt, indexes.map((i) => candidates[i].x), { task, learner, rng: judgeRng });
    if (judgements.length !== indexes.length) {
      throw new InfoloopError('E_RUN', `signal "${signal.name}" returned ${judgements.length} judgements for ${indexes.length} candidates`, 'a signal must judge every candidate once', 1);
    }
    indexes.forEach((i, j) => (judged[i] = { ...candidates[i], judgement: judgements[j] }));
  }
  return judged;
}

export function runGeneration(
  parts: LoopParts,
  history: Weighted<unknown>[][],
  n: number,
  perPrompt: number,
  rng: Rng,
  generation: number,
): GenerationOutcome {
  if (columnPathApplies(parts)) return runColumnGeneration(parts, history, n, perPrompt, rng);
  return runObjectGeneration(parts, history, n, perPrompt, rng, generation);
}

/** The generation with one object per candidate: any learner, signal, selector and policy. */
export function runObjectGeneration(
  parts: LoopParts,
  history: Weighted<unknown>[][],
  n: number,
  perPrompt: number,
  rng: Rng,
  generation: number,
): GenerationOutcome {
  const judged = generateAndJudge(parts, n, perPrompt, rng);
  const { signal, task, learner } = parts;
  const kept = parts.selector.select(judged, rng.fork('select'));
  const training = parts.policy.trainingSet(kept, history, { task: parts.task, n, rng: rng.fork('policy') });
  // Bits are measured against P_t, before the model is refit.
  const bits = accountGeneration(judged, kept, {
    mode: parts.selector.mode, reads: signal.reads, learner, task, rng: rng.fork('account'), real: training.real,
    audit: signal.audit ? () => signal.audit!(judged, { task, learner, rng: rng.fork('audit'), generation }) : undefined,
  });
  const fit = parts.learner.fit(training.examples, rng.fork('fit'));
  const evaluation = parts.task.evaluate(parts.learner, rng.fork('evaluate'));
  return { bits, n_generated: judged.length, kept, training_examples: training.examples.length, evaluation, fit, judged, candidates: judged.map((j) => j.x) };
}

/** Generation 0: fit the task's real training data, if it has any, and measure the initial model. */
export function initialModel(parts: LoopParts, rng: Rng): { evaluation: Evaluation; extras: Record<string, unknown> } {
  const initial = parts.task.initialData?.(rng.fork('initial-data'));
  const extras: Record<string, unknown> = {};
  if (initial && initial.length > 0) extras.fit = parts.learner.fit(initial, rng.fork('fit'));
  return { evaluation: parts.task.evaluate(parts.learner, rng.fork('evaluate')), extras };
}
