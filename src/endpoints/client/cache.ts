/**
 * Content-addressed response cache in the run folder: a reply is stored under the SHA-256 of its
 * key (endpoint, model, request body with its seed, sample index), one JSON file each, written
 * atomically by the HTTP worker as the reply arrives, so a resumed or re-run generation asks the
 * server nothing it has answered.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from '../../core/json.js';
import { replyOf } from './reply.js';

/** What a reply is reduced to: the answer, its log-probability when returned, and token counts. */
export interface CachedReply {
  text: string;
  /** Σ ln p of the answer's tokens as the server reported them; null when it sent none. */
  logprob_nats: number | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  finish_reason: string | null;
}

export interface CacheKey {
  endpoint: string;
  model: string;
  body: Record<string, unknown>;
  seed: number | null;
  index: number;
}

/** Keys are hashed from canonical JSON (sorted object keys), so key order never changes an address. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

export function cacheAddress(key: CacheKey): string {
  return createHash('sha256').update(stringify(canonical(key))).digest('hex');
}

export class ResponseCache {
  /** `folder` null: nothing is stored (runs without a folder). */
  constructor(readonly folder: string | null) {}

  /** Where the reply with this address lives (null without a folder). */
  path(address: string): string | null {
    return this.folder === null ? null : join(this.folder, address.slice(0, 2), `${address}.json`);
  }

  get(address: string): CachedReply | null {
    const path = this.path(address);
    if (path === null || !existsSync(path)) return null;
    try {
      const stored = JSON.parse(readFileSync(path, 'utf8')) as { api: 'chat' | 'completions'; response: Parameters<typeof replyOf>[0] };
      return replyOf(stored.response, stored.api);
    } catch {
      return null; // unreadable: asked for again
    }
  }
}
