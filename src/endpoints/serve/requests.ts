/**
 * Request bodies of /v1/completions and /v1/chat/completions as zod schemas. Parameters the server
 * does not implement but that change nothing for these models (user, penalties of 0, logit_bias {})
 * are accepted; ones it cannot honour are rejected with a 400 naming the parameter.
 */
import { z } from 'zod';
import type { DecodeOptions } from './decode.js';

const stop = z.union([z.string(), z.array(z.string()).max(4)]).nullish();
const common = {
  model: z.string().min(1),
  n: z.number().int().min(1).max(128).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().gt(0).max(1).nullish(),
  max_tokens: z.number().int().min(0).max(65_536).nullish(),
  stop,
  seed: z.number().int().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).passthrough().nullish(),
  presence_penalty: z.literal(0).nullish(),
  frequency_penalty: z.literal(0).nullish(),
  user: z.string().nullish(),
};

export const completionRequest = z
  .object({
    ...common,
    prompt: z.union([z.string(), z.array(z.string()).min(1).max(128)]),
    logprobs: z.number().int().min(0).max(20).nullish(),
    echo: z.literal(false).nullish(),
    best_of: z.literal(1).nullish(),
    suffix: z.null().optional(),
  })
  .passthrough();
export type CompletionRequest = z.infer<typeof completionRequest>;

const contentPart = z.object({ type: z.literal('text'), text: z.string() }).passthrough();
const message = z
  .object({
    role: z.enum(['system', 'developer', 'user', 'assistant', 'tool']),
    content: z.union([z.string(), z.array(contentPart), z.null()]),
  })
  .passthrough();

export const chatRequest = z
  .object({
    ...common,
    messages: z.array(message).min(1),
    max_completion_tokens: z.number().int().min(0).max(65_536).nullish(),
    logprobs: z.boolean().nullish(),
    top_logprobs: z.number().int().min(0).max(20).nullish(),
    response_format: z.object({ type: z.enum(['text', 'json_object', 'json_schema']) }).passthrough().nullish(),
  })
  .passthrough();
export type ChatRequest = z.infer<typeof chatRequest>;

/** What a chat is conditioned on: the last user message's text (a text learner answers one prompt). */
export function chatPrompt(request: ChatRequest): string | null {
  for (let i = request.messages.length - 1; i >= 0; i--) {
    const m = request.messages[i];
    if (m.role !== 'user') continue;
    return typeof m.content === 'string' ? m.content : (m.content ?? []).map((part) => part.text).join('');
  }
  return null;
}

export function stopList(value: string | string[] | null | undefined): string[] {
  return value == null ? [] : typeof value === 'string' ? [value] : value;
}

/** Defaults as in the OpenAI API: temperature 1, top_p 1; max_tokens 16 for completions. */
export function decodeOptions(request: { temperature?: number | null; top_p?: number | null; stop?: string | string[] | null }, maxTokens: number, topLogprobs: number): DecodeOptions {
  return { maxTokens, temperature: request.temperature ?? 1, topP: request.top_p ?? 1, stop: stopList(request.stop), topLogprobs };
}
