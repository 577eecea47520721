/**
 * The GPT's parameters as a flat, ordered list of named float32 tensors. The engine, the float64
 * oracle, the sampler and snapshots all read this one layout, so they cannot disagree on it.
 *
 * Per layer: pre-LN attention (fused q|k|v projection, heads are contiguous column blocks) and a
 * pre-LN GELU MLP of width 4d; then a final LayerNorm and a head tied to the token embedding
 * unless `tiedHead` is false.
 */
import type { Rng } from '../../core/rng.js';
import type { ModelShape } from './config.js';

export const LAYER_NORM_EPSILON = 1e-5;

export interface TensorSpec {
  name: string;
  shape: number[];
  /** Matrices get weight decay; gains, biases and position tables do not (the GPT-2 convention). */
  decay: boolean;
  init: 'normal' | 'residual' | 'zeros' | 'ones';
}

export function parameterSpecs(shape: ModelShape): TensorSpec[] {
  const { vocabSize: V, context: C, width: d, layers } = shape;
  const specs: TensorSpec[] = [
    { name: 'wte', shape: [V, d], decay: true, init: 'normal' },
    { name: 'wpe', shape: [C, d], decay: false, init: 'normal' },
  ];
  for (let l = 0; l < layers; l++) {
    specs.push(
      { name: `h${l}.ln1.gain`, shape: [d], decay: false, init: 'ones' },
      { name: `h${l}.ln1.bias`, shape: [d], decay: false, init: 'zeros' },
      { name: `h${l}.attn.wqkv`, shape: [d, 3 * d], decay: true, init: 'normal' },
      { name: `h${l}.attn.bqkv`, shape: [3 * d], decay: false, init: 'zeros' },
      { name: `h${l}.attn.wo`, shape: [d, d], decay: true, init: 'residual' },
      { name: `h${l}.attn.bo`, shape: [d], decay: false, init: 'zeros' },
      { name: `h${l}.ln2.gain`, shape: [d], decay: false, init: 'ones' },
      { name: `h${l}.ln2.bias`, shape: [d], decay: false, init: 'zeros' },
      { name: `h${l}.mlp.w1`, shape: [d, 4 * d], decay: true, init: 'normal' },
      { name: `h${l}.mlp.b1`, shape: [4 * d], decay: false, init: 'zeros' },
      { name: `h${l}.mlp.w2`, shape: [4 * d, d], decay: true, init: 'residual' },
      { name: `h${l}.mlp.b2`, shape: [d], decay: false, init: 'zeros' },
    );
  }
  specs.push({ name: 'lnf.gain', shape: [d], decay: false, init: 'ones' }, { name: 'lnf.bias', shape: [d], decay: false, init: 'zeros' });
  if (!shape.tiedHead) specs.push({ name: 'head', shape: [d, V], decay: true, init: 'normal' });
  return specs;
}

export const tensorSize = (shape: number[]): number => shape.reduce((a, b) => a * b, 1);

export function parameterCount(shape: ModelShape): number {
  return parameterSpecs(shape).reduce((total, spec) => total + tensorSize(spec.shape), 0);
}

/** GPT-2 initialisation: N(0, scale²), residual projections scaled by 1/√(2·layers). */
export function initParameters(shape: ModelShape, scale: number, rng: Rng): Float32Array[] {
  const residualScale = scale / Math.sqrt(2 * shape.layers);
  return parameterSpecs(shape).map((spec) => {
    const values = new Float32Array(tensorSize(spec.shape));
    if (spec.init === 'ones') values.fill(1);
    else if (spec.init !== 'zeros') {
      const sd = spec.init === 'residual' ? residualScale : scale;
      for (let i = 0; i < values.length; i++) values[i] = sd * rng.normal();
    }
    return values;
  });
}

/** Index of each named tensor, for readers that address parameters by name. */
export function parameterIndex(shape: ModelShape): Map<string, number> {
  return new Map(parameterSpecs(shape).map((spec, i) => [spec.name, i]));
}
