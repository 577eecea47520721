/**
 * Decoding one answer token by token from a learner's TokenStepper, with the knobs of the OpenAI
 * API: temperature (0 = greedy), top_p (nucleus), max_tokens, stop sequences and log-probabilities.
 * Reported log-probabilities are the model's own (natural log, before temperature and top_p), as
 * vLLM reports them. Text is released only once no stop sequence can still begin in it, so a
 * streamed answer never shows a stop sequence that the finished answer cuts away.
 */
import { sampleIndex, type Rng } from '../../core/rng.js';
import type { TokenStepper } from '../../core/types.js';

export interface DecodeOptions {
  maxTokens: number;
  temperature: number;
  topP: number;
  stop: string[];
  /** Alternatives reported per token (0: none). */
  topLogprobs: number;
}

export interface TokenLogprob {
  token: string;
  logprob: number;
  bytes: number[];
  top: { token: string; logprob: number; bytes: number[] }[];
}

/** One decoding step: the text it releases (may be empty) and the token it drew. */
export interface DecodeStep {
  delta: string;
  token: TokenLogprob | null;
}

export type FinishReason = 'stop' | 'length';

export interface DecodeResult {
  text: string;
  tokens: TokenLogprob[];
  finishReason: FinishReason;
  promptTokens: number;
  completionTokens: number;
}

/** Token index drawn from p^(1/T) restricted to the smallest set of most likely tokens holding top_p of the mass. */
export function drawToken(probs: Float64Array, temperature: number, topP: number, rng: Rng, scratch: Float64Array): number {
  const size = probs.length;
  if (temperature === 0) {
    let best = 0;
    for (let i = 1; i < size; i++) if (probs[i] > probs[best]) best = i;
    return best;
  }
  let total = 0;
  for (let i = 0; i < size; i++) total += scratch[i] = temperature === 1 ? probs[i] : Math.pow(probs[i], 1 / temperature);
  if (topP < 1) {
    const order = Array.from({ length: size }, (_, i) => i).sort((a, b) => scratch[b] - scratch[a] || a - b);
    let kept = 0;
    let rank = 0;
    for (; rank < size && kept < topP * total; rank++) kept += scratch[order[rank]];
    for (let r = rank; r < size; r++) scratch[order[r]] = 0;
    total = kept;
  }
  return sampleIndex(rng, scratch, total);
}

function tokenEntry(stepper: TokenStepper, id: number, p: number) {
  const bytes = Array.from(stepper.tokenBytes(id));
  return { token: stepper.decode([id]), logprob: Math.log(p), bytes };
}

/** The k most likely tokens, most likely first (ties by lower id). */
function topTokens(stepper: TokenStepper, probs: Float64Array, k: number): TokenLogprob['top'] {
  const best: number[] = [];
  for (let i = 0; i < probs.length; i++) {
    if (i === stepper.eos || probs[i] <= 0) continue;
    let at = best.length;
    while (at > 0 && probs[best[at - 1]] < probs[i]) at--;
    if (at < k) {
      best.splice(at, 0, i);
      if (best.length > k) best.pop();
    }
  }
  return best.map((id) => tokenEntry(stepper, id, probs[id]));
}

/** Earliest index where a stop sequence begins in `text` at or after `from`, or −1. */
function findStop(text: string, stops: string[], from: number): { at: number } | null {
  let at = -1;
  for (const stop of stops) {
    const i = text.indexOf(stop, from);
    if (i >= 0 && (at < 0 || i < at)) at = i;
  }
  return at >= 0 ? { at } : null;
}

/** Yields each step's released text and token; returns why it finished. */
export function* decodeSteps(stepper: TokenStepper, promptText: string, options: DecodeOptions, rng: Rng): Generator<DecodeStep, { finishReason: FinishReason; promptTokens: number; completionTokens: number }> {
  const cursor = stepper.start(promptText);
  const probs = new Float64Array(stepper.vocabSize);
  const scratch = new Float64Array(stepper.vocabSize);
  const stops = options.stop.filter((s) => s.length > 0);
  const holdBack = Math.max(0, ...stops.map((s) => s.length - 1));
  const ids: number[] = [];
  let released = 0;
  for (let step = 0; step < options.maxTokens; step++) {
    cursor.probabilities(probs);
    const id = drawToken(probs, options.temperature, options.topP, rng, scratch);
    if (id === stepper.eos) {
      const text = stepper.decode(ids);
      if (released < text.length) yield { delta: text.slice(released), token: null };
      return { finishReason: 'stop', promptTokens: cursor.contextTokens, completionTokens: ids.length };
    }
    ids.push(id);
    cursor.push(id);
    const token = { ...tokenEntry(stepper, id, probs[id]), top: options.topLogprobs > 0 ? topTokens(stepper, probs, options.topLogprobs) : [] };
    const text = stepper.decode(ids);
    const stop = findStop(text, stops, Math.max(0, released - holdBack));
    if (stop) {
      yield { delta: text.slice(released, Math.max(released, stop.at)), token };
      return { finishReason: 'stop', promptTokens: cursor.contextTokens, completionTokens: ids.length };
    }
    // an incomplete UTF-8 character decodes as U+FFFD until its last byte arrives
    let safe = text.length - holdBack;
    while (safe > released && text.charCodeAt(safe - 1) === 0xfffd) safe--;
    const delta = safe > released ? text.slice(released, safe) : '';
    released += delta.length;
    yield { delta, token };
  }
  const text = stepper.decode(ids);
  if (released < text.length) yield { delta: text.slice(released), token: null };
  return { finishReason: 'length', promptTokens: cursor.contextTokens, completionTokens: ids.length };
}

/** A whole answer. */
export function decode(stepper: TokenStepper, promptText: string, options: DecodeOptions, rng: Rng): DecodeResult {
  const steps = decodeSteps(stepper, promptText, options, rng);
  let text = '';
  const tokens: TokenLogprob[] = [];
  for (;;) {
    const next = steps.next();
    if (next.done) return { text, tokens, ...next.value };
    text += next.value.delta;
    if (next.value.token) tokens.push(next.value.token);
  }
}
