/**
 * The HTTP API of a served run (hono): GET /v1/models, POST /v1/completions and
 * /v1/chat/completions, non-streaming and streaming (server-sent events), with an optional bearer
 * key compared in constant time, a body size limit and OpenAI-style JSON errors.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { streamSSE } from 'hono/streaming';
import type { z } from 'zod';
import { createRng, type Rng } from '../../core/rng.js';
import { decode, decodeSteps, type DecodeOptions } from './decode.js';
import type { ModelStore, ServedModel } from './models.js';
import { chatPrompt, chatRequest, completionRequest, decodeOptions } from './requests.js';
import {
  chatBody, chatChunk, chatLogprobs, completionBody, completionChunk, completionLogprobs, errorBody, usageChunk, usageOf, type ResponseHead,
} from './responses.js';

export interface AppOptions {
  /** Bearer key every /v1 request must carry (none: open). */
  apiKey?: string;
  /** Largest accepted request body in bytes. */
  maxBodyBytes?: number;
  /** Seed of the stream used by requests that send no `seed`. */
  seed?: number;
  /** Longest answer a request may ask for, and the default of chat requests. */
  maxTokensCap?: number;
}

class HttpError extends Error {
  constructor(readonly status: 400 | 401 | 404 | 413, message: string, readonly code: string | null, readonly param: string | null = null) {
    super(message);
  }
}

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Constant-time comparison: equal-length digests, so neither length nor content leaks through timing. */
export function keyMatches(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}

function parseBody<S extends z.ZodTypeAny>(schema: S, body: unknown): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const param = issue.path.map(String).join('.') || null;
  throw new HttpError(400, `${param ?? 'body'}: ${issue.message}`, 'invalid_value', param);
}

interface Plan {
  model: ServedModel;
  prompts: string[];
  n: number;
  options: DecodeOptions;
  rngFor(choice: number): Rng;
}

export function createApp(store: ModelStore, options: AppOptions = {}): Hono {
  const app = new Hono();
  const cap = options.maxTokensCap ?? 4096;
  const serverRng = createRng(options.seed ?? 0);
  let requestCount = 0;
  const head = (model: string, prefix: string): ResponseHead => ({ id: `${prefix}-${(++requestCount).toString(16).padStart(8, '0')}`, created: Math.floor(Date.now() / 1000), model });

  app.onError((error, c) => {
    if (error instanceof HttpError) return c.json(errorBody(error.message, error.status === 401 ? 'authentication_error' : 'invalid_request_error', error.code, error.param), error.status);
    return c.json(errorBody(`internal error: ${error.message}`, 'server_error', 'internal_error'), 500);
  });
  app.notFound((c) => c.json(errorBody(`no route ${c.req.method} ${c.req.path}`, 'invalid_request_error', 'not_found'), 404));

  // middleware only where it applies: each layer costs every request (see bench/serve.mjs)
  const apiKey = options.apiKey;
  if (apiKey !== undefined) {
    app.use('/v1/*', async (c, next) => {
      const header = c.req.header('authorization') ?? '';
      const given = header.startsWith('Bearer ') ? header.slice(7) : '';
      if (!keyMatches(given, apiKey)) throw new HttpError(401, 'missing or wrong API key (send Authorization: Bearer <key>)', 'invalid_api_key');
      await next();
    });
  }
  const maxBody = options.maxBodyBytes ?? 1 << 20;
  const limit = bodyLimit({ maxSize: maxBody, onError: (c) => c.json(errorBody(`request body is larger than ${maxBody} bytes`, 'invalid_request_error', 'request_too_large'), 413) });

  app.get('/v1/models', (c) => {
    const created = Math.floor(Date.now() / 1000);
    return c.json({ object: 'list', data: store.ids().map((id) => ({ id, object: 'model', created, owned_by: 'infoloop' })) });
  });
  app.get('/v1/models/:id{.+}', (c) => {
    const id = c.req.param('id');
    if (store.generationOf(id) === null) throw new HttpError(404, `model "${id}" does not exist`, 'model_not_found', 'model');
    return c.json({ id, object: 'model', created: Math.floor(Date.now() / 1000), owned_by: 'infoloop' });
  });

  async function readJson(c: Context): Promise<unknown> {
    try {
      return await c.req.json();
    } catch {
      throw new HttpError(400, 'the request body is not valid JSON', 'invalid_json');
    }
  }

  async function plan(request: { model: string; n?: number | null; seed?: number | null; max_tokens?: number | null }, prompts: string[], maxTokens: number, topLogprobs: number, body: Parameters<typeof decodeOptions>[0]): Promise<Plan> {
    // with --watch, a trainer may announce a checkpoint before the next poll sees it: look once more
    const generation = store.generationOf(request.model) ?? (store.options.watch ? (store.refresh(), store.generationOf(request.model)) : null);
    if (generation === null) throw new HttpError(404, `model "${request.model}" does not exist; GET /v1/models lists the served ones`, 'model_not_found', 'model');
    const model = await store.load(generation);
    if (maxTokens > cap) throw new HttpError(400, `max_tokens ${maxTokens} is above this server's cap of ${cap}`, 'invalid_value', 'max_tokens');
    const base = request.seed != null ? createRng(request.seed) : serverRng.fork(`request-${requestCount}`);
    return { model, prompts, n: request.n ?? 1, options: decodeOptions(body, maxTokens, topLogprobs), rngFor: (choice) => base.fork(`choice-${choice}`) };
  }

  /** Every choice of a plan decoded in full: prompt p's choices are indexes p·n … p·n + n − 1. */
  function decodeAll(p: Plan) {
    const results = p.prompts.flatMap((prompt, i) => Array.from({ length: p.n }, (_, j) => decode(p.model.stepper, prompt, p.options, p.rngFor(i * p.n + j))));
    const promptTokens = p.prompts.reduce((sum, prompt) => sum + p.model.stepper.start(prompt).contextTokens, 0);
    return { results, usage: usageOf(results, promptTokens) };
  }

  /** Stream every choice in turn; `chunk` shapes one step, `last` the closing chunk of a choice. */
  function stream(c: Context, p: Plan, responseHead: ResponseHead, object: 'text_completion' | 'chat.completion.chunk', includeUsage: boolean, shape: (index: number, delta: string, tokens: ReturnType<typeof decode>['tokens'], finish: 'stop' | 'length' | null, first: boolean) => unknown) {
    return streamSSE(c, async (sse) => {
      let promptTokens = 0;
      let completionTokens = 0;
      for (let i = 0; i < p.prompts.length; i++) {
        for (let j = 0; j < p.n; j++) {
          const index = i * p.n + j;
          const steps = decodeSteps(p.model.stepper, p.prompts[i], p.options, p.rngFor(index));
          let first = true;
          for (;;) {
            if (sse.aborted) return;
            const next = steps.next();
            if (next.done) {
              await sse.writeSSE({ data: JSON.stringify(shape(index, '', [], next.value.finishReason, first)) });
              completionTokens += next.value.completionTokens;
              if (j === 0) promptTokens += next.value.promptTokens;
              break;
            }
            if (next.value.delta === '' && !next.value.token) continue;
            await sse.writeSSE({ data: JSON.stringify(shape(index, next.value.delta, next.value.token ? [next.value.token] : [], null, first)) });
            first = false;
          }
        }
      }
      if (includeUsage) await sse.writeSSE({ data: JSON.stringify(usageChunk(responseHead, object, { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens })) });
      await sse.writeSSE({ data: '[DONE]' });
    });
  }

  app.post('/v1/completions', limit, async (c) => {
    const request = parseBody(completionRequest, await readJson(c));
    const prompts = typeof request.prompt === 'string' ? [request.prompt] : request.prompt;
    const p = await plan(request, prompts, request.max_tokens ?? 16, request.logprobs ?? 0, request);
    const logprobs = request.logprobs ?? null;
    if (request.stream) {
      const h = head(request.model, 'cmpl');
      return stream(c, p, h, 'text_completion', request.stream_options?.include_usage === true, (index, delta, tokens, finish) =>
        completionChunk(h, index, delta, logprobs == null || tokens.length === 0 ? null : completionLogprobs(tokens, logprobs > 0), finish));
    }
    const { results, usage } = decodeAll(p);
    return c.json(completionBody(head(request.model, 'cmpl'), results, logprobs, usage));
  });

  app.post('/v1/chat/completions', limit, async (c) => {
    const request = parseBody(chatRequest, await readJson(c));
    const prompt = chatPrompt(request);
    if (prompt === null) throw new HttpError(400, 'messages: a chat needs at least one user message', 'invalid_value', 'messages');
    const wantLogprobs = request.logprobs === true;
    if (!wantLogprobs && (request.top_logprobs ?? 0) > 0) throw new HttpError(400, 'top_logprobs needs logprobs: true', 'invalid_value', 'top_logprobs');
    const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? Math.min(cap, 512);
    const p = await plan(request, [prompt], maxTokens, wantLogprobs ? request.top_logprobs ?? 0 : 0, request);
    if (request.stream) {
      const h = head(request.model, 'chatcmpl');
      return stream(c, p, h, 'chat.completion.chunk', request.stream_options?.include_usage === true, (index, delta, tokens, finish, first) =>
        chatChunk(h, index, first ? { role: 'assistant', content: delta } : finish ? {} : { content: delta }, wantLogprobs && tokens.length > 0 ? chatLogprobs(tokens) : null, finish));
    }
    const { results, usage } = decodeAll(p);
    return c.json(chatBody(head(request.model, 'chatcmpl'), results, wantLogprobs, usage));
  });

  return app;
}
