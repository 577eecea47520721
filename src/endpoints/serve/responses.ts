/** Response bodies in the shapes the official OpenAI clients parse: completions, chat, and their stream chunks. */
import type { DecodeResult, FinishReason, TokenLogprob } from './decode.js';

export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
}

export function usageOf(results: { promptTokens: number; completionTokens: number }[], promptTokens: number): Usage {
  const completion = results.reduce((sum, r) => sum + r.completionTokens, 0);
  return { prompt_tokens: promptTokens, completion_tokens: completion, total_tokens: promptTokens + completion };
}

/** The legacy completions `logprobs` object (top alternatives as {token: logprob} maps). */
export function completionLogprobs(tokens: TokenLogprob[], withTop: boolean, offset = 0) {
  const textOffset: number[] = [];
  let at = offset;
  for (const t of tokens) {
    textOffset.push(at);
    at += t.token.length;
  }
  return {
    tokens: tokens.map((t) => t.token),
    token_logprobs: tokens.map((t) => t.logprob),
    top_logprobs: withTop ? tokens.map((t) => Object.fromEntries(t.top.map((alt) => [alt.token, alt.logprob]))) : null,
    text_offset: textOffset,
  };
}

/** The chat `logprobs.content` list. */
export function chatLogprobs(tokens: TokenLogprob[]) {
  return {
    content: tokens.map((t) => ({ token: t.token, logprob: t.logprob, bytes: t.bytes, top_logprobs: t.top.map((alt) => ({ token: alt.token, logprob: alt.logprob, bytes: alt.bytes })) })),
    refusal: null,
  };
}

export interface ResponseHead {
  id: string;
  created: number;
  model: string;
}

export function completionBody(head: ResponseHead, results: DecodeResult[], logprobs: number | null, usage: Usage) {
  return {
    ...head,
    object: 'text_completion',
    choices: results.map((r, index) => ({
      index,
      text: r.text,
      logprobs: logprobs == null ? null : completionLogprobs(r.tokens, logprobs > 0),
      finish_reason: r.finishReason,
    })),
    usage,
  };
}

export function chatBody(head: ResponseHead, results: DecodeResult[], logprobs: boolean, usage: Usage) {
  return {
    ...head,
    object: 'chat.completion',
    choices: results.map((r, index) => ({
      index,
      message: { role: 'assistant', content: r.text, refusal: null },
      logprobs: logprobs ? chatLogprobs(r.tokens) : null,
      finish_reason: r.finishReason,
    })),
    usage,
  };
}

export function completionChunk(head: ResponseHead, index: number, text: string, logprobs: ReturnType<typeof completionLogprobs> | null, finish: FinishReason | null) {
  return { ...head, object: 'text_completion', choices: [{ index, text, logprobs, finish_reason: finish }] };
}

export function chatChunk(head: ResponseHead, index: number, delta: { role?: 'assistant'; content?: string }, logprobs: ReturnType<typeof chatLogprobs> | null, finish: FinishReason | null) {
  return { ...head, object: 'chat.completion.chunk', choices: [{ index, delta, logprobs, finish_reason: finish }] };
}

export function usageChunk(head: ResponseHead, object: 'text_completion' | 'chat.completion.chunk', usage: Usage) {
  return { ...head, object, choices: [], usage };
}

/** An OpenAI-style error body. */
export function errorBody(message: string, type: string, code: string | null, param: string | null = null) {
  return { error: { message, type, param, code } };
}
