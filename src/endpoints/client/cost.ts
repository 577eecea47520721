/**
 * Tokens and money. Prices are per 1M input and output tokens, by model id ("*" for any other);
 * `cost` is the nominal cost of every reply a generation used, cached or not, so it is the same on a
 * resumed run, and `cost_paid` counts only replies fetched from the server. What was paid is kept
 * across processes in the cache folder (spend.json), so the hard budget holds over resumes.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

/** Paid tokens and cost of a run folder, across every process that worked on it. */
export class SpendLedger {
  private spend: Spend = { tokens: 0, cost: 0 };

  constructor(readonly folder: string | null, readonly budget: Budget) {
    const path = this.path();
    if (path && existsSync(path)) this.spend = JSON.parse(readFileSync(path, 'utf8')) as Spend;
  }

  private path(): string | null {
    return this.folder ? join(this.folder, 'spend.json') : null;
  }

  add(tokens: number, cost: number): void {
    this.spend = { tokens: this.spend.tokens + tokens, cost: this.spend.cost + cost };
    const path = this.path();
    if (path) {
      writeFileSync(`${path}.tmp`, JSON.stringify(this.spend));
      renameSync(`${path}.tmp`, path);
    }
  }

  /** What the budget still allows (Infinity where unset). */
  left(): Spend {
    return { tokens: (this.budget.max_tokens_total ?? Infinity) - this.spend.tokens, cost: (this.budget.max_cost ?? Infinity) - this.spend.cost };
  }

  exhaustedError(): InfoloopError {
    const { max_tokens_total, max_cost } = this.budget;
    const limit = [max_tokens_total !== undefined ? `${this.spend.tokens}/${max_tokens_total} tokens` : null, max_cost !== undefined ? `${this.spend.cost.toFixed(4)}/${max_cost} cost` : null].filter(Boolean).join(', ');
    return new InfoloopError('E_BUDGET', `the endpoint budget is spent (${limit}); the run stops here with every finished generation kept`, 'raise learner.budget in the run folder\'s config.yaml and continue with --resume: answered requests are not paid again', 1);
  }
}
