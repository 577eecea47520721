/**
 * Tokens and money. Prices are per 1M input and output tokens, by model id ("*" for any other);
 * `cost` is the nominal cost of every reply a generation used, cached or not, so it is the same on a
 * resumed run, and `cost_paid` counts only replies fetched from the server. What was paid is kept
 * across processes in the cache folder (spend.json), so the hard budget holds over resumes.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { InfoloopError } from '../../core/errors.js';

export const priceSchema = z.object({ input: z.number().nonnegative(), output: z.number().nonnegative() }).strict();
export type Prices = Record<string, z.infer<typeof priceSchema>>;

export function priceOf(prices: Prices, model: string): { input: number; output: number } {
  return prices[model] ?? prices['*'] ?? { input: 0, output: 0 };
}

export function costOf(prices: Prices, model: string, tokensIn: number, tokensOut: number): number {
  const price = priceOf(prices, model);
  return (tokensIn * price.input + tokensOut * price.output) / 1e6;
}

/** Counters a ledger row reports (since the previous row). */
export interface UsageCounters {
  tokens_in: number;
  tokens_out: number;
  requests: number;
  cache_hits: number;
  retries: number;
  cost: number;
  cost_paid: number;
}

export const emptyCounters = (): UsageCounters => ({ tokens_in: 0, tokens_out: 0, requests: 0, cache_hits: 0, retries: 0, cost: 0, cost_paid: 0 });

export interface Spend {
  tokens: number;
  cost: number;
}

export interface Budget {
  max_tokens_total?: number;
  max_cost?: number;
}

/**
 * Paid tokens and cost of a run folder, across every process that worked on it. With a folder, the
 * HTTP worker adds each reply to spend.json the moment it arrives (so a killed process loses no
 * spend); without one, the caller records replies here.
 */
export class SpendLedger {
  private memory: Spend = { tokens: 0, cost: 0 };

  constructor(readonly folder: string | null, readonly budget: Budget) {}

  /** Where the worker keeps the paid totals (null without a folder). */
  path(): string | null {
    return this.folder ? join(this.folder, 'spend.json') : null;
  }

  private spent(): Spend {
    const path = this.path();
    if (path === null) return this.memory;
    return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Spend) : { tokens: 0, cost: 0 };
  }

  /** Runs without a folder: count a fetched reply (with a folder the worker already has). */
  record(tokens: number, cost: number): void {
    if (this.path() === null) this.memory = { tokens: this.memory.tokens + tokens, cost: this.memory.cost + cost };
  }

  /** What the budget still allows (Infinity where unset). */
  left(): Spend {
    const spent = this.spent();
    return { tokens: (this.budget.max_tokens_total ?? Infinity) - spent.tokens, cost: (this.budget.max_cost ?? Infinity) - spent.cost };
  }

  exhaustedError(): InfoloopError {
    const { max_tokens_total, max_cost } = this.budget;
    const spent = this.spent();
    const limit = [max_tokens_total !== undefined ? `${spent.tokens}/${max_tokens_total} tokens` : null, max_cost !== undefined ? `${spent.cost.toFixed(4)}/${max_cost} cost` : null].filter(Boolean).join(', ');
    const key = max_cost !== undefined ? `max_cost=${max_cost * 2}` : `max_tokens_total=${(max_tokens_total ?? 0) * 2}`;
    const dir = this.folder === null ? '<run-dir>' : dirname(this.folder);
    return new InfoloopError('E_BUDGET', `the endpoint budget is spent (${limit})`, `to continue, raise it: infoloop run --resume ${dir} --set learner.budget.${key} (answered requests are not paid again)`, 1);
  }
}
