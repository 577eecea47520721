/** A chat or completions reply reduced to what the loop keeps (answer, Σ ln p when returned, token counts). */
import type { CachedReply } from './cache.js';


type Maybe<T> = T | null | undefined;

interface ChoiceLike {
  text?: Maybe<string>;
  message?: Maybe<{ content?: Maybe<string> }>;
  finish_reason?: Maybe<string>;
  logprobs?: Maybe<{ content?: Maybe<{ logprob: number }[]>; token_logprobs?: Maybe<Maybe<number>[]> }>;
}

function sum(values: Maybe<number>[]): number | null {
  let total = 0;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) return null;
    total += v;
  }
  return total;
}

export function replyOf(response: { choices: ChoiceLike[]; usage?: Maybe<{ prompt_tokens?: number; completion_tokens?: number }> }, api: 'chat' | 'completions'): CachedReply {
  const choice = response.choices[0] ?? {};
  const text = (api === 'chat' ? choice.message?.content : choice.text) ?? '';
  const lp = choice.logprobs;
  const values = api === 'chat' ? lp?.content?.map((t) => t.logprob) : lp?.token_logprobs;
  return {
    text,
    logprob_nats: values ? sum(values) : null,
    prompt_tokens: response.usage?.prompt_tokens ?? null,
    completion_tokens: response.usage?.completion_tokens ?? null,
    finish_reason: choice.finish_reason ?? null,
  };
}
