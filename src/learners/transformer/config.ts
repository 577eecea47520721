/**
 * The transformer learner's config: a size preset plus optional overrides, validated strictly so
 * that a misspelt key is an error with its path rather than a silently ignored default.
 */
import { z } from 'zod';
import { InfoloopError } from '../../core/errors.js';

/** Model sizes by name: xs is for unit tests, s and m are the presets. */
export const presets = {
  xs: { layers: 1, width: 16, heads: 2, context: 16 },
  s: { layers: 2, width: 64, heads: 4, context: 64 },
  m: { layers: 4, width: 128, heads: 4, context: 128 },
} as const;

export type PresetName = keyof typeof presets;

const positiveInt = z.number().int().positive();

export const transformerParams = z
  .object({
    preset: z.enum(['xs', 's', 'm']).default('s'),
    layers: positiveInt.max(48).optional(),
    width: positiveInt.max(4096).optional(),
    heads: positiveInt.max(64).optional(),
    context: positiveInt.min(2).max(4096).optional(),
    tied_head: z.boolean().default(true),
    /** `char` (bytes) or a byte-pair encoder whose merges are learned from the first batch it is fit on. */
    tokenizer: z
      .union([
        z.literal('char'),
        z.literal('bpe'),
        z.object({ kind: z.literal('char') }).strict(),
        z.object({ kind: z.literal('bpe'), vocab_size: z.number().int().min(258).max(65536).default(512) }).strict(),
      ])
      .default('char'),
    init_scale: z.number().positive().finite().default(0.02),
    steps_per_generation: z.number().int().nonnegative().default(100),
    /** Steps of the first fit (pretraining on the task's initial data, row 0); default: steps_per_generation. */
    initial_steps: z.number().int().nonnegative().optional(),
    batch_size: positiveInt.max(4096).default(16),
    learning_rate: z.number().positive().finite().default(2e-3),
    min_learning_ratio: z.number().min(0).max(1).default(0.1),
    warmup_steps: z.number().int().nonnegative().default(10),
    weight_decay: z.number().min(0).finite().default(0.1),
    /** Probability of zeroing each activation at the residual dropout sites while training (dropout.ts). */
    dropout: z.number().min(0).lt(1).default(0),
    beta1: z.number().min(0).lt(1).default(0.9),
    beta2: z.number().min(0).lt(1).default(0.95),
    epsilon: z.number().positive().finite().default(1e-8),
    grad_clip: z.number().positive().default(1.0),
    temperature: z.number().positive().finite().default(1),
    top_k: z.number().int().nonnegative().default(0),
    max_tokens: positiveInt.max(100_000).default(64),
    workers: z.number().int().min(1).max(64).default(2),
  })
  .strict();

export type TransformerParams = z.infer<typeof transformerParams>;

/** The network's dimensions, everything the engine and the oracle need to build it. */
export interface ModelShape {
  vocabSize: number;
  context: number;
  layers: number;
  width: number;
  heads: number;
  tiedHead: boolean;
}

export function modelShape(params: TransformerParams, vocabSize: number): ModelShape {
  const base = presets[params.preset];
  const shape: ModelShape = {
    vocabSize,
    context: params.context ?? base.context,
    layers: params.layers ?? base.layers,
    width: params.width ?? base.width,
    heads: params.heads ?? base.heads,
    tiedHead: params.tied_head,
  };
  if (shape.width % shape.heads !== 0) {
    throw new InfoloopError('E_CONFIG', `learner.width ${shape.width} is not divisible by learner.heads ${shape.heads}`, 'choose heads dividing width (e.g. width 64, heads 4)');
  }
  return shape;
}

/** The tokenizer spec a config names (`bpe` alone means 512 ids). */
export function tokenizerSpec(value: TransformerParams['tokenizer']): { kind: 'char' } | { kind: 'bpe'; vocab_size: number } {
  if (value === 'char') return { kind: 'char' };
  if (value === 'bpe') return { kind: 'bpe', vocab_size: 512 };
  return value;
}
