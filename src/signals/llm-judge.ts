/**
 * The `llm-judge` signal: a rubric prompt to a judge model behind an OpenAI-compatible API, which
 * replies with JSON {"score": s in [0, 1], "components": {name: value}}, parsed with zod.
 *
 * What it reads follows one stated rule: `model` when the judge is the generator's own model
 * (`model: "@generator"`) and its prompt carries no ground truth — self-rewarding, so the closure
 * monitor flags the loop; `task` when the judge is another model, or when the prompt carries ground
 * truth ({reference}: a correct answer from the task; {verdict}: the task's verifier on this answer).
 * An unparsable reply is asked again with another seed (`parse_retries` times), then recorded as a
 * judge failure: score 0, not kept, components.judge_failure = 1 — never a crash.
 * With `audit_size` the ledger measures the judge on a labelled audit sample (judge-audit.ts).
 */
import { join } from 'node:path';
import { z } from 'zod';
import { InfoloopError } from '../core/errors.js';
import type { CreateContext, Entry } from '../core/registry.js';
import type { AuditContext, AuditLabels, Judged, Judgement, JudgeContext, Prompt, Reads, Signal, Task } from '../core/types.js';
import { askAll, type Asked } from '../endpoints/client/ask.js';
import { cacheAddress, ResponseCache } from '../endpoints/client/cache.js';
import { costOf, priceSchema } from '../endpoints/client/cost.js';
import { auditParams, chooseAudited, isAuditGeneration } from './judge-audit.js';

const DEFAULT_RUBRIC =
  'Grade the answer to this task.\nTask: {prompt}\nAnswer: {answer}\n' +
  'Reply with JSON only: {"score": <a number from 0 to 1>, "components": {"<criterion>": <a number from 0 to 1>}}';

const judgeSchema = z
  .object({
    /** A model id, or "@generator" for the model the endpoint learner is generating with. */
    model: z.string().min(1),
    /** Required unless model is "@generator". */
    base_url: z.string().url().optional(),
    api_key_env: z.string().min(1).optional(),
    /** Placeholders: {prompt}, {answer}; ground truth: {reference}, {verdict}. */
    rubric: z.string().min(1).default(DEFAULT_RUBRIC),
    threshold: z.number().min(0).max(1).default(0.5),
    /** Ask for a JSON object (response_format), for servers that support it. */
    json_mode: z.boolean().default(false),
    parse_retries: z.number().int().min(0).max(10).default(2),
    concurrency: z.number().int().min(1).max(1024).default(8),
    timeout_ms: z.number().int().positive().default(60_000),
    max_retries: z.number().int().min(0).max(100).default(6),
    retry_base_ms: z.number().int().min(0).default(500),
    max_tokens: z.number().int().positive().default(256),
    /** Per 1M tokens, by model id ("*" for any other), for the judge's cost on the ledger. */
    prices: z.record(priceSchema).default({}),
    ...auditParams,
  })
  .strict();
type JudgeParams = z.infer<typeof judgeSchema>;

export const judgeReply = z.object({ score: z.number().min(0).max(1), components: z.record(z.number()).optional() }).passthrough();

/** The judge's JSON: the whole reply, or the first {...} block in it; null when there is none that fits the schema. */
export function parseJudgeReply(text: string): z.infer<typeof judgeReply> | null {
  const candidates = [text.trim(), /\{[\s\S]*\}/.exec(text)?.[0] ?? ''];
  for (const candidate of candidates) {
    try {
      const parsed = judgeReply.safeParse(JSON.parse(candidate));
      if (parsed.success) return parsed.data;
    } catch {
      // not JSON: try the next candidate
    }
  }
  return null;
}

/** The stated rule: the generator judging itself without ground truth reads only the model. */
export function judgeReads(p: Pick<JudgeParams, 'model' | 'rubric'>): Reads {
  const groundTruth = p.rubric.includes('{reference}') || p.rubric.includes('{verdict}');
  return p.model === '@generator' && !groundTruth ? 'model' : 'task';
}

export class LlmJudgeSignal implements Signal<string> {
  readonly name = 'llm-judge';
  readonly reads: Reads;
  private readonly cache: ResponseCache;
  private readonly apiKey: string | null;
  private counters = { requests: 0, cache_hits: 0, retries: 0, tokens_in: 0, tokens_out: 0, cost: 0, failures: 0 };

  /** Labels for a seeded sample of the judged candidates (set when `audit_size` > 0). */
  readonly audit?: (judged: Judged<string>[], ctx: AuditContext<string>) => AuditLabels | null;
  private readonly auditJudge: LlmJudgeSignal | null = null;
  private audited = 0;

  constructor(readonly params: JudgeParams, runDir: string | null, task?: Task<string>) {
    this.reads = judgeReads(params);
    if (params.audit_size > 0) {
      const labels = params.audit_labels;
      if (labels === 'ground-truth' && task?.groundTruth === false) {
        throw new InfoloopError('E_CONFIG', `signal.audit_labels "ground-truth": task "${task.name}" has no ground truth to label the audit with`, 'label it with a stronger judge: audit_labels: { model: <id>, base_url: <url> }');
      }
      if (labels !== 'ground-truth') this.auditJudge = new LlmJudgeSignal(judgeSchema.parse({ ...labels, concurrency: params.concurrency }), runDir);
      this.audit = (judged, ctx) => this.auditSample(judged, ctx);
    }
    if (params.model !== '@generator' && !params.base_url) throw new InfoloopError('E_CONFIG', 'signal.base_url is required when signal.model names a judge model', 'set base_url, or model: "@generator" to judge with the generating model');
    const key = params.api_key_env !== undefined ? process.env[params.api_key_env] : undefined;
    if (params.api_key_env !== undefined && !key) throw new InfoloopError('E_CONFIG', `signal.api_key_env: the environment variable ${params.api_key_env} is unset or empty`, `export ${params.api_key_env}=<your key> before running`);
    this.apiKey = key ?? null;
    this.cache = new ResponseCache(runDir === null ? null : join(runDir, 'judge-cache'));
  }

  private target(ctx: JudgeContext<string>): { baseUrl: string; model: string; apiKey: string } {
    if (this.params.model !== '@generator') return { baseUrl: this.params.base_url!, model: this.params.model, apiKey: this.apiKey ?? 'none' };
    const generator = ctx.learner.endpointTarget?.();
    if (!generator) throw new InfoloopError('E_CONFIG', `signal.model "@generator" needs a learner behind an endpoint; learner "${ctx.learner.name}" is not`, 'use learner: { name: endpoint, ... }, or name the judge model and its base_url');
    return { ...generator, apiKey: this.apiKey ?? generator.apiKey };
  }

  private render(prompt: Prompt, answer: string, ctx: JudgeContext<string>): string {
    const fill: Record<string, () => string> = {
      prompt: () => prompt.text,
      answer: () => answer,
      reference: () => String(ctx.task.reference?.(prompt, ctx.rng.fork('reference')) ?? ''),
      verdict: () => (ctx.task.verify(prompt, answer) ? 'correct' : 'incorrect'),
    };
    return this.params.rubric.replace(/\{(prompt|answer|reference|verdict)\}/g, (_, name: string) => fill[name]());
  }

  private count(asked: Asked, model: string): void {
    const c = this.counters;
    c.retries += asked.retries;
    asked.replies.forEach((reply, i) => {
      c.requests += 1;
      if (!asked.fetched[i]) c.cache_hits += 1;
      c.tokens_in += reply?.prompt_tokens ?? 0;
      c.tokens_out += reply?.completion_tokens ?? 0;
      c.cost += costOf(this.params.prices, model, reply?.prompt_tokens ?? 0, reply?.completion_tokens ?? 0);
    });
  }

  /**
   * Judge requests (retries of unparsable replies included), tokens, nominal cost and failures since
   * the last row; with an audit, `audit_n` labels and the audit judge's counters as `audit_*`.
   */
  usage(): Record<string, number> {
    const counters: Record<string, number> = this.counters;
    this.counters = { requests: 0, cache_hits: 0, retries: 0, tokens_in: 0, tokens_out: 0, cost: 0, failures: 0 };
    if (this.params.audit_size === 0) return counters;
    const audit = Object.entries(this.auditJudge?.usage() ?? {}).map(([key, value]) => [`audit_${key}`, value]);
    const usage = { ...counters, audit_n: this.audited, ...Object.fromEntries(audit) };
    this.audited = 0;
    return usage;
  }

  /** Correctness of a seeded sample of the judged candidates, on audited generations. */
  private auditSample(judged: Judged<string>[], ctx: AuditContext<string>): AuditLabels | null {
    const p = this.params;
    if (!isAuditGeneration(ctx.generation, p.audit_every)) return null;
    const chosen = chooseAudited(judged.length, p.audit_size, ctx.rng.fork('choose'));
    const labels = this.auditJudge
      ? this.auditJudge.judgeAll(chosen.map((i) => judged[i]), { ...ctx, rng: ctx.rng.fork('audit-judge') }).map((j) => (j.components!.judge_failure === 1 ? null : j.kept === true))
      : chosen.map((i) => ctx.task.verify(judged[i].prompt, judged[i].x));
    const index = chosen.filter((_, k) => labels[k] !== null);
    this.audited += index.length;
    return { index, correct: labels.filter((label): label is boolean => label !== null) };
  }

  judge(prompt: Prompt, xs: string[], ctx: JudgeContext<string>): Judgement<string>[] {
    return this.judgeAll(xs.map((x) => ({ prompt, x })), ctx);
  }

  /** Judgements of answers to any prompts, asked as one concurrent batch. */
  judgeAll(answers: { prompt: Prompt; x: string }[], ctx: JudgeContext<string>): Judgement<string>[] {
    const target = this.target(ctx);
    const p = this.params;
    const client = { baseURL: target.baseUrl, apiKey: target.apiKey, timeoutMs: p.timeout_ms, maxRetries: p.max_retries, retryBaseMs: p.retry_base_ms, retryMaxMs: 30_000, retryAfterCapMs: 120_000 };
    const texts = answers.map(({ prompt, x }) => this.render(prompt, x, ctx));
    const seeds = answers.map(() => ctx.rng.uint32());
    const results: (z.infer<typeof judgeReply> | null)[] = answers.map(() => null);
    for (let attempt = 0; attempt <= p.parse_retries; attempt++) {
      const pending = results.map((r, i) => (r === null ? i : -1)).filter((i) => i >= 0);
      if (pending.length === 0) break;
      const items = pending.map((i) => {
        const seed = (seeds[i] + attempt) >>> 0;
        const body = { model: target.model, messages: [{ role: 'user', content: texts[i] }], temperature: 0, max_tokens: p.max_tokens, seed, ...(p.json_mode ? { response_format: { type: 'json_object' } } : {}) };
        return { address: cacheAddress({ endpoint: target.baseUrl, model: target.model, body, seed, index: attempt }), body };
      });
      const asked = askAll(items, { client, cache: this.cache, api: 'chat', concurrency: p.concurrency, budget: { tokens: Infinity, cost: Infinity, inputPrice: 0, outputPrice: 0, spendPath: null }, keyEnv: p.api_key_env, model: target.model });
      pending.forEach((i, j) => (results[i] = parseJudgeReply(asked.replies[j]?.text ?? '')));
      this.count(asked, target.model);
    }
    this.counters.failures += results.filter((r) => r === null).length;
    return results.map((r) =>
      r === null ? { score: 0, kept: false, components: { judge_failure: 1 } } : { score: r.score, kept: r.score >= p.threshold, components: { ...(r.components ?? {}), judge_failure: 0 } },
    );
  }
}

export const llmJudgeEntry: Entry<Signal<string>, JudgeParams> = {
  name: 'llm-judge',
  description: 'a judge model behind an OpenAI-compatible API scores each answer from a rubric (reads the model when it is the generator itself, else the task)',
  params: judgeSchema,
  create: (options, context: CreateContext) => new LlmJudgeSignal(options, context.runDir ?? null, context.task),
};
