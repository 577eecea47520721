/**
 * The `transformer` learner: a small decoder-only GPT over a byte or BPE tokenizer, trained with
 * AdamW in-process. A (prompt, answer) pair is the token sequence prompt + SEP + answer + EOS and
 * only answer + EOS are scored (text-sequence.ts).
 *
 * Example weights enter the loss per token: each step minimises
 *   Σ_tokens (w_example / w̄) · (−ln p(token)) / (tokens scored in the minibatch),
 * where w̄ is the token-weighted mean weight of the whole fit batch; minibatches are drawn
 * uniformly, so in expectation an example of weight 2 counts as two copies of it.
 */
import { InfoloopError } from '../../core/errors.js';
import { createRng, shuffle, type Rng } from '../../core/rng.js';
import type { FitStats, Learner, Prompt, Snapshot, TokenStepper, Weighted } from '../../core/types.js';
import { answerLimits, charStarts, encodeContext, encodePair, stepperTokens, truncateChars } from '../text-sequence.js';
import { countChars, createTokenizer, tokenizerFromJSON, type Tokenizer } from '../tokenize/tokenizer.js';
import { checkBatch, checkCount, checkSnapshot } from '../validate.js';
import { adamWStep, createAdamWState, type AdamWState } from './adamw.js';
import { dropoutMasks } from './dropout.js';
import { modelShape, tokenizerSpec, type ModelShape, type TransformerParams } from './config.js';
import { sharedEngine, type Engine, type TokenBatch } from './engine.js';
import { initParameters, parameterSpecs } from './model.js';
import { parallelGenerate } from './parallel.js';
import { parallelGradients } from './parallel-train.js';
import { Decoder, generate, type GenerateRequest } from './sample.js';
import { learningRate } from './schedule.js';
import { checksum, packTensors, unpackTensors } from './snapshot.js';
import { emptyBatch, fillRow, windows, type Window } from './windows.js';

/** Scoring batches are padded to this many rows so that only a few batch shapes are ever compiled. */
const SCORING_ROWS = 16;
const SNAPSHOT_VERSION = 1;

interface SavedState {
  version: number;
  shape: ModelShape;
  tokenizer: unknown;
  tokenizer_trained: boolean;
  optimizer_step: number;
  checksum: string;
}

export class TransformerLearner implements Learner<string> {
  readonly name = 'transformer';
  readonly shape: ModelShape;
  private tokenizer: Tokenizer;
  private tokenizerTrained: boolean;
  private params: Float32Array[];
  private optimizer: AdamWState;
  private readonly decay: boolean[];
  /** Identity of the current weights: a new object whenever they change, so the shared engine re-uploads. */
  private version: object = {};
  private decoder: Decoder | null = null;

  constructor(readonly config: TransformerParams, seed: number) {
    const spec = tokenizerSpec(config.tokenizer);
    this.tokenizer = createTokenizer(spec);
    this.tokenizerTrained = spec.kind === 'char';
    // a BPE vocabulary is only learned at the first fit, so the model is sized for its configured maximum
    this.shape = modelShape(config, spec.kind === 'bpe' ? spec.vocab_size : this.tokenizer.vocabSize);
    this.params = initParameters(this.shape, config.init_scale, createRng(seed).fork('transformer-init'));
    this.optimizer = createAdamWState(this.params);
    this.decay = parameterSpecs(this.shape).map((s) => s.decay);
  }

  /** Parameters in layout order (read-only use: benches and tests). */
  weights(): Float32Array[] {
    return this.params;
  }

  private changed(): void {
    this.version = {};
    this.decoder = null;
  }

  private upload(): Engine {
    return sharedEngine(this.shape).useWeights(this.version, this.params);
  }

  sample(prompt: Prompt, n: number, rng: Rng): string[] {
    checkCount(n, this.name);
    const limits = answerLimits(prompt, this.config.max_tokens);
    const request: GenerateRequest = {
      context: encodeContext(this.tokenizer, prompt.text),
      maxTokens: limits.maxTokens,
      maxChars: limits.maxChars,
      minChars: limits.minChars,
      eos: this.tokenizer.specials.eos,
      charsOf: (token) => charStarts(this.tokenizer.tokenBytes(token)),
    };
    // one seed per answer, drawn in order, so answers do not depend on how they are split over workers
    const seeds = Array.from({ length: n }, () => rng.uint32() * 2 ** 21 + (rng.uint32() >>> 11));
    const options = { temperature: this.config.temperature, topK: this.config.top_k, vocabulary: this.tokenizer.vocabSize };
    const ids =
      this.config.workers > 1 && n > 1
        ? parallelGenerate(this.shape, this.params, request, seeds, options, this.config.workers)
        : generate((this.decoder ??= new Decoder(this.shape, this.params)), request, seeds.map(createRng), options);
    return ids.map((answer) => truncateChars(this.tokenizer.decode(answer), limits.maxChars));
  }

  /** Next-token probabilities step by step from the float64 decoder (serving); a full window re-reads its last half, as sampling does. */
  tokenStepper(): TokenStepper {
    const tokenizer = this.tokenizer;
    const decoder = (this.decoder ??= new Decoder(this.shape, this.params));
    const vocabulary = tokenizer.vocabSize;
    return {
      ...stepperTokens(tokenizer),
      start: (promptText) => {
        const ids = encodeContext(tokenizer, promptText);
        let cache = decoder.prefill(ids);
        let logits = Float64Array.from(decoder.logits);
        return {
          contextTokens: ids.length,
          probabilities: (out) => {
            let max = -Infinity;
            for (let v = 0; v < vocabulary; v++) max = Math.max(max, logits[v]);
            let total = 0;
            for (let v = 0; v < vocabulary; v++) total += out[v] = Math.exp(logits[v] - max);
            for (let v = 0; v < vocabulary; v++) out[v] /= total;
          },
          push: (token) => {
            ids.push(token);
            if (cache.length >= this.shape.context) cache = decoder.prefill(ids.slice(0, -1));
            logits = Float64Array.from(decoder.step(cache, token));
          },
        };
      },
    };
  }

  /** Σ ln p over the scored targets of a sequence, windows batched through the engine. */
  private scoreNats(ids: number[], firstTarget: number, excluded: readonly number[] = []): number {
    const C = this.shape.context;
    const all = windows(ids.length, firstTarget, C, Math.max(1, C >> 1));
    const engine = this.upload();
    let total = 0;
    for (let begin = 0; begin < all.length; begin += SCORING_ROWS) {
      const chunk = all.slice(begin, begin + SCORING_ROWS);
      const rows = chunk.length === 1 ? 1 : SCORING_ROWS;
      const batch = emptyBatch(rows, C);
      chunk.forEach((window, row) => fillRow(batch, row, ids, window, 1, C));
      const logProbs = engine.tokenLogProbs(rows, batch.tokens, batch.targets, excluded);
      for (let i = 0; i < logProbs.length; i++) if (batch.weights[i] > 0) total += logProbs[i];
    }
    return total;
  }

  logProb(prompt: Prompt, x: string): number {
    if (typeof x !== 'string') throw new InfoloopError('E_INPUT', `transformer.logProb: x is ${JSON.stringify(x)}, not a string`, 'the transformer learns strings');
    const { ids, answerStart } = encodePair(this.tokenizer, prompt.text, x);
    return this.scoreNats(ids, answerStart) / Math.LN2;
  }

  textBits(text: string): { bits: number; chars: number } {
    const ids = [this.tokenizer.specials.sep, ...this.tokenizer.encode(text)];
    const { sep, eos } = this.tokenizer.specials;
    return { bits: -this.scoreNats(ids, 1, [sep, eos]) / Math.LN2, chars: countChars(text) };
  }

  fit(batch: Weighted<string>[], rng: Rng): FitStats {
    checkBatch(batch, this.name, (x) => typeof x === 'string', 'a string');
    if (!this.tokenizerTrained) this.trainTokenizer(batch);
    const C = this.shape.context;
    const items: Array<{ ids: number[]; window: Window; weight: number; count: number }> = [];
    for (const example of batch) {
      if (example.weight === 0) continue;
      const { ids, answerStart } = encodePair(this.tokenizer, example.prompt.text, example.x);
      for (const window of windows(ids.length, answerStart, C, C)) {
        items.push({ ids, window, weight: example.weight, count: window.to - window.from + 1 });
      }
    }
    // the first fit of an untrained model (row 0's pretraining) may get its own number of steps
    const steps = this.optimizer.step === 0 ? this.config.initial_steps ?? this.config.steps_per_generation : this.config.steps_per_generation;
    if (items.length === 0 || steps === 0) return { examples: batch.length, steps: 0, windows: items.length };
    let weightedCount = 0;
    let count = 0;
    for (const item of items) {
      weightedCount += item.weight * item.count;
      count += item.count;
    }
    const meanWeight = weightedCount / count;
    const orderRng = rng.fork('transformer-order');
    const dropoutRng = rng.fork('transformer-dropout');
    const order = shuffle(orderRng, items.map((_, i) => i));
    let cursor = 0;
    let lossTotal = 0;
    let lastNorm = 0;
    const B = this.config.batch_size;
    const schedule = { peak: this.config.learning_rate, warmup: this.config.warmup_steps, minRatio: this.config.min_learning_ratio };
    const options = { beta1: this.config.beta1, beta2: this.config.beta2, epsilon: this.config.epsilon, weightDecay: this.config.weight_decay, clip: this.config.grad_clip };
    for (let step = 0; step < steps; step++) {
      const minibatch: TokenBatch = emptyBatch(B, C);
      let scored = 0;
      for (let row = 0; row < B; row++) {
        if (cursor === order.length) {
          shuffle(orderRng, order);
          cursor = 0;
        }
        const item = items[order[cursor++]];
        scored += fillRow(minibatch, row, item.ids, item.window, item.weight / meanWeight, C);
      }
      for (let i = 0; i < minibatch.weights.length; i++) minibatch.weights[i] /= scored;
      if (this.config.dropout > 0) minibatch.dropout = dropoutMasks(this.shape, B, this.config.dropout, dropoutRng);
      const { loss, gradients } = parallelGradients(this.shape, this.config.workers).compute(this.upload(), this.params, minibatch);
      lastNorm = adamWStep(this.params, gradients, this.decay, this.optimizer, learningRate(step, steps, schedule), options);
      this.changed();
      lossTotal += loss;
    }
    return { examples: batch.length, steps, windows: items.length, train_bits_per_token: lossTotal / steps / Math.LN2, grad_norm: lastNorm };
  }

  private trainTokenizer(batch: Weighted<string>[]): void {
    const corpus = batch.map((example) => `${example.prompt.text}\n${example.x}`).join('\n');
    this.tokenizer = createTokenizer(tokenizerSpec(this.config.tokenizer), corpus);
    this.tokenizerTrained = true;
  }

  snapshot(): Snapshot {
    const binary = packTensors([...this.params, ...this.optimizer.first, ...this.optimizer.second]);
    const json: SavedState = {
      version: SNAPSHOT_VERSION,
      shape: this.shape,
      tokenizer: this.tokenizer.toJSON(),
      tokenizer_trained: this.tokenizerTrained,
      optimizer_step: this.optimizer.step,
      checksum: checksum(binary),
    };
    return { learner: this.name, json, binary };
  }

  restore(snapshot: Snapshot): void {
    checkSnapshot(snapshot.learner, this.name);
    const saved = snapshot.json as Partial<SavedState> | null;
    const hint = 'restore a snapshot saved by a transformer with the same config';
    if (!saved || saved.version !== SNAPSHOT_VERSION || !snapshot.binary) {
      throw new InfoloopError('E_RESUME', 'not a transformer snapshot (missing version or weights)', hint);
    }
    if (JSON.stringify(saved.shape) !== JSON.stringify(this.shape)) {
      throw new InfoloopError('E_RESUME', `transformer snapshot has shape ${JSON.stringify(saved.shape)}, this learner ${JSON.stringify(this.shape)}`, hint);
    }
    if (checksum(snapshot.binary) !== saved.checksum) {
      throw new InfoloopError('E_RESUME', 'transformer snapshot weights do not match their checksum', 'the checkpoint file is damaged; resume from an earlier generation');
    }
    const lengths = this.params.map((p) => p.length);
    const tensors = unpackTensors(snapshot.binary, [...lengths, ...lengths, ...lengths]);
    const count = lengths.length;
    this.tokenizer = tokenizerFromJSON(saved.tokenizer);
    this.tokenizerTrained = saved.tokenizer_trained === true;
    this.params = tensors.slice(0, count);
    this.optimizer = { step: saved.optimizer_step ?? 0, first: tensors.slice(count, 2 * count), second: tensors.slice(2 * count) };
    this.changed();
  }
}
