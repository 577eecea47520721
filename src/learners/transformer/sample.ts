/**
 * Token-by-token decoding with a key/value cache, in plain JavaScript (no tensor library, so it
 * also runs in worker threads). Each new token costs one pass over the weights plus attention to
 * the cached keys, so generating n answers of length L is O(n·L) passes, not O(n·L²). When the
 * cache is full (position = context) it is rebuilt from the last context/2 tokens.
 */
import type { Rng } from '../../core/rng.js';
import type { ModelShape } from './config.js';
import { LAYER_NORM_EPSILON, parameterIndex } from './model.js';

const GELU_C = Math.sqrt(2 / Math.PI);

export interface Cache {
  /** Per layer: keys and values, context × width. */
  keys: Float32Array[];
  values: Float32Array[];
  length: number;
}

export interface SamplingOptions {
  temperature: number;
  /** Keep only the k most likely tokens (0: all). */
  topK: number;
  /** Only ids below this are drawn (a BPE tokenizer may have learned fewer ids than the model has). */
  vocabulary?: number;
}

function layerNorm(x: Float64Array, gain: Float32Array, bias: Float32Array, out: Float64Array): void {
  const d = x.length;
  let mean = 0;
  for (let i = 0; i < d; i++) mean += x[i];
  mean /= d;
  let variance = 0;
  for (let i = 0; i < d; i++) variance += (x[i] - mean) ** 2;
  const inverseStd = 1 / Math.sqrt(variance / d + LAYER_NORM_EPSILON);
  for (let i = 0; i < d; i++) out[i] = (x[i] - mean) * inverseStd * gain[i] + bias[i];
}

/** out = x · W + b with W n×m row-major. */
function matVec(x: Float64Array, W: Float32Array, b: Float32Array | null, out: Float64Array): void {
  const n = x.length;
  const m = out.length;
  if (b) for (let j = 0; j < m; j++) out[j] = b[j];
  else out.fill(0);
  for (let i = 0; i < n; i++) {
    const xi = x[i];
    const row = i * m;
    for (let j = 0; j < m; j++) out[j] += xi * W[row + j];
  }
}

export class Decoder {
  private readonly p: (name: string) => Float32Array;
  private readonly x: Float64Array;
  private readonly h: Float64Array;
  private readonly qkv: Float64Array;
  private readonly attended: Float64Array;
  private readonly projected: Float64Array;
  private readonly hidden: Float64Array;
  private readonly scores: Float64Array;
  readonly logits: Float64Array;

  constructor(readonly shape: ModelShape, params: Float32Array[]) {
    const index = parameterIndex(shape);
    this.p = (name) => params[index.get(name)!];
    const d = shape.width;
    this.x = new Float64Array(d);
    this.h = new Float64Array(d);
    this.qkv = new Float64Array(3 * d);
    this.attended = new Float64Array(d);
    this.projected = new Float64Array(d);
    this.hidden = new Float64Array(4 * d);
    this.scores = new Float64Array(shape.context);
    this.logits = new Float64Array(shape.vocabSize);
  }

  newCache(): Cache {
    const size = this.shape.context * this.shape.width;
    return {
      keys: Array.from({ length: this.shape.layers }, () => new Float32Array(size)),
      values: Array.from({ length: this.shape.layers }, () => new Float32Array(size)),
      length: 0,
    };
  }

  copyCache(cache: Cache): Cache {
    return { keys: cache.keys.map((k) => k.slice()), values: cache.values.map((v) => v.slice()), length: cache.length };
  }

  /** Feed one token at position `cache.length`; `this.logits` then holds the next-token logits. */
  step(cache: Cache, token: number): Float64Array {
    const { width: d, heads, layers, vocabSize } = this.shape;
    const position = cache.length;
    const headWidth = d / heads;
    const { x, h, qkv, attended, projected, hidden, scores } = this;
    const wte = this.p('wte');
    const wpe = this.p('wpe');
    for (let i = 0; i < d; i++) x[i] = wte[token * d + i] + wpe[position * d + i];
    for (let l = 0; l < layers; l++) {
      const n = (s: string): Float32Array => this.p(`h${l}.${s}`);
      layerNorm(x, n('ln1.gain'), n('ln1.bias'), h);
      matVec(h, n('attn.wqkv'), n('attn.bqkv'), qkv);
      const keys = cache.keys[l];
      const values = cache.values[l];
      for (let i = 0; i < d; i++) {
        keys[position * d + i] = qkv[d + i];
        values[position * d + i] = qkv[2 * d + i];
      }
      attended.fill(0);
      for (let head = 0; head < heads; head++) {
        const offset = head * headWidth;
        let max = -Infinity;
        for (let j = 0; j <= position; j++) {
          let s = 0;
          for (let c = 0; c < headWidth; c++) s += qkv[offset + c] * keys[j * d + offset + c];
          scores[j] = s / Math.sqrt(headWidth);
          if (scores[j] > max) max = scores[j];
        }
        let total = 0;
        for (let j = 0; j <= position; j++) total += scores[j] = Math.exp(scores[j] - max);
        for (let j = 0; j <= position; j++) {
          const weight = scores[j] / total;
          for (let c = 0; c < headWidth; c++) attended[offset + c] += weight * values[j * d + offset + c];
        }
      }
      matVec(attended, n('attn.wo'), n('attn.bo'), projected);
      for (let i = 0; i < d; i++) x[i] += projected[i];
      layerNorm(x, n('ln2.gain'), n('ln2.bias'), h);
      matVec(h, n('mlp.w1'), n('mlp.b1'), hidden);
      for (let i = 0; i < hidden.length; i++) {
        const u = hidden[i];
        hidden[i] = 0.5 * u * (1 + Math.tanh(GELU_C * (u + 0.044715 * u * u * u)));
      }
      matVec(hidden, n('mlp.w2'), n('mlp.b2'), projected);
      for (let i = 0; i < d; i++) x[i] += projected[i];
    }
    layerNorm(x, this.p('lnf.gain'), this.p('lnf.bias'), h);
    if (this.shape.tiedHead) {
      for (let v = 0; v < vocabSize; v++) {
        let s = 0;
        for (let i = 0; i < d; i++) s += h[i] * wte[v * d + i];
        this.logits[v] = s;
      }
    } else matVec(h, this.p('head'), null, this.logits);
    cache.length = position + 1;
    return this.logits;
  }

  /** Fill a fresh cache with `tokens` (only the last context/2 of them unless one more token still fits). */
  prefill(tokens: number[]): Cache {
    const cache = this.newCache();
    const start = tokens.length >= this.shape.context ? tokens.length - Math.max(1, this.shape.context >> 1) : 0;
    for (let i = start; i < tokens.length; i++) this.step(cache, tokens[i]);
    return cache;
  }
}

/** A token drawn from logits at a temperature, restricted to the top k (ties at the k-th kept). */
export function drawToken(logits: Float64Array, options: SamplingOptions, rng: Rng): number {
  const V = Math.min(logits.length, options.vocabulary ?? logits.length);
  let threshold = -Infinity;
  if (options.topK > 0 && options.topK < V) threshold = Array.from(logits.subarray(0, V)).sort((a, b) => b - a)[options.topK - 1];
  let max = -Infinity;
  for (let v = 0; v < V; v++) if (logits[v] > max) max = logits[v];
  const weights = new Float64Array(V);
  let total = 0;
  for (let v = 0; v < V; v++) if (logits[v] >= threshold) total += weights[v] = Math.exp((logits[v] - max) / options.temperature);
  let u = rng.next() * total;
  for (let v = 0; v < V; v++) {
    u -= weights[v];
    if (u < 0) return v;
  }
  for (let v = V - 1; v >= 0; v--) if (weights[v] > 0) return v;
  return 0;
}

export interface GenerateRequest {
  /** prompt + SEP */
  context: number[];
  maxTokens: number;
  /** Stop once this many characters were produced (Infinity: no limit). */
  maxChars: number;
  /** EOS cannot be drawn before this many characters (0: any time). */
  minChars?: number;
  eos: number;
  /** Characters each token adds (for maxChars). */
  charsOf: (token: number) => number;
}

/**
 * One answer per stream: the context is encoded once and its cache copied for every answer.
 * Ids stop before EOS or at a limit.
 */
export function generate(decoder: Decoder, request: GenerateRequest, streams: Rng[], options: SamplingOptions): number[][] {
  const context = request.context;
  const base = decoder.prefill(context);
  const baseLogits = Float64Array.from(decoder.logits);
  return streams.map((rng) => {
    let cache = decoder.copyCache(base);
    let logits: Float64Array = Float64Array.from(baseLogits);
    const answer: number[] = [];
    let chars = 0;
    while (answer.length < request.maxTokens && chars < request.maxChars) {
      if (chars < (request.minChars ?? 0)) logits[request.eos] = -Infinity; // too short to end yet
      const token = drawToken(logits, options, rng);
      if (token === request.eos) break;
      answer.push(token);
      chars += request.charsOf(token);
      if (cache.length >= decoder.shape.context) cache = decoder.prefill([...context, ...answer].slice(0, -1));
      logits = decoder.step(cache, token);
    }
    return answer;
  });
}
