/**
 * The fast path of one generation for learners of numbers: candidates, judgements, selection and
 * training set live in typed-array columns instead of one object per candidate. It applies when the
 * learner, signal and selector implement their optional column methods, and yields exactly the
 * ledger row, model and checkpoint the object path (generation.ts) yields: every random stream is
 * forked and consumed in the same order, every sum runs in the same order.
 */
import { InfoloopError } from '../core/errors.js';
import type { Rng } from '../core/rng.js';
import type { Judged, JudgedColumns, Prompt, Weighted, WeightedColumns } from '../core/types.js';
import { accountScores } from '../ledger/accounting.js';
import { realDataBits } from '../ledger/policy-bits.js';
import type { Truth } from '../ledger/task-information.js';
import { promptBatches } from './batches.js';
import type { GenerationOutcome, LoopParts } from './generation.js';

const TRAIN = { split: 'train' } as const;

/** Whether every part of the loop can run the generation on columns. */
export function columnPathApplies(parts: LoopParts): boolean {
  const { learner, signal, selector } = parts;
  return !!(learner.sampleInto && learner.fitColumns && signal.judgeInto && selector.selectColumns);
}

/**
 * The columns of one loop's generations, reused from one generation to the next: fresh memory
 * costs page faults that, at n = 10⁶, take as long as the generation's arithmetic. An outcome
 * reads them only until the next generation of the same loop starts (`lease.stale` then).
 */
interface Workspace {
  x: Float64Array;
  score: Float64Array;
  kept: Uint8Array;
  /** The selection's indexes and weights, and the selected candidates (views of these are handed out). */
  selected: { index: Int32Array; weight: Float64Array };
  keptX: Float64Array;
  prompts: Prompt[];
  lease: { stale: boolean };
}

const workspaces = new WeakMap<LoopParts, Workspace>();

function workspace(parts: LoopParts, n: number, groups: number): Workspace {
  let space = workspaces.get(parts);
  if (space) space.lease.stale = true;
  if (!space || space.x.length !== n) {
    space = {
      x: new Float64Array(n),
      score: new Float64Array(n),
      kept: new Uint8Array(n),
      selected: { index: new Int32Array(n), weight: new Float64Array(n) },
      keptX: new Float64Array(n),
      prompts: [],
      lease: { stale: false },
    };
    workspaces.set(parts, space);
  }
  space.prompts.length = groups;
  space.score.fill(0); // a signal that skipped a candidate leaves a 0, never last generation's value
  space.kept.fill(0);
  space.lease = { stale: false };
  return space;
}

/** Sample and judge n candidates, `perPrompt` per prompt, like generateAndJudge but into columns. */
export function generateColumns(parts: LoopParts, n: number, perPrompt: number, rng: Rng, space = workspace(parts, n, Math.ceil(n / perPrompt))): JudgedColumns {
  const { task, learner, signal } = parts;
  const promptRng = rng.fork('prompts');
  const sampleRng = rng.fork('sample');
  const judgeRng = rng.fork('judge');
  const { x, score, kept, prompts } = space;
  const groups = prompts.length;
  for (let g = 0; g < groups; g++) {
    prompts[g] = task.prompt(promptRng, TRAIN);
  }
  // Prompts come from their own stream, so sampling a run of groups that share one prompt object
  // in one call draws the same values as one call per group.
  for (let g = 0; g < groups; ) {
    let next = g + 1;
    while (next < groups && prompts[next] === prompts[g]) next++;
    learner.sampleInto!(prompts[g], x, g * perPrompt, Math.min(n, next * perPrompt), sampleRng);
    g = next;
  }
  const ctx = { task, learner, rng: judgeRng };
  if (samePromptId(prompts)) {
    // one prompt for the whole generation (a fixed-prompt task): judge the columns in place
    signal.judgeInto!(prompts[0], x, ctx, { score, kept });
    return { x, perPrompt, prompts, score, kept };
  }
  for (const { prompt, indexes } of promptBatches(n, (i) => prompts[Math.floor(i / perPrompt)])) {
    const out = { score: new Float64Array(indexes.length), kept: new Uint8Array(indexes.length) };
    signal.judgeInto!(prompt, Float64Array.from(indexes, (i) => x[i]), ctx, out);
    indexes.forEach((i, j) => {
      score[i] = out.score[j];
      kept[i] = out.kept[j];
    });
  }
  return { x, perPrompt, prompts, score, kept };
}

function samePromptId(prompts: Prompt[]): boolean {
  for (let g = 1; g < prompts.length; g++) if (prompts[g] !== prompts[0] && prompts[g].id !== prompts[0].id) return false;
  return true;
}

/** The generation on columns; objects are built only for a policy or caller that asks for them. */
export function runColumnGeneration(parts: LoopParts, history: Weighted<unknown>[][], n: number, perPrompt: number, rng: Rng): GenerationOutcome {
  const { task, learner, selector, policy, signal } = parts;
  const space = workspace(parts, n, Math.ceil(n / perPrompt));
  const { lease } = space;
  const judged = generateColumns(parts, n, perPrompt, rng, space);
  const current = <T>(read: () => T): T => {
    if (lease.stale) throw new InfoloopError('E_INTERNAL', 'a generation outcome was read after the next generation of its loop started', 'read outcome.kept, .judged and .candidates before running the next generation');
    return read();
  };
  const { index, weight } = selector.selectColumns!(judged, rng.fork('select'), space.selected);
  const keptColumns: WeightedColumns = { x: gather(judged.x, index, space.keptX), weight, length: index.length };
  let keptObjects: Weighted<unknown>[] | null = null;
  const kept = (): Weighted<unknown>[] =>
    (keptObjects ??= Array.from(index, (i, k) => ({ prompt: promptOf(judged, i), x: judged.x[i], weight: weight[k] })));
  let training: { columns: WeightedColumns } | { examples: Weighted<unknown>[]; real: Weighted<unknown>[] };
  if (policy.trainingColumns) training = { columns: policy.trainingColumns(keptColumns) };
  else training = policy.trainingSet(kept(), history, { task, n, rng: rng.fork('policy') });
  const real = 'real' in training ? training.real : [];
  // Bits are measured against P_t, before the model is refit.
  const bits = accountScores(judged, index.length, {
    mode: selector.mode,
    reads: signal.reads,
    rng: rng.fork('account'),
    group: (i) => Math.floor(i / judged.perPrompt),
    imitationBits: null, // judgeInto never replaces a candidate
    truth: () => columnTruth(task, judged),
    policy: realDataBits(real, task, learner),
  });
  let fit;
  let trainingExamples: number;
  if ('columns' in training) {
    fit = learner.fitColumns!(training.columns, rng.fork('fit'));
    trainingExamples = training.columns.length;
  } else {
    fit = learner.fit(training.examples, rng.fork('fit'));
    trainingExamples = training.examples.length;
  }
  const evaluation = task.evaluate(learner, rng.fork('evaluate'));
  return {
    bits,
    n_generated: n,
    training_examples: trainingExamples,
    evaluation,
    fit,
    get candidates() {
      return current(() => judged.x);
    },
    get kept() {
      return current(kept);
    },
    get judged() {
      return current(() => judgedObjects(judged));
    },
  };
}

const promptOf = (judged: JudgedColumns, i: number): Prompt => judged.prompts[Math.floor(i / judged.perPrompt)];

/**
 * Ground truth for every judged candidate, as the object path's truthOf gives it: task.verify on
 * each (no object per candidate), or no labels when the task's verify is not ground truth (a
 * column signal writes no audit labels, so such a signal's bits are unmeasured on both paths).
 */
function columnTruth(task: LoopParts['task'], judged: JudgedColumns): Truth {
  const n = judged.x.length;
  if (task.groundTruth === false) return { source: 'audit', index: new Int32Array(0), correct: new Uint8Array(0) };
  const index = new Int32Array(n);
  const correct = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    index[i] = i;
    correct[i] = task.verify(promptOf(judged, i), judged.x[i]) ? 1 : 0;
  }
  return { source: 'ground-truth', index, correct };
}

/** values[index[k]] for every k, written into `into`; the values themselves when the index selects all of them in order. */
function gather(values: Float64Array, index: Int32Array, into: Float64Array): Float64Array {
  let identity = index.length === values.length;
  for (let k = 0; k < index.length && identity; k++) identity = index[k] === k;
  if (identity) return values;
  const out = into.subarray(0, index.length);
  for (let k = 0; k < index.length; k++) out[k] = values[index[k]];
  return out;
}

/** The judged candidates as the object path would hold them. */
export function judgedObjects(judged: JudgedColumns): Judged<unknown>[] {
  return Array.from(judged.x, (x, i) => ({
    prompt: promptOf(judged, i),
    x,
    group: Math.floor(i / judged.perPrompt),
    judgement: { score: judged.score[i], kept: judged.kept[i] === 1 },
  }));
}
