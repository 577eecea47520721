/**
 * A blocking call into the HTTP worker: the caller posts a batch, sleeps on Atomics.wait until the
 * worker flags it done, then takes the reply off a MessagePort synchronously. This keeps the
 * Learner API synchronous (tasks and signals call `sample` and `logProb` directly) while the
 * requests of a batch run concurrently. The caller's own event loop is paused meanwhile, so a
 * server the caller talks to must run in another thread or process.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { InfoloopError } from '../../core/errors.js';
import { WORKER_SOURCE } from './worker-source.js';

export interface ClientConfig {
  baseURL: string;
  apiKey: string;
  timeoutMs: number;
  maxRetries: number;
  retryBaseMs: number;
  retryMaxMs: number;
  /** Longest Retry-After honoured as given. */
  retryAfterCapMs: number;
}

export interface WireRequest {
  key: string;
  /** Where the worker stores the reply as soon as it arrives (null: not cached). */
  cachePath: string | null;
  api: 'chat' | 'completions';
  body: Record<string, unknown>;
}

export type WireOutcome =
  | { ok: true; response: any; attempts: number }
  | { ok: false; attempts: number; status: number | null; message: string; budget?: boolean };

export interface BatchBudget {
  /** spend.json the worker adds each paid reply to (null: not kept on disk). */
  spendPath: string | null;
  /** Tokens (in + out) and cost this batch may still spend. */
  tokens: number;
  cost: number;
  inputPrice: number;
  outputPrice: number;
}

let worker: { thread: Worker; port: MessagePort } | null = null;

function start(): { thread: Worker; port: MessagePort } {
  if (worker) return worker;
  const channel = new MessageChannel();
  const openaiUrl = pathToFileURL(createRequire(import.meta.url).resolve('openai')).href;
  const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { openaiUrl, port: channel.port2 }, transferList: [channel.port2] });
  thread.unref(); // an idle worker must not keep the process alive
  channel.port1.unref();
  worker = { thread, port: channel.port1 };
  return worker;
}

/** Stop the worker thread (tests; it is started again on next use). */
export async function stopEndpointWorker(): Promise<void> {
  const current = worker;
  worker = null;
  if (current) {
    current.port.close();
    await current.thread.terminate();
  }
}

/** Send a batch and wait for every outcome (in request order). */
export function sendBatch(config: ClientConfig, requests: WireRequest[], concurrency: number, budget: BatchBudget, waitMs: number): WireOutcome[] {
  if (requests.length === 0) return [];
  const { thread, port } = start();
  const flagBuffer = new SharedArrayBuffer(4);
  const flag = new Int32Array(flagBuffer);
  thread.postMessage({ flag: flagBuffer, config, requests, concurrency, budget });
  const woke = Atomics.wait(flag, 0, 0, waitMs);
  const message = receiveMessageOnPort(port);
  if (woke === 'timed-out' || !message) {
    void stopEndpointWorker();
    throw new InfoloopError('E_ENDPOINT', `no answer from ${config.baseURL} within ${Math.round(waitMs / 1000)} s for a batch of ${requests.length} requests`, 'check the server, or raise learner.timeout_ms / lower learner.concurrency', 2);
  }
  const reply = message.message as { outcomes?: WireOutcome[]; crash?: string };
  if (!reply.outcomes) throw new InfoloopError('E_INTERNAL', `endpoint worker failed: ${reply.crash}`, 'this is a bug in infoloop; please report it', 1);
  return reply.outcomes;
}
