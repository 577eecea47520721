/**
 * The `text` task: a UTF-8 file (default tinyshakespeare) split into a training part (the first
 * `train_fraction`) and a held-out part. The learner is first fit on the training part as
 * `sample_chars`-character chunks answering an empty prompt; each generation samples chunks of
 * that length. gap_bits is the held-out cross-entropy in bits/char (the data's own entropy rate is
 * unknown and constant, so this is the gap up to that constant). There is no ground truth for free
 * text: `verify` accepts every answer, so only signals that read something else can open the loop.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import { packageDataDir } from '../core/package-data.js';
import type { Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { Evaluation, Learner, Prompt, Task, Weighted } from '../core/types.js';

/** tinyshakespeare as the package ships it: <package root>/data/tinyshakespeare/input.txt. */
export const DEFAULT_TEXT_PATH = join(packageDataDir(), 'tinyshakespeare', 'input.txt');

const params = z
  .object({
    path: z.string().min(1).optional(),
    train_fraction: z.number().gt(0).lt(1).default(0.9),
    sample_chars: z.number().int().min(1).max(100_000).default(256),
    /** Cap on held-out characters scored per evaluation (default: all of them). */
    eval_chars: z.number().int().min(1).optional(),
    /** Samples drawn per evaluation for entropy_bits and distinct_ngrams. */
    eval_samples: z.number().int().min(0).default(20),
  })
  .strict();
export type TextTaskParams = z.infer<typeof params>;

/** Length of the substrings counted by distinct_ngrams. */
const DISTINCT_LENGTH = 4;
const fileCache = new Map<string, string>();

export function readText(path: string): string {
  const cached = fileCache.get(path);
  if (cached !== undefined) return cached;
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new InfoloopError('E_IO', `task text: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`, path === DEFAULT_TEXT_PATH ? 'the package ships it in data/tinyshakespeare/input.txt: restore that file (git checkout -- data), or set task.path to any UTF-8 file' : 'set task.path to an existing UTF-8 text file (relative paths start at the working directory)');
  }
  fileCache.set(path, text);
  return text;
}

export class TextTask implements Task<string> {
  readonly name = 'text';
  readonly train: string;
  readonly heldout: string;
  private readonly textPrompt: Prompt;

  constructor(readonly params: TextTaskParams) {
    const path = params.path ? resolve(params.path) : DEFAULT_TEXT_PATH;
    const text = readText(path);
    let cut = Math.floor(text.length * params.train_fraction);
    if (cut > 0 && cut < text.length && isLowSurrogate(text.charCodeAt(cut))) cut--; // never split a surrogate pair
    this.train = text.slice(0, cut);
    this.heldout = text.slice(cut);
    if (this.train.length < params.sample_chars || this.heldout.length === 0) {
      throw new InfoloopError('E_CONFIG', `task text: ${path} has ${text.length} characters, too few for train_fraction ${params.train_fraction} and sample_chars ${params.sample_chars}`, 'use a longer file, a smaller sample_chars, or a train_fraction that leaves both parts non-empty');
    }
    // exactly sample_chars characters: chunk ends in the training data are arbitrary, not ends of text
    this.textPrompt = { id: 'text', text: '', data: { max_chars: params.sample_chars, min_chars: params.sample_chars } };
  }

  /** Every prompt is empty; its data asks for exactly `sample_chars` characters. */
  prompt(): Prompt {
    return this.textPrompt;
  }

  /** No ground truth for free text. */
  readonly groundTruth = false;

  /** Accepts every answer. */
  verify(): boolean {
    return true;
  }

  /** The training part as consecutive `sample_chars` chunks (the last may be shorter), in order. */
  initialData(): Weighted<string>[] {
    const size = this.params.sample_chars;
    const chunks: Weighted<string>[] = [];
    for (let start = 0; start < this.train.length; start += size) chunks.push({ prompt: this.textPrompt, x: this.train.slice(start, start + size), weight: 1 });
    return chunks;
  }

  /** n chunks of the training part at uniformly random offsets. */
  real(n: number, rng: Rng): Weighted<string>[] {
    return Array.from({ length: n }, () => ({ prompt: this.textPrompt, x: this.reference(this.textPrompt, rng), weight: 1 }));
  }

  reference(_prompt: Prompt, rng: Rng): string {
    const start = rng.int(this.train.length - this.params.sample_chars + 1);
    return this.train.slice(start, start + this.params.sample_chars);
  }

  evaluate(learner: Learner<string>, rng: Rng): Evaluation {
    if (typeof learner.textBits !== 'function') {
      throw new InfoloopError('E_CONFIG', `task text needs a learner that scores running text, and "${learner.name}" cannot`, 'use learner: { name: ngram } or { name: transformer }');
    }
    const scored = this.params.eval_chars ? this.heldout.slice(0, this.params.eval_chars) : this.heldout;
    const heldout = learner.textBits(scored);
    const trainPart = learner.textBits(this.train.slice(0, scored.length));
    const samples = this.params.eval_samples > 0 ? learner.sample(this.textPrompt, this.params.eval_samples, rng.fork('samples')) : [];
    let sampleBits = 0;
    let sampleChars = 0;
    for (const sample of samples) {
      const { bits, chars } = learner.textBits(sample);
      sampleBits += bits;
      sampleChars += chars;
    }
    return {
      gap_bits: heldout.bits / heldout.chars,
      // the model's own surprisal on its samples: a Monte Carlo estimate of its entropy rate (bits/char)
      entropy_bits: sampleChars > 0 ? sampleBits / sampleChars : null,
      extras: {
        bits_per_char_train: trainPart.bits / trainPart.chars,
        distinct_ngrams: distinctFraction(samples, DISTINCT_LENGTH),
        heldout_chars: heldout.chars,
        sample_chars_mean: samples.length > 0 ? sampleChars / samples.length : null,
      },
    };
  }
}

/** Distinct-n: distinct length-n substrings over all samples / their total number (null when none). */
export function distinctFraction(samples: string[], length: number): number | null {
  const seen = new Set<string>();
  let total = 0;
  for (const sample of samples) {
    const chars = Array.from(sample);
    for (let i = 0; i + length <= chars.length; i++) {
      seen.add(chars.slice(i, i + length).join(''));
      total++;
    }
  }
  return total > 0 ? seen.size / total : null;
}

const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

export const textTaskEntry: Entry<TextTask, TextTaskParams> = {
  name: 'text',
  description: 'free text from a UTF-8 file (default tinyshakespeare): first train_fraction trains, the rest is held out; gap = held-out bits/char',
  params,
  create: (options) => new TextTask(options),
};
