/**
 * The slow, obvious float64 GPT used only by tests: the same forward pass as the engine, written
 * as loops, and its backward pass written by hand beside it (micrograd/llm.c style), so the fast
 * engine's loss and gradients can be checked against it and it can be checked by finite differences.
 */
import type { Rng } from '../../core/rng.js';
import type { ModelShape } from './config.js';
import type { TokenBatch } from './engine.js';
import { LAYER_NORM_EPSILON, parameterSpecs, tensorSize } from './model.js';

type Vec = Float64Array;
const GELU_C = Math.sqrt(2 / Math.PI);

/** y[t] = x[t] · W + b for T rows; W is n×m row-major. */
function linear(x: Vec, W: ArrayLike<number>, b: ArrayLike<number> | null, T: number, n: number, m: number): Vec {
  const y = new Float64Array(T * m);
  for (let t = 0; t < T; t++)
    for (let j = 0; j < m; j++) {
      let s = b ? b[j] : 0;
      for (let i = 0; i < n; i++) s += x[t * n + i] * W[i * m + j];
      y[t * m + j] = s;
    }
  return y;
}

/** Gradients of `linear`: accumulates dW, db; returns dx. */
function linearBack(dy: Vec, x: Vec, W: ArrayLike<number>, dW: Vec, db: Vec | null, T: number, n: number, m: number): Vec {
  const dx = new Float64Array(T * n);
  for (let t = 0; t < T; t++)
    for (let j = 0; j < m; j++) {
      const g = dy[t * m + j];
      if (db) db[j] += g;
      for (let i = 0; i < n; i++) {
        dW[i * m + j] += x[t * n + i] * g;
        dx[t * n + i] += g * W[i * m + j];
      }
    }
  return dx;
}

interface NormCache { normalised: Vec; inverseStd: Vec }

function layerNorm(x: Vec, gain: ArrayLike<number>, bias: ArrayLike<number>, T: number, d: number): [Vec, NormCache] {
  const y = new Float64Array(T * d);
  const normalised = new Float64Array(T * d);
  const inverseStd = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let mean = 0;
    for (let i = 0; i < d; i++) mean += x[t * d + i];
    mean /= d;
    let variance = 0;
    for (let i = 0; i < d; i++) variance += (x[t * d + i] - mean) ** 2;
    variance /= d;
    inverseStd[t] = 1 / Math.sqrt(variance + LAYER_NORM_EPSILON);
    for (let i = 0; i < d; i++) {
      normalised[t * d + i] = (x[t * d + i] - mean) * inverseStd[t];
      y[t * d + i] = normalised[t * d + i] * gain[i] + bias[i];
    }
  }
  return [y, { normalised, inverseStd }];
}

function layerNormBack(dy: Vec, cache: NormCache, gain: ArrayLike<number>, dGain: Vec, dBias: Vec, T: number, d: number): Vec {
  const dx = new Float64Array(T * d);
  for (let t = 0; t < T; t++) {
    let meanD = 0;
    let meanDX = 0;
    for (let i = 0; i < d; i++) {
      const dn = dy[t * d + i] * gain[i];
      dGain[i] += dy[t * d + i] * cache.normalised[t * d + i];
      dBias[i] += dy[t * d + i];
      meanD += dn;
      meanDX += dn * cache.normalised[t * d + i];
    }
    meanD /= d;
    meanDX /= d;
    for (let i = 0; i < d; i++) {
      const dn = dy[t * d + i] * gain[i];
      dx[t * d + i] = cache.inverseStd[t] * (dn - meanD - cache.normalised[t * d + i] * meanDX);
    }
  }
  return dx;
}

const gelu = (u: number): number => 0.5 * u * (1 + Math.tanh(GELU_C * (u + 0.044715 * u ** 3)));
function geluGrad(u: number): number {
  const th = Math.tanh(GELU_C * (u + 0.044715 * u ** 3));
  return 0.5 * (1 + th) + 0.5 * u * (1 - th * th) * GELU_C * (1 + 3 * 0.044715 * u * u);
}

/** Causal multi-head attention on q|k|v rows of width 3d; returns [output, probabilities per head]. */
function attention(qkv: Vec, T: number, d: number, heads: number): [Vec, Vec[]] {
  const hw = d / heads;
  const out = new Float64Array(T * d);
  const probs: Vec[] = [];
  for (let h = 0; h < heads; h++) {
    const p = new Float64Array(T * T);
    for (let i = 0; i < T; i++) {
      let max = -Infinity;
      for (let j = 0; j <= i; j++) {
        let s = 0;
        for (let c = 0; c < hw; c++) s += qkv[i * 3 * d + h * hw + c] * qkv[j * 3 * d + d + h * hw + c];
        p[i * T + j] = s / Math.sqrt(hw);
        max = Math.max(max, p[i * T + j]);
      }
      let total = 0;
      for (let j = 0; j <= i; j++) total += p[i * T + j] = Math.exp(p[i * T + j] - max);
      for (let j = 0; j <= i; j++) {
        p[i * T + j] /= total;
        for (let c = 0; c < hw; c++) out[i * d + h * hw + c] += p[i * T + j] * qkv[j * 3 * d + 2 * d + h * hw + c];
      }
    }
    probs.push(p);
  }
  return [out, probs];
}

function attentionBack(dOut: Vec, qkv: Vec, probs: Vec[], T: number, d: number, heads: number): Vec {
  const hw = d / heads;
  const dqkv = new Float64Array(T * 3 * d);
  const scale = 1 / Math.sqrt(hw);
  for (let h = 0; h < heads; h++) {
    const p = probs[h];
    for (let i = 0; i < T; i++) {
      const dp = new Float64Array(i + 1);
      let weighted = 0;
      for (let j = 0; j <= i; j++) {
        for (let c = 0; c < hw; c++) {
          dp[j] += dOut[i * d + h * hw + c] * qkv[j * 3 * d + 2 * d + h * hw + c];
          dqkv[j * 3 * d + 2 * d + h * hw + c] += p[i * T + j] * dOut[i * d + h * hw + c];
        }
        weighted += p[i * T + j] * dp[j];
      }
      for (let j = 0; j <= i; j++) {
        const ds = p[i * T + j] * (dp[j] - weighted) * scale;
        for (let c = 0; c < hw; c++) {
          dqkv[i * 3 * d + h * hw + c] += ds * qkv[j * 3 * d + d + h * hw + c];
          dqkv[j * 3 * d + d + h * hw + c] += ds * qkv[i * 3 * d + h * hw + c];
        }
      }
    }
  }
  return dqkv;
}

export interface OracleResult {
  /** Σ weight · (−ln p(target)), nats. */
  loss: number;
  gradients: Float64Array[];
  /** ln p(target) per position. */
  logProbs: Float64Array;
}

/** Loss, gradients and per-position log-probabilities of a batch (with its dropout masks, if any), all in float64. */
export function oracle(shape: ModelShape, params: ArrayLike<number>[], batch: TokenBatch): OracleResult {
  const { context: T, width: d, heads, vocabSize: V, layers } = shape;
  const specs = parameterSpecs(shape);
  const gradients = specs.map((s) => new Float64Array(tensorSize(s.shape)));
  const at = new Map(specs.map((s, i) => [s.name, i]));
  const P = (name: string): ArrayLike<number> => params[at.get(name)!];
  const G = (name: string): Float64Array => gradients[at.get(name)!];
  const headWeights = shape.tiedHead ? null : P('head');
  const logProbs = new Float64Array(batch.rows * T);
  let loss = 0;
  for (let r = 0; r < batch.rows; r++) {
    const tokens = batch.tokens.subarray(r * T, (r + 1) * T);
    // this row's dropout mask at each site (dropout.ts order), or all ones
    const ones = new Float64Array(T * d).fill(1);
    const sites = batch.dropout?.map((mask) => mask.subarray(r * T * d, (r + 1) * T * d));
    const keep = (site: number): ArrayLike<number> => sites?.[site] ?? ones;
    const times = (a: Vec, mask: ArrayLike<number>): Vec => a.map((v, i) => v * mask[i]);
    // forward, keeping what the backward pass needs
    let x: Vec = new Float64Array(T * d);
    const wte = P('wte');
    const wpe = P('wpe');
    for (let t = 0; t < T; t++) for (let i = 0; i < d; i++) x[t * d + i] = (wte[tokens[t] * d + i] + wpe[t * d + i]) * keep(0)[t * d + i];
    const caches = [];
    for (let l = 0; l < layers; l++) {
      const n = (s: string): string => `h${l}.${s}`;
      const [h, norm1] = layerNorm(x, P(n('ln1.gain')), P(n('ln1.bias')), T, d);
      const qkv = linear(h, P(n('attn.wqkv')), P(n('attn.bqkv')), T, d, 3 * d);
      const [attended, probs] = attention(qkv, T, d, heads);
      const projected = times(linear(attended, P(n('attn.wo')), P(n('attn.bo')), T, d, d), keep(1 + 2 * l));
      const x1 = x.map((v, i) => v + projected[i]);
      const [h2, norm2] = layerNorm(x1, P(n('ln2.gain')), P(n('ln2.bias')), T, d);
      const u = linear(h2, P(n('mlp.w1')), P(n('mlp.b1')), T, d, 4 * d);
      const g = u.map(gelu);
      const m = times(linear(g, P(n('mlp.w2')), P(n('mlp.b2')), T, 4 * d, d), keep(2 + 2 * l));
      caches.push({ h, norm1, qkv, attended, probs, h2, norm2, u, g });
      x = x1.map((v, i) => v + m[i]);
    }
    const [xf, normF] = layerNorm(x, P('lnf.gain'), P('lnf.bias'), T, d);
    const logits = headWeights ? linear(xf, headWeights, null, T, d, V) : new Float64Array(T * V);
    if (!headWeights) for (let t = 0; t < T; t++) for (let v = 0; v < V; v++) {
      let s = 0;
      for (let i = 0; i < d; i++) s += xf[t * d + i] * wte[v * d + i];
      logits[t * V + v] = s;
    }
    // loss and d(loss)/d(logits) = weight · (softmax − onehot)
    const dLogits = new Float64Array(T * V);
    for (let t = 0; t < T; t++) {
      let max = -Infinity;
      for (let v = 0; v < V; v++) max = Math.max(max, logits[t * V + v]);
      let total = 0;
      for (let v = 0; v < V; v++) total += Math.exp(logits[t * V + v] - max);
      const logTotal = max + Math.log(total);
      const target = batch.targets[r * T + t];
      const weight = batch.weights[r * T + t];
      logProbs[r * T + t] = logits[t * V + target] - logTotal;
      loss -= weight * logProbs[r * T + t];
      for (let v = 0; v < V; v++) dLogits[t * V + v] = weight * (Math.exp(logits[t * V + v] - logTotal) - (v === target ? 1 : 0));
    }
    // backward
    let dxf: Vec;
    if (headWeights) dxf = linearBack(dLogits, xf, headWeights, G('head'), null, T, d, V);
    else {
      dxf = new Float64Array(T * d);
      const dwte = G('wte');
      for (let t = 0; t < T; t++) for (let v = 0; v < V; v++) {
        const g = dLogits[t * V + v];
        for (let i = 0; i < d; i++) {
          dxf[t * d + i] += g * wte[v * d + i];
          dwte[v * d + i] += g * xf[t * d + i];
        }
      }
    }
    let dx = layerNormBack(dxf, normF, P('lnf.gain'), G('lnf.gain'), G('lnf.bias'), T, d);
    for (let l = layers - 1; l >= 0; l--) {
      const n = (s: string): string => `h${l}.${s}`;
      const c = caches[l];
      const dg = linearBack(times(dx, keep(2 + 2 * l)), c.g, P(n('mlp.w2')), G(n('mlp.w2')), G(n('mlp.b2')), T, 4 * d, d);
      const du = dg.map((v, i) => v * geluGrad(c.u[i]));
      const dh2 = linearBack(du, c.h2, P(n('mlp.w1')), G(n('mlp.w1')), G(n('mlp.b1')), T, d, 4 * d);
      const dx1 = layerNormBack(dh2, c.norm2, P(n('ln2.gain')), G(n('ln2.gain')), G(n('ln2.bias')), T, d).map((v, i) => v + dx[i]);
      const dAttended = linearBack(times(dx1, keep(1 + 2 * l)), c.attended, P(n('attn.wo')), G(n('attn.wo')), G(n('attn.bo')), T, d, d);
      const dqkv = attentionBack(dAttended, c.qkv, c.probs, T, d, heads);
      const dh = linearBack(dqkv, c.h, P(n('attn.wqkv')), G(n('attn.wqkv')), G(n('attn.bqkv')), T, d, 3 * d);
      dx = layerNormBack(dh, c.norm1, P(n('ln1.gain')), G(n('ln1.gain')), G(n('ln1.bias')), T, d).map((v, i) => v + dx1[i]);
    }
    const dwte = G('wte');
    const dwpe = G('wpe');
    const dEmbedding = times(dx, keep(0));
    for (let t = 0; t < T; t++) for (let i = 0; i < d; i++) {
      dwte[tokens[t] * d + i] += dEmbedding[t * d + i];
      dwpe[t * d + i] += dEmbedding[t * d + i];
    }
  }
  return { loss, gradients, logProbs };
}

/** A tiny model and batch, with parameters large enough that every gradient is far from 0. */
export function tinyProblem(tiedHead: boolean, rng: Rng): { shape: ModelShape; params: Float32Array[]; batch: TokenBatch } {
  const shape: ModelShape = { vocabSize: 7, context: 5, layers: 2, width: 8, heads: 2, tiedHead };
  const params = parameterSpecs(shape).map((spec) => {
    const values = new Float32Array(tensorSize(spec.shape));
    const offset = spec.name.endsWith('gain') ? 1 : 0;
    for (let i = 0; i < values.length; i++) values[i] = offset + 0.4 * rng.normal();
    return values;
  });
  const rows = 2;
  const size = rows * shape.context;
  const tokens = Int32Array.from({ length: size }, () => rng.int(shape.vocabSize));
  const targets = Int32Array.from({ length: size }, () => rng.int(shape.vocabSize));
  const weights = Float32Array.from({ length: size }, (_, i) => (i % 4 === 3 ? 0 : 0.5 + rng.next()));
  return { shape, params, batch: { rows, tokens, targets, weights } };
}

