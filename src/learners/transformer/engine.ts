/**
 * The one module that touches the tensor library (@jax-js/jax on its synchronous WebAssembly
 * backend). It computes the GPT's per-token log-probabilities and, for training, the weighted loss
 * and its gradient with respect to every parameter; weights live in plain Float32Arrays outside,
 * so swapping the library means rewriting only this file.
 *
 * Node 20 lacks iterator helpers, which jax-js's einsum (and so `nn.dotProductAttention`) needs;
 * attention is therefore written with matmul and an additive causal mask.
 */
import { jit, nn, numpy as np, tree, valueAndGrad, type Array as TensorArray } from '@jax-js/jax';
import type { ModelShape } from './config.js';
import { LAYER_NORM_EPSILON, parameterSpecs, type TensorSpec } from './model.js';

/** Added to masked attention scores; exp underflows to exactly 0 in float32. */
const MASKED = -1e9;

/** `rows` sequences of `context` positions, flattened row-major. */
export interface TokenBatch {
  rows: number;
  tokens: Int32Array;
  targets: Int32Array;
  /** Per-position loss weight; 0 for padding and for positions that are not scored. */
  weights: Float32Array;
  /** Training only: one dropout mask per site, each [rows, context, width] (dropout.ts). */
  dropout?: Float32Array[];
}

export interface LossAndGradients {
  /** Σ weight · (−ln p(target)), in nats. */
  loss: number;
  gradients: Float32Array[];
}

function layerNorm(x: TensorArray, gain: TensorArray, bias: TensorArray): TensorArray {
  const mean = np.mean(x.ref, -1, { keepdims: true });
  const centred = x.sub(mean);
  const variance = np.mean(np.square(centred.ref), -1, { keepdims: true });
  return centred.div(np.sqrt(variance.add(LAYER_NORM_EPSILON))).mul(gain).add(bias);
}

/**
 * ln p(target) at every position, shape [rows, context]. Consumes every parameter once, and every
 * dropout mask once when `dropout` is given (in the order of dropout.ts's sites). `logitBias` [vocab],
 * when given, is added to the logits first: MASKED at an id takes that id out of the distribution,
 * which renormalises over the others.
 */
function targetLogProbs(
  shape: ModelShape,
  mask: TensorArray,
  params: TensorArray[],
  tokens: TensorArray,
  targets: TensorArray,
  dropout: TensorArray[] | null,
  logitBias: TensorArray | null = null,
): TensorArray {
  const [rows, length] = tokens.shape;
  const { width: d, heads, vocabSize } = shape;
  const headWidth = d / heads;
  let cursor = 0;
  const next = (): TensorArray => params[cursor++];
  let site = 0;
  const drop = (activation: TensorArray): TensorArray => (dropout ? activation.mul(dropout[site++]) : activation);
  const wte = next();
  const wpe = next();
  let x = drop(np.take(shape.tiedHead ? wte.ref : wte, tokens, 0).add(wpe));
  for (let l = 0; l < shape.layers; l++) {
    const h = layerNorm(x.ref, next(), next());
    const qkv = np.matmul(h, next()).add(next()).reshape([rows, length, 3, heads, headWidth]);
    const [q, k, v] = np.split(qkv, 3, 2);
    const queries = q.reshape([rows, length, heads, headWidth]).transpose([0, 2, 1, 3]);
    const keys = k.reshape([rows, length, heads, headWidth]).transpose([0, 2, 3, 1]);
    const values = v.reshape([rows, length, heads, headWidth]).transpose([0, 2, 1, 3]);
    const scores = np.matmul(queries, keys).mul(1 / Math.sqrt(headWidth)).add(mask.ref);
    const attended = np.matmul(nn.softmax(scores, -1), values).transpose([0, 2, 1, 3]).reshape([rows, length, d]);
    x = x.add(drop(np.matmul(attended, next()).add(next())));
    const h2 = layerNorm(x.ref, next(), next());
    const hidden = nn.gelu(np.matmul(h2, next()).add(next()), { approximate: true });
    x = x.add(drop(np.matmul(hidden, next()).add(next())));
  }
  x = layerNorm(x, next(), next());
  const raw = shape.tiedHead ? np.matmul(x, wte.transpose()) : np.matmul(x, next());
  const logits = logitBias ? raw.add(logitBias) : raw;
  return np.sum(nn.logSoftmax(logits, -1).mul(nn.oneHot(targets, vocabSize)), -1);
}

type Step = (params: TensorArray[], tokens: TensorArray, targets: TensorArray, weights: TensorArray) => [TensorArray, TensorArray[]];
type DropoutStep = (...args: [...Parameters<Step>, dropout: TensorArray[]]) => ReturnType<Step>;

interface Compiled {
  forward: (params: TensorArray[], tokens: TensorArray, targets: TensorArray, logitBias: TensorArray) => TensorArray;
  /** The training step without dropout, and with it (masks as inputs). */
  step: Step;
  dropoutStep: DropoutStep;
}

/** Compiled functions are shared by every engine of the same shape, so each shape compiles once per process. */
const compiledByShape = new Map<string, Compiled>();

function compile(shape: ModelShape): Compiled {
  const key = JSON.stringify(shape);
  const cached = compiledByShape.get(key);
  if (cached) return cached;
  const C = shape.context;
  const maskValues = new Float32Array(C * C);
  for (let i = 0; i < C; i++) for (let j = i + 1; j < C; j++) maskValues[i * C + j] = MASKED;
  const mask = np.array(maskValues).reshape([C, C]);
  const logProbs = (params: TensorArray[], tokens: TensorArray, targets: TensorArray, logitBias: TensorArray): TensorArray =>
    targetLogProbs(shape, mask, params, tokens, targets, null, logitBias);
  const loss = (params: TensorArray[], tokens: TensorArray, targets: TensorArray, weights: TensorArray, dropout: TensorArray[] | null): TensorArray =>
    np.sum(targetLogProbs(shape, mask, params, tokens, targets, dropout).mul(weights)).mul(-1);
  const compiled: Compiled = {
    forward: jit(logProbs) as unknown as Compiled['forward'],
    step: jit(valueAndGrad((params: TensorArray[], tokens: TensorArray, targets: TensorArray, weights: TensorArray) => loss(params, tokens, targets, weights, null))) as unknown as Step,
    dropoutStep: jit(valueAndGrad(loss)) as unknown as DropoutStep,
  };
  compiledByShape.set(key, compiled);
  return compiled;
}

/** A model of one shape with its own uploaded weights; `setWeights` uploads, the other calls read that copy. */
export class Engine {
  private readonly specs: TensorSpec[];
  private readonly compiled: Compiled;
  private device: TensorArray[] | null = null;
  private owner: object | null = null;

  constructor(readonly shape: ModelShape) {
    this.specs = parameterSpecs(shape);
    this.compiled = compile(shape);
  }

  setWeights(weights: Float32Array[]): void {
    if (this.device) tree.dispose(this.device);
    this.owner = null;
    this.device = weights.map((values, i) => np.array(values).reshape(this.specs[i].shape));
  }

  private weights(): TensorArray[] {
    if (!this.device) throw new Error('Engine.setWeights must be called before use');
    return tree.ref(this.device);
  }

  private inputs(rows: number, tokens: Int32Array, targets: Int32Array): [TensorArray, TensorArray] {
    const shape = [rows, this.shape.context];
    return [np.array(tokens, { dtype: np.int32 }).reshape(shape), np.array(targets, { dtype: np.int32 }).reshape(shape)];
  }

  /**
   * ln p(target) per position, [rows · context], float32. With `excluded` ids, p is the model's
   * distribution conditioned on the next token not being one of them: p(target) / (1 − Σ p(excluded)).
   */
  tokenLogProbs(rows: number, tokens: Int32Array, targets: Int32Array, excluded: readonly number[] = []): Float32Array {
    const [tokenArray, targetArray] = this.inputs(rows, tokens, targets);
    const bias = new Float32Array(this.shape.vocabSize);
    for (const id of excluded) bias[id] = MASKED;
    return Float32Array.from(this.compiled.forward(this.weights(), tokenArray, targetArray, np.array(bias)).dataSync() as Float32Array);
  }

  lossAndGradients(batch: TokenBatch): LossAndGradients {
    const [tokenArray, targetArray] = this.inputs(batch.rows, batch.tokens, batch.targets);
    const { rows } = batch;
    const { context, width } = this.shape;
    const weightArray = np.array(batch.weights).reshape([rows, context]);
    const [value, gradients] = batch.dropout
      ? this.compiled.dropoutStep(this.weights(), tokenArray, targetArray, weightArray, batch.dropout.map((m) => np.array(m).reshape([rows, context, width])))
      : this.compiled.step(this.weights(), tokenArray, targetArray, weightArray);
    const loss = (value.dataSync() as Float32Array)[0];
    return { loss, gradients: gradients.map((g) => Float32Array.from(g.dataSync() as Float32Array)) };
  }

  /** Upload `weights` unless the weights named by `owner` are already on the device. */
  useWeights(owner: object, weights: Float32Array[]): this {
    if (this.owner !== owner) this.setWeights(weights);
    this.owner = owner;
    return this;
  }

  dispose(): void {
    if (this.device) tree.dispose(this.device);
    this.device = null;
  }
}

/** One engine per shape, shared by every learner of that shape: one copy of weights on the device, never leaked. */
const engines = new Map<string, Engine>();

export function sharedEngine(shape: ModelShape): Engine {
  const key = JSON.stringify(shape);
  let engine = engines.get(key);
  if (!engine) engines.set(key, (engine = new Engine(shape)));
  return engine;
}
