/**
 * AdamW (Loshchilov & Hutter 2019) with global-norm gradient clipping, on Float32Array tensors.
 * Arithmetic is float64 per element and stored as float32, in a fixed order, so a restored
 * optimizer continues bit-identically. Weight decay is decoupled (p ← p − lr·λ·p) and applied
 * only to the tensors marked `decay`.
 */
export interface AdamWOptions {
  beta1: number;
  beta2: number;
  epsilon: number;
  weightDecay: number;
  /** Rescale gradients so their global L2 norm is at most this (Infinity: never). */
  clip: number;
}

export interface AdamWState {
  step: number;
  first: Float32Array[];
  second: Float32Array[];
}

export function createAdamWState(params: Float32Array[]): AdamWState {
  return { step: 0, first: params.map((p) => new Float32Array(p.length)), second: params.map((p) => new Float32Array(p.length)) };
}

export function globalNorm(gradients: ArrayLike<number>[]): number {
  let total = 0;
  for (const g of gradients) for (let i = 0; i < g.length; i++) total += g[i] * g[i];
  return Math.sqrt(total);
}

/** One update in place; returns the gradient norm before clipping. */
export function adamWStep(
  params: Float32Array[],
  gradients: ArrayLike<number>[],
  decay: boolean[],
  state: AdamWState,
  learningRate: number,
  options: AdamWOptions,
): number {
  const norm = globalNorm(gradients);
  const scale = norm > options.clip ? options.clip / norm : 1;
  state.step += 1;
  const { beta1, beta2, epsilon } = options;
  const correction1 = 1 - beta1 ** state.step;
  const correction2 = 1 - beta2 ** state.step;
  for (let p = 0; p < params.length; p++) {
    const values = params[p];
    const g = gradients[p];
    const m = state.first[p];
    const v = state.second[p];
    const shrink = decay[p] ? 1 - learningRate * options.weightDecay : 1;
    for (let i = 0; i < values.length; i++) {
      const gi = g[i] * scale;
      m[i] = beta1 * m[i] + (1 - beta1) * gi;
      v[i] = beta2 * v[i] + (1 - beta2) * gi * gi;
      const update = m[i] / correction1 / (Math.sqrt(v[i] / correction2) + epsilon);
      values[i] = values[i] * shrink - learningRate * update;
    }
  }
  return norm;
}
