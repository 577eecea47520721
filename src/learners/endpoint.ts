/**
 * The `endpoint` learner: a model behind an OpenAI-compatible API (vLLM, SGLang, llama.cpp server,
 * Ollama, hosted APIs, `infoloop serve`), called through the official `openai` client.
 *
 * sample: one request per answer (n = 1) with its own seed drawn from the generation's stream,
 * answered from the run folder's response cache when the same request was answered before.
 * logProb: the sum of the token log-probabilities the server returned with an answer this learner
 * sampled (excluding the end-of-answer token, which the API does not report); for any other answer,
 * or a server that returns none, it is NaN and the ledger writes null — never a made-up number.
 * fit: writes the training set as chat-format JSONL; with `fit.command` runs the user's trainer
 * (no shell: placeholders are substituted into single arguments) and switches to the model id it
 * prints; without it the model stays as it is (one dataset exported per generation).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { CreateContext, Entry } from '../core/registry.js';
import type { Rng } from '../core/rng.js';
import type { FitStats, Learner, Prompt, Snapshot, Weighted } from '../core/types.js';
import { cacheAddress, ResponseCache, type CachedReply } from '../endpoints/client/cache.js';
import { costOf, emptyCounters, priceOf, priceSchema, SpendLedger, type UsageCounters } from '../endpoints/client/cost.js';
import { runFitCommand, writeChatExport, type FitCommand } from '../endpoints/client/fit-command.js';
import type { ClientConfig } from '../endpoints/client/sync-client.js';
import { askAll, type Asked } from '../endpoints/client/ask.js';
import { answerLimits, truncateChars } from './text-sequence.js';
import { checkCount, checkSnapshot } from './validate.js';

const params = z
  .object({
    base_url: z.string().url(),
    model: z.string().min(1),
    /** Name of the environment variable holding the API key (the key itself is never written anywhere). */
    api_key_env: z.string().min(1).optional(),
    api: z.enum(['chat', 'completions']).default('chat'),
    /** The request text; `{prompt}` is replaced by the task's prompt. */
    prompt_template: z.string().default('{prompt}'),
    /** A system message for the chat API. */
    system: z.string().optional(),
    concurrency: z.number().int().min(1).max(1024).default(8),
    timeout_ms: z.number().int().positive().default(60_000),
    max_retries: z.number().int().min(0).max(100).default(6),
    retry_base_ms: z.number().int().min(0).default(500),
    retry_max_ms: z.number().int().min(0).default(30_000),
    retry_after_cap_ms: z.number().int().min(0).default(120_000),
    temperature: z.number().min(0).max(2).default(1),
    top_p: z.number().gt(0).max(1).optional(),
    max_tokens: z.number().int().positive().default(256),
    stop: z.array(z.string()).max(4).optional(),
    /** Ask for token log-probabilities (logProb needs them). */
    logprobs: z.boolean().default(true),
    /** Send each answer's seed (servers that reject `seed` need false). */
    send_seed: z.boolean().default(true),
    /** Per 1M tokens, by model id; "*" for any model not listed. */
    prices: z.record(priceSchema).default({}),
    budget: z.object({ max_tokens_total: z.number().int().positive().optional(), max_cost: z.number().positive().optional() }).strict().default({}),
    fit: z
      .object({
        command: z.union([z.string().min(1), z.array(z.string()).min(1)]).optional(),
        model_from: z.enum(['stdout', 'file']).default('stdout'),
        timeout_ms: z.number().int().positive().default(24 * 3600 * 1000),
      })
      .strict()
      .default({}),
  })
  .strict();
export type EndpointParams = z.infer<typeof params>;

export const ENDPOINT_NOTE =
  'learner "endpoint": log-probabilities are known only for answers it sampled from a server that returns logprobs; ' +
  'columns that need the probability of other answers (gap_bits, extras.reference_bits; shift_bits under imitation) or of answers without logprobs (entropy_bits) are null';

export class EndpointLearner implements Learner<string> {
  readonly name = 'endpoint';
  readonly notes = [ENDPOINT_NOTE];
  private model: string;
  private baseUrl: string;
  private fits = 0;
  private readonly apiKey: string;
  private readonly cache: ResponseCache;
  private readonly spend: SpendLedger;
  private counters: UsageCounters = emptyCounters();
  /** Bits of the answers sampled from the current model, by prompt text and answer. */
  private readonly known = new Map<string, number>();

  constructor(readonly params: EndpointParams, readonly runDir: string | null) {
    this.model = params.model;
    this.baseUrl = params.base_url;
    if (params.api_key_env !== undefined) {
      const key = process.env[params.api_key_env];
      if (!key) throw new InfoloopError('E_CONFIG', `learner.api_key_env: the environment variable ${params.api_key_env} is unset or empty`, `export ${params.api_key_env}=<your key> before running`);
      this.apiKey = key;
    } else this.apiKey = 'none';
    if (params.fit.command !== undefined && runDir === null) throw new InfoloopError('E_CONFIG', 'learner.fit.command needs a run folder', 'run the loop with `infoloop run` (the trainer reads its data from the run folder)');
    const folder = runDir === null ? null : join(runDir, 'endpoint-cache');
    this.cache = new ResponseCache(folder);
    this.spend = new SpendLedger(folder, params.budget);
  }

  private clientConfig(): ClientConfig {
    const p = this.params;
    return { baseURL: this.baseUrl, apiKey: this.apiKey, timeoutMs: p.timeout_ms, maxRetries: p.max_retries, retryBaseMs: p.retry_base_ms, retryMaxMs: p.retry_max_ms, retryAfterCapMs: p.retry_after_cap_ms };
  }

  private render(prompt: Prompt): string {
    return this.params.prompt_template.replaceAll('{prompt}', prompt.text);
  }

  private body(prompt: Prompt, seed: number): Record<string, unknown> {
    const p = this.params;
    const limits = answerLimits(prompt, p.max_tokens);
    const common = { model: this.model, max_tokens: Math.min(limits.maxTokens, p.max_tokens), temperature: p.temperature, n: 1, ...(p.top_p !== undefined ? { top_p: p.top_p } : {}), ...(p.stop ? { stop: p.stop } : {}), ...(p.send_seed ? { seed } : {}) };
    if (p.api === 'completions') return { ...common, prompt: this.render(prompt), ...(p.logprobs ? { logprobs: 0 } : {}) };
    const messages = [...(p.system !== undefined ? [{ role: 'system', content: p.system }] : []), { role: 'user', content: this.render(prompt) }];
    return { ...common, messages, ...(p.logprobs ? { logprobs: true } : {}) };
  }

  sample(prompt: Prompt, n: number, rng: Rng): string[] {
    checkCount(n, this.name);
    return this.sampleBatch([{ prompt, n }], rng)[0];
  }

  sampleBatch(requests: { prompt: Prompt; n: number }[], rng: Rng): string[][] {
    const items = requests.flatMap(({ prompt, n }, group) =>
      Array.from({ length: n }, (_, index) => {
        const seed = rng.uint32();
        const body = this.body(prompt, seed);
        return { group, prompt, body, address: cacheAddress({ endpoint: this.baseUrl, model: this.model, body, seed, index }) };
      }),
    );
    const asked = this.ask(items);
    const out: string[][] = requests.map(() => []);
    items.forEach((item, i) => {
      const reply = asked.replies[i]!;
      const text = truncateChars(reply.text, answerLimits(item.prompt, this.params.max_tokens).maxChars);
      if (reply.logprob_nats !== null && text === reply.text) this.known.set(`${item.prompt.text}\u0000${text}`, reply.logprob_nats / Math.LN2);
      this.count(reply);
      out[item.group].push(text);
    });
    this.counters.cache_hits += asked.fetched.filter((f) => !f).length;
    return out;
  }

  /** Replies for every item, cached or fetched; what was fetched is paid for at once, against the budget. */
  private ask(items: { address: string; body: Record<string, unknown> }[]): Asked {
    const left = this.spend.left();
    const anyMissing = items.some((item) => this.cache.get(item.address) === null);
    if (anyMissing && (left.tokens <= 0 || left.cost <= 0)) throw this.spend.exhaustedError();
    const price = priceOf(this.params.prices, this.model);
    const asked = askAll(items, { client: this.clientConfig(), cache: this.cache, api: this.params.api, concurrency: this.params.concurrency, budget: { ...left, inputPrice: price.input, outputPrice: price.output, spendPath: this.spend.path() }, keyEnv: this.params.api_key_env, model: this.model });
    this.counters.retries += asked.retries;
    asked.replies.forEach((reply, i) => {
      if (!reply || !asked.fetched[i]) return;
      const paid = costOf(this.params.prices, this.model, reply.prompt_tokens ?? 0, reply.completion_tokens ?? 0);
      this.spend.record((reply.prompt_tokens ?? 0) + (reply.completion_tokens ?? 0), paid);
      this.counters.cost_paid += paid;
    });
    if (asked.budgetSpent) throw this.spend.exhaustedError();
    return asked;
  }

  private count(reply: CachedReply): void {
    const tokensIn = reply.prompt_tokens ?? 0;
    const tokensOut = reply.completion_tokens ?? 0;
    this.counters.requests += 1;
    this.counters.tokens_in += tokensIn;
    this.counters.tokens_out += tokensOut;
    this.counters.cost += costOf(this.params.prices, this.model, tokensIn, tokensOut);
  }

  endpointTarget(): { baseUrl: string; model: string; apiKey: string } {
    return { baseUrl: this.baseUrl, model: this.model, apiKey: this.apiKey };
  }

  logProb(prompt: Prompt, x: string): number {
    if (typeof x !== 'string') throw new InfoloopError('E_INPUT', `endpoint.logProb: answer must be a string, got ${typeof x}`, 'the endpoint learner answers with strings');
    return this.known.get(`${prompt.text}\u0000${x}`) ?? NaN;
  }

  fit(batch: Weighted<string>[], _rng: Rng): FitStats {
    const index = this.fits;
    const stats: FitStats = { examples: batch.length, fit_index: index };
    if (this.runDir !== null) {
      const data = writeChatExport(this.runDir, index, batch, (prompt) => this.render(prompt), this.params.system);
      const command = this.params.fit.command;
      if (command !== undefined) {
        const spec: FitCommand = { command, modelFrom: this.params.fit.model_from, timeoutMs: this.params.fit.timeout_ms };
        const next = runFitCommand(this.runDir, index, spec, { data, model: this.model, base_url: this.baseUrl });
        if (next.model !== this.model || (next.baseUrl ?? this.baseUrl) !== this.baseUrl) this.known.clear();
        this.model = next.model;
        this.baseUrl = next.baseUrl ?? this.baseUrl;
      }
    }
    this.fits = index + 1;
    return stats;
  }

  /** Tokens, requests, retries and cost since the previous row, and the model id the row describes. */
  usage(): Record<string, number | string | null> {
    const counters = this.counters;
    this.counters = emptyCounters();
    return { model: this.model, ...counters };
  }

  snapshot(): Snapshot {
    return { learner: this.name, json: { model: this.model, base_url: this.baseUrl, fits: this.fits } };
  }

  restore(snapshot: Snapshot): void {
    checkSnapshot(snapshot.learner, this.name);
    const json = snapshot.json as { model?: unknown; base_url?: unknown; fits?: unknown } | null;
    if (!json || typeof json.model !== 'string' || typeof json.base_url !== 'string' || !Number.isInteger(json.fits)) {
      throw new InfoloopError('E_RESUME', 'endpoint snapshot lacks model, base_url or fits', 'restore a snapshot saved by the endpoint learner');
    }
    this.model = json.model;
    this.baseUrl = json.base_url;
    this.fits = json.fits as number;
    this.known.clear();
  }
}

export const endpointEntry: Entry<EndpointLearner, EndpointParams> = {
  name: 'endpoint',
  description: 'a model behind an OpenAI-compatible API (vLLM, llama.cpp, Ollama, hosted, infoloop serve); optional external trainer',
  params,
  create: (options, context: CreateContext) => new EndpointLearner(options, context.runDir ?? null),
};
