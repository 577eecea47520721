/**
 * Asking an endpoint for many replies at once: the cached ones are read, the rest sent as one
 * concurrent batch (the worker caches each as it arrives), and a request that still fails after its
 * retries becomes one error line with a hint. Shared by the endpoint learner and the llm-judge signal.
 */
import { InfoloopError } from '../../core/errors.js';
import type { CachedReply, ResponseCache } from './cache.js';
import { replyOf } from './reply.js';
import { sendBatch, type BatchBudget, type ClientConfig, type WireOutcome } from './sync-client.js';

export interface AskOptions {
  client: ClientConfig;
  cache: ResponseCache;
  api: 'chat' | 'completions';
  concurrency: number;
  budget: BatchBudget;
  /** Where the key comes from and which model is asked, for error hints. */
  keyEnv?: string;
  model: string;
}

export interface Asked {
  replies: (CachedReply | null)[];
  /** Which replies came from the server (paid) rather than the cache. */
  fetched: boolean[];
  retries: number;
  /** Some requests were not sent because the budget was spent. */
  budgetSpent: boolean;
}

/** Seconds the caller may wait for a batch: every round of requests timing out and backing off. */
function batchWaitMs(client: ClientConfig, requests: number, concurrency: number): number {
  const rounds = Math.ceil(requests / concurrency) * (client.maxRetries + 1);
  return rounds * (client.timeoutMs + Math.max(client.retryMaxMs, client.retryAfterCapMs)) + 10_000;
}

function failureError(failure: Extract<WireOutcome, { ok: false }>, options: AskOptions): InfoloopError {
  const retried = failure.attempts > 1 ? ` after ${failure.attempts} attempts` : '';
  const status = failure.status !== null && !failure.message.startsWith(String(failure.status)) ? `${failure.status} ` : '';
  const hint =
    failure.status === 401 || failure.status === 403 ? `check the key in ${options.keyEnv ?? 'api_key_env'}`
    : failure.status === 404 ? `check the model ("${options.model}") and base_url`
    : 'check the server is up, then continue with --resume: answered requests are cached';
  return new InfoloopError('E_ENDPOINT', `${options.client.baseURL} failed${retried}: ${status}${failure.message}`, hint, 2);
}

export function askAll(items: { address: string; body: Record<string, unknown> }[], options: AskOptions): Asked {
  const replies = items.map((item) => options.cache.get(item.address));
  const fetched = items.map(() => false);
  const missing = items.map((_, i) => i).filter((i) => replies[i] === null);
  const asked: Asked = { replies, fetched, retries: 0, budgetSpent: false };
  if (missing.length === 0) return asked;
  const wire = missing.map((i) => ({ key: items[i].address, cachePath: options.cache.path(items[i].address), api: options.api, body: items[i].body }));
  const outcomes = sendBatch(options.client, wire, options.concurrency, options.budget, batchWaitMs(options.client, wire.length, options.concurrency));
  let failure: Extract<WireOutcome, { ok: false }> | null = null;
  outcomes.forEach((outcome, j) => {
    asked.retries += Math.max(0, outcome.attempts - 1);
    if (outcome.ok) {
      replies[missing[j]] = replyOf(outcome.response, options.api);
      fetched[missing[j]] = true;
    } else if (outcome.budget) asked.budgetSpent = true;
    else failure ??= outcome;
  });
  if (failure) throw failureError(failure, options);
  return asked;
}
