/**
 * The `ngram` learner: interpolated modified Kneser–Ney (./ngram/kneser-ney.ts) of order 1–8 over
 * byte or BPE tokens, trained on (prompt, answer) pairs encoded as prompt + SEP + answer + EOS and
 * scored on answer + EOS.
 *
 * fit: a generation's fit REPLACES the counts by the batch's counts (the policy — replace,
 * accumulate, mix — decides what the batch holds); an empty or all-zero-weight batch leaves the
 * model unchanged. Weights: raw counts are real-valued sums of example weights, so weight 2 is
 * exactly the example twice; continuation counts count distinct left extensions and do not
 * depend on weights; discounts bin each count to the nearest integer (≥ 1).
 * A `bpe` tokenizer is trained once, on the answers of the first non-empty batch, and then kept.
 */
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { FitStats, Learner, Prompt, Snapshot, TokenStepper, Weighted } from '../core/types.js';
import { KneserNeyModel } from './ngram/kneser-ney.js';
import { sampleToken } from './ngram/sampling.js';
import { NgramTrie } from './ngram/trie.js';
import { answerLimits, charStarts, decodeAnswer, encodeContext, encodePair, stepperTokens, truncateChars } from './text-sequence.js';
import { countChars, createTokenizer, tokenizerFromJSON, type Tokenizer, type TokenizerSpec } from './tokenize/tokenizer.js';
import { checkBatch, checkCount, checkSnapshot } from './validate.js';

const params = z
  .object({
    order: z.number().int().min(1).max(8).default(5),
    tokenizer: z.enum(['char', 'bpe']).default('char'),
    /** BPE only: 256 bytes + 2 specials + merges. */
    vocab_size: z.number().int().min(258).max(65_536).default(512),
    temperature: z.number().positive().default(1),
    /** Sample among the k most likely tokens (0: all). */
    top_k: z.number().int().min(0).default(0),
    /** Answer length cap when the prompt does not set one (`data.max_chars` / `data.max_tokens`). */
    max_tokens: z.number().int().min(1).max(1_000_000).default(256),
  })
  .strict();
export type NgramParams = z.infer<typeof params>;

export class NgramLearner implements Learner<string> {
  readonly name = 'ngram';
  readonly params: NgramParams;
  tokenizer: Tokenizer;
  private fitted: KneserNeyModel | null = null;
  private tokenizerTrained: boolean;

  constructor(options: Partial<NgramParams> = {}) {
    this.params = params.parse(options);
    this.tokenizer = createTokenizer(this.tokenizerSpec());
    this.tokenizerTrained = this.params.tokenizer === 'char';
    this.fitted = this.emptyModel();
  }

  private tokenizerSpec(): TokenizerSpec {
    return this.params.tokenizer === 'bpe' ? { kind: 'bpe', vocab_size: this.params.vocab_size } : { kind: 'char' };
  }

  private emptyModel(): KneserNeyModel {
    return new KneserNeyModel(new NgramTrie(this.params.order, 16, this.tokenizer.vocabSize), this.tokenizer.vocabSize);
  }

  /** The fitted model (next-token probabilities over token ids). */
  get model(): KneserNeyModel {
    return (this.fitted ??= this.emptyModel());
  }

  sample(prompt: Prompt, n: number, rng: Rng): string[] {
    checkCount(n, this.name);
    const { maxTokens, maxChars, minChars } = answerLimits(prompt, this.params.max_tokens);
    const context = encodeContext(this.tokenizer, prompt.text);
    const eos = this.tokenizer.specials.eos;
    const probs = new Float64Array(this.tokenizer.vocabSize);
    const scratch = new Float64Array(this.tokenizer.vocabSize);
    const answers: string[] = [];
    for (let i = 0; i < n; i++) {
      const history = context.slice();
      let chars = 0;
      for (let step = 0; step < maxTokens && chars < maxChars; step++) {
        this.model.distribution(history, probs);
        if (chars < minChars) probs[eos] = 0; // the task asked for a longer answer: sample given "not ended"
        const token = sampleToken(probs, this.params.temperature, this.params.top_k, rng, scratch); // draws advance rng: a second call continues the stream
        if (token === eos) break;
        history.push(token);
        chars += charStarts(this.tokenizer.tokenBytes(token));
      }
      answers.push(truncateChars(decodeAnswer(this.tokenizer, history.slice(context.length)), maxChars));
    }
    return answers;
  }

  logProb(prompt: Prompt, x: string): number {
    if (typeof x !== 'string') throw new InfoloopError('E_INPUT', `ngram.logProb: answer must be a string, got ${typeof x}`, 'text learners score string answers');
    const { ids, answerStart } = encodePair(this.tokenizer, prompt.text, x);
    let bits = 0;
    for (let i = answerStart; i < ids.length; i++) bits += Math.log2(this.model.probability(ids, ids[i], i));
    return bits;
  }

  /** Bits to encode the running `text` token by token after a lone SEP, each token conditioned on the text going on (text-sequence.ts), and its characters. */
  textBits(text: string): { bits: number; chars: number } {
    const ids = encodeContext(this.tokenizer, '');
    const start = ids.length;
    for (const id of this.tokenizer.encode(text)) ids.push(id);
    const { sep, eos } = this.tokenizer.specials;
    let bits = 0;
    for (let i = start; i < ids.length; i++) {
      const [p, pEos, pSep] = this.model.probabilities(ids, [ids[i], eos, sep], i);
      bits -= Math.log2(p / (1 - pEos - pSep));
    }
    return { bits, chars: countChars(text) };
  }

  tokenStepper(): TokenStepper {
    const tokenizer = this.tokenizer;
    const model = this.model;
    return {
      ...stepperTokens(tokenizer),
      start: (promptText) => {
        const history = encodeContext(tokenizer, promptText);
        return { contextTokens: history.length, probabilities: (out) => void model.distribution(history, out), push: (token) => void history.push(token) };
      },
    };
  }

  fit(batch: Weighted<string>[], _rng: Rng): FitStats {
    checkBatch(batch, this.name, (x) => typeof x === 'string', 'a string');
    for (const item of batch) {
      if (typeof item.prompt?.text !== 'string') throw new InfoloopError('E_INPUT', 'ngram.fit: every example needs prompt.text', 'pass { prompt: { id, text }, x, weight }');
    }
    const kept = batch.filter((item) => item.weight > 0);
    if (kept.length === 0) return { examples: 0 };
    if (!this.tokenizerTrained) {
      this.tokenizer = createTokenizer(this.tokenizerSpec(), kept.map((item) => item.x).join('\n'));
      this.tokenizerTrained = true;
    }
    const sequences = kept.map((item) => encodePair(this.tokenizer, item.prompt.text, item.x));
    let tokens = 0;
    for (const { ids, answerStart } of sequences) tokens += ids.length - answerStart;
    // natural text has far fewer distinct n-grams than positions; half the positions saves most regrowth
    const trie = new NgramTrie(this.params.order, Math.max(1024, tokens / 2), this.tokenizer.vocabSize);
    let totalWeight = 0;
    kept.forEach((item, i) => {
      trie.addSequence(sequences[i].ids, sequences[i].answerStart, item.weight);
      totalWeight += item.weight;
    });
    this.fitted = new KneserNeyModel(trie, this.tokenizer.vocabSize);
    return { examples: kept.length, tokens, total_weight: totalWeight, ngrams: trie.size };
  }

  snapshot(): Snapshot {
    return {
      learner: this.name,
      json: { config: this.params, tokenizer: this.tokenizer.toJSON(), tokenizer_trained: this.tokenizerTrained, nodes: this.model.trie.size },
      binary: this.model.trie.toBytes(),
    };
  }

  restore(snapshot: Snapshot): void {
    checkSnapshot(snapshot.learner, this.name);
    const json = snapshot.json as { config?: Partial<NgramParams>; tokenizer?: unknown; tokenizer_trained?: boolean } | null;
    if (!json || json.config?.order !== this.params.order || json.config?.tokenizer !== this.params.tokenizer) {
      throw new InfoloopError('E_RESUME', `ngram snapshot has order ${json?.config?.order} / tokenizer ${json?.config?.tokenizer}, expected ${this.params.order} / ${this.params.tokenizer}`, 'restore a snapshot saved with the same learner config');
    }
    if (!snapshot.binary) throw new InfoloopError('E_RESUME', 'ngram snapshot has no count table', 'restore the binary file saved beside the snapshot');
    const tokenizer = tokenizerFromJSON(json.tokenizer);
    const trie = NgramTrie.fromBytes(snapshot.binary, this.params.order, tokenizer.vocabSize);
    this.tokenizer = tokenizer;
    this.tokenizerTrained = json.tokenizer_trained !== false;
    this.fitted = new KneserNeyModel(trie, tokenizer.vocabSize);
  }
}

export const ngramEntry: Entry<NgramLearner, NgramParams> = {
  name: 'ngram',
  description: 'interpolated modified Kneser–Ney n-gram over bytes or BPE tokens (order 1–8); fit replaces the counts',
  params,
  create: (options) => new NgramLearner(options),
};
