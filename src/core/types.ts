/**
 * The interfaces every layer shares. A task, learner, signal, selector or policy is one file
 * implementing one of these, plus one registry line; the engine never branches on a concrete kind.
 */
import type { Rng } from './rng.js';

/** Which held-out axis a prompt belongs to (tasks that have no split use 'train'). */
export type Split = 'train' | 'heldout';

/** One task instance. `text` is what a text learner conditions on; other fields are for the task. */
export interface Prompt {
  id: string;
  text: string;
  family?: string;
  domain?: string;
  form?: string;
  difficulty?: number;
  split?: Split;
  /** Task-private data needed to verify answers (numbers, the instance's parameters). */
  data?: unknown;
}

export interface PromptOptions {
  split?: Split;
  difficulty?: number;
  form?: string;
}

/** A training example with its weight (1 for plain data). */
export interface Weighted<X> {
  prompt: Prompt;
  x: X;
  weight: number;
}

/** A distribution a learner or task can state in closed form. */
export type Distribution =
  | { kind: 'categorical'; probs: Float64Array }
  | { kind: 'gaussian'; mean: number; variance: number };

/** What `evaluate` reports of a model; every field is optional, missing ones are written as null. */
export interface Evaluation {
  gap_bits?: number | null;
  accuracy?: number | null;
  heldout_accuracy?: number | null;
  entropy_bits?: number | null;
  support?: number | null;
  extras?: Record<string, unknown>;
}

export interface Task<X> {
  name: string;
  /** A fresh instance. */
  prompt(rng: Rng, options?: PromptOptions): Prompt;
  /** Ground truth. */
  verify(prompt: Prompt, x: X): boolean;
  /**
   * false when `verify` is not ground truth (text accepts every answer): the ledger then cannot
   * measure what a task-reading signal carries about correctness without audit labels. Default true.
   */
  groundTruth?: boolean;
  /** Graded score in [0, 1] (default: 1 if verified else 0). */
  score?(prompt: Prompt, x: X): number;
  /** A correct answer for the instance (imitation, real data). */
  reference?(prompt: Prompt, rng: Rng): X;
  /** n draws from the task's real data distribution (the `mix` policy). */
  real?(n: number, rng: Rng): Weighted<X>[];
  /** Real training data the learner is fit on before generation 0 (text tasks). */
  initialData?(rng: Rng): Weighted<X>[];
  /** The target distribution P* for a prompt, when the task defines one. */
  target?(prompt: Prompt): Distribution;
  /** Measure a model: gap, accuracy, entropy, support. */
  evaluate(learner: Learner<X>, rng: Rng): Evaluation;
}

export interface FitStats {
  examples: number;
  [key: string]: number;
}

/** A learner's saved state: JSON-safe `json`, plus optional raw bytes (weights, count tables). */
export interface Snapshot {
  learner: string;
  json: unknown;
  binary?: Uint8Array;
}

/**
 * A batch of numeric training examples as columns: example i is (x[i], weight[i]) for i < length.
 * The fast path of scalar learners: no object per example.
 */
export interface WeightedColumns {
  x: Float64Array;
  weight: Float64Array;
  length: number;
}

export interface Learner<X> {
  name: string;
  sample(prompt: Prompt, n: number, rng: Rng): X[];
  /** log2 probability of x given the prompt (bits, ≤ 0). */
  logProb(prompt: Prompt, x: X): number;
  /** One generation of training on a weighted batch. */
  fit(batch: Weighted<X>[], rng: Rng): FitStats;
  snapshot(): Snapshot;
  restore(snapshot: Snapshot): void;
  /** The model's distribution in closed form, when it has one (categorical, gaussian). */
  distribution?(prompt: Prompt): Distribution;
  /** Text learners: total bits to encode a running text left to right (held-out cross-entropy). */
  textBits?(text: string): { bits: number; chars: number };
  /** Awaited once before first use, for learners whose engine starts asynchronously. */
  ready?(): Promise<void>;
  /**
   * Optional fast path for learners of numbers: writes into out[from..to) exactly what
   * `sample(prompt, to − from, rng)` returns, consuming `rng` the same way. Draws for one prompt
   * are independent: filling [a, b) then [b, c) equals filling [a, c).
   */
  sampleInto?(prompt: Prompt, out: Float64Array, from: number, to: number, rng: Rng): void;
  /** Optional fast path: the same training step as `fit` on the same examples given as columns. */
  fitColumns?(batch: WeightedColumns, rng: Rng): FitStats;
  /** Text learners: next-token probabilities step by step (serving with temperature, top_p, stop, logprobs). */
  tokenStepper?(): TokenStepper;
  /** Several prompts' samples at once (learners that gain from concurrency); draws from `rng` as `sample` would in order. */
  sampleBatch?(requests: { prompt: Prompt; n: number }[], rng: Rng): X[][];
  /** Counters since the last call (tokens, requests, cost), added to the ledger row's extras. */
  usage?(): Record<string, number | string | null>;
  /** Learners behind an HTTP endpoint: where the current model is served (a judge may ask the same model). */
  endpointTarget?(): { baseUrl: string; model: string; apiKey: string };
  /** Lines for meta.json: what this learner cannot measure, and which ledger columns that leaves null. */
  notes?: readonly string[];
}

/** A text model's tokens and its next-token distribution, one decoding at a time. */
export interface TokenStepper {
  vocabSize: number;
  eos: number;
  /** The bytes a token stands for (empty for specials). */
  tokenBytes(id: number): Uint8Array;
  decode(ids: number[]): string;
  /** Tokens of a text (usage counts). */
  encode(text: string): number[];
  /** Begin an answer to `promptText`; the cursor's context is prompt + separator. */
  start(promptText: string): TokenCursor;
}

export interface TokenCursor {
  /** Tokens the answer is conditioned on. */
  contextTokens: number;
  /** Next-token probabilities after the tokens so far, written into `out` (length vocabSize). */
  probabilities(out: Float64Array): void;
  push(token: number): void;
}

/** What a signal reads decides whether a loop is open. */
export type Reads = 'task' | 'model' | 'nothing';

export interface Judgement<X = unknown> {
  /** Graded score (binary signals use 0/1). */
  score: number;
  /** For filter-style signals: keep this sample. */
  kept?: boolean;
  /** Named parts of a graded score (rubrics), or recorded features (spurious signals). */
  components?: Record<string, number>;
  /** Imitation: train on this instead of the sample (the reference answer). */
  replacement?: X;
  /** Ground-truth correctness from a labelled audit, for tasks whose `verify` is not ground truth. */
  audit?: boolean;
}

export interface JudgeContext<X> {
  task: Task<X>;
  learner: Learner<X>;
  rng: Rng;
}

export interface Signal<X> {
  name: string;
  reads: Reads;
  judge(prompt: Prompt, xs: X[], ctx: JudgeContext<X>): Judgement<X>[];
  /** Signals that call a model: requests, tokens, cost and failures since the last row (ledger extras). */
  usage?(): Record<string, number>;
  /**
   * Optional fast path for numeric candidates: the judgements `judge(prompt, [...xs], ctx)` would
   * return, written as score[i] and kept[i] (1 unless rejected); never a replacement or components.
   */
  judgeInto?(prompt: Prompt, xs: Float64Array, ctx: JudgeContext<X>, out: ScoreColumns): void;
  /**
   * Signals measured on a labelled audit sample instead of free ground truth: correctness labels for
   * some of a generation's judged candidates, or null when this generation is not audited (its
   * injected bits are then unmeasured).
   */
  audit?(judged: Judged<X>[], ctx: AuditContext<X>): AuditLabels | null;
}

export interface AuditContext<X> extends JudgeContext<X> {
  /** The generation being accounted (1, 2, ...). */
  generation: number;
}

/** Correctness of some judged candidates: candidate `index[k]` is correct iff `correct[k]`. */
export interface AuditLabels {
  index: number[];
  correct: boolean[];
}

/** Judgements as columns: score[i], and kept[i] = 0 where the signal rejected candidate i, else 1. */
export interface ScoreColumns {
  score: Float64Array;
  kept: Uint8Array;
}

/**
 * A generation's judged numeric candidates as columns. Candidates come `perPrompt` to a prompt, so
 * candidate i answers prompts[floor(i / perPrompt)] (its group).
 */
export interface JudgedColumns extends ScoreColumns {
  x: Float64Array;
  perPrompt: number;
  prompts: Prompt[];
}

/** What a selector picked from JudgedColumns: candidate index[i] trains with weight[i]. */
export interface SelectedColumns {
  index: Int32Array;
  weight: Float64Array;
}

/** One judged candidate; `group` indexes the prompt it answers. */
export interface Judged<X> {
  prompt: Prompt;
  x: X;
  group: number;
  judgement: Judgement<X>;
}

/** How a selector shapes the training distribution, which decides how its bits are counted. */
export type SelectionMode = 'filter' | 'weight' | 'best-of-n';

export interface Selector {
  name: string;
  mode: SelectionMode;
  select<X>(judged: Judged<X>[], rng: Rng): Weighted<X>[];
  /**
   * Optional fast path: the same choice as `select` on judged candidates given as columns. When
   * `scratch` is given it has room for one entry per candidate, and the selector may write into it
   * and return views of it (the loop reuses it from generation to generation).
   */
  selectColumns?(judged: JudgedColumns, rng: Rng, scratch?: SelectedColumns): SelectedColumns;
}

/** Builds each generation's training set from what was kept (replace / accumulate / mix). */
export interface Policy {
  name: string;
  /**
   * `history` holds the kept sets of earlier generations, oldest first; it is saved in checkpoints.
   * `real` lists the fresh real examples inside `examples` (their bits are counted as the policy's).
   */
  trainingSet<X>(kept: Weighted<X>[], history: Weighted<X>[][], context: PolicyContext<X>): { examples: Weighted<X>[]; real: Weighted<X>[] };
  /** Optional fast path for numeric examples: the same training set as `trainingSet` (which adds no real examples), as columns. */
  trainingColumns?(kept: WeightedColumns): WeightedColumns;
  /** Whether the engine must keep the history of kept sets (accumulate). */
  keepsHistory: boolean;
  /** 'task' when the policy brings in fresh real data (mix), which opens the loop too. */
  reads: Reads;
}

export interface PolicyContext<X> {
  task: Task<X>;
  n: number;
  rng: Rng;
}
