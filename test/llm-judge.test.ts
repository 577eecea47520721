/**
 * The llm-judge signal over loopback HTTP: zod-parsed JSON replies, unparsable replies retried then
 * recorded as judge failures, the stated `reads` rule, a self-judging endpoint loop flagged closed, and
 * the judge's injected bits measured on a seeded audit sample (or reported unmeasured without one).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { resolveConfig } from '../src/config/load.js';
import { createRng } from '../src/core/rng.js';
import type { Learner, Prompt, Task } from '../src/core/types.js';
import { stopEndpointWorker } from '../src/endpoints/client/sync-client.js';
import { runLoop } from '../src/loop/engine.js';
import { readMeta } from '../src/loop/run-store.js';
import type { LedgerRow } from '../src/ledger/schema.js';
import type { TaskInformation } from '../src/ledger/task-information.js';
import { signalRegistry } from '../src/signals/registry.js';
import { judgeReads, parseJudgeReply, type LlmJudgeSignal } from '../src/signals/llm-judge.js';
import { startFaultServer, type Child } from './endpoint-helpers.js';

const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await stopEndpointWorker();
});

describe('llm-judge', () => {
  it('parses a JSON reply, or the first {...} block in prose; anything outside the schema is no reply', () => {
    expect(parseJudgeReply('{"score": 0.75, "components": {"format": 1}}')).toEqual({ score: 0.75, components: { format: 1 } });
    expect(parseJudgeReply('Sure. {"score": 1} Hope that helps.')).toEqual({ score: 1 });
    expect(parseJudgeReply('{"score": 1.5}')).toBeNull();
    expect(parseJudgeReply('{"grade": "A"}')).toBeNull();
    expect(parseJudgeReply('looks good to me')).toBeNull();
  });

  it('reads the model when the generator judges itself without ground truth, the task otherwise', () => {
    expect(judgeReads({ model: '@generator', rubric: 'Grade {answer} to {prompt}' })).toBe('model');
    expect(judgeReads({ model: '@generator', rubric: 'Grade {answer}; a correct answer is {reference}' })).toBe('task');
    expect(judgeReads({ model: '@generator', rubric: 'The verifier says {verdict}. Grade {answer}' })).toBe('task');
    expect(judgeReads({ model: 'judge-70b', rubric: 'Grade {answer}' })).toBe('task');
  });

  it('retries unparsable replies with another seed, then records a judge failure instead of crashing', async () => {
    const { child, url } = await startFaultServer();
    children.push(child);
    const prompt: Prompt = { id: 'p', text: 'What is 2 + 2?' };
    const ctx = { task: {} as Task<string>, learner: {} as Learner<string>, rng: createRng(1) };
    const answers = Array.from({ length: 40 }, (_, i) => String(i));
    const failures = (retries: number) => {
      const signal = signalRegistry.create({ name: 'llm-judge', model: 'judge-1', base_url: `${url}/v1`, parse_retries: retries, retry_base_ms: 1 }, { seed: 1 }) as LlmJudgeSignal;
      const judgements = signal.judge(prompt, answers, { ...ctx, rng: createRng(1) });
      for (const j of judgements) {
        if (j.components!.judge_failure === 1) expect([j.score, j.kept]).toEqual([0, false]);
        else expect(j.kept).toBe(j.score >= 0.5);
      }
      return judgements.filter((j) => j.components!.judge_failure === 1).length;
    };
    const once = failures(0);
    expect(once).toBeGreaterThan(0); // about one reply in five is prose
    expect(failures(3)).toBeLessThan(once);
  });

  it('a loop whose generator judges itself is flagged closed and injects no bits', async () => {
    const { child, url } = await startFaultServer();
    children.push(child);
    const result = await runLoop(
      resolveConfig({
        seed: 6, generations: 2, n: 12, run_id: 'self-judging',
        task: { name: 'gym', families: ['addition'], eval_prompts: 4 },
        learner: { name: 'endpoint', base_url: `${url}/v1`, model: 'fake-1', max_tokens: 8 },
        signal: { name: 'llm-judge', model: '@generator', retry_base_ms: 1 },
      }),
      { out: tempFolder('infoloop-judge-'), quiet: true, durable: false, onWarning: () => {} },
    );
    expect(result.closed).toBe(true);
    expect(readMeta(result.dir).closed).toBe(true);
    for (const row of result.rows) expect([row.signal_reads, row.closed, row.injected_bits]).toEqual(['model', true, 0]);
    expect(result.rows.slice(1).some((row) => row.shift_bits > 0)).toBe(true); // it still moves the model: amplification
    for (const row of result.rows.slice(1)) {
      const judge = row.extras.judge_usage as { requests: number; failures: number; tokens_in: number };
      expect(judge.requests).toBeGreaterThanOrEqual(12); // one per answer, more when a reply was prose
      expect(judge.failures).toBeLessThanOrEqual(12);
      expect(judge.tokens_in).toBeGreaterThan(0);
    }
  });
});

describe('llm-judge injected bits, measured on an audit sample', () => {
  const servers = async () => {
    const [generator, honest, ignoring] = await Promise.all([startFaultServer(), startFaultServer({ judge: 'honest' }), startFaultServer()]);
    children.push(generator.child, honest.child, ignoring.child);
    return { generator: generator.url, honest: honest.url, ignoring: ignoring.url };
  };
  const judgeRun = async (generator: string, judge: string, signal: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    runLoop(
      resolveConfig({
        seed: 7, generations: 2, n: 120, run_id: 'audited',
        task: { name: 'gym', families: ['addition'], eval_prompts: 4 },
        learner: { name: 'endpoint', base_url: `${generator}/v1`, model: 'fake-1', max_tokens: 8, concurrency: 16 },
        signal: { name: 'llm-judge', model: 'judge-1', base_url: `${judge}/v1`, retry_base_ms: 1, parse_retries: 0, concurrency: 16, ...signal },
        ...extra,
      }),
      { out: tempFolder('infoloop-audit-'), quiet: true, durable: false },
    );
  const info = (row: LedgerRow) => row.extras.task_information as TaskInformation;
  const AUDIT = 100;

  it('an honest judge gets its shift; a stronger judge as labeller gives the same measurement as ground truth', async () => {
    const { generator, honest } = await servers();
    const byTruth = await judgeRun(generator, honest, { audit_size: AUDIT });
    for (const row of byTruth.rows.slice(1)) {
      expect(info(row)).toMatchObject({ source: 'audit', bound: 'upper', audit_n: AUDIT });
      expect(row.shift_bits).toBeGreaterThan(0);
      // S = C on the audit: n·Î_upper ≥ n·H2(â) ≥ shift, so the minimum is the shift (task-information.ts)
      expect(row.injected_bits).toBe(row.shift_bits);
      expect((row.extras.judge_usage as { audit_n: number }).audit_n).toBe(AUDIT);
    }
    const byJudge = await judgeRun(generator, honest, { audit_size: AUDIT, audit_labels: { model: 'strong-judge', base_url: `${honest}/v1` } });
    expect(byJudge.rows.map(info)).toEqual(byTruth.rows.map(info));
    for (const row of byJudge.rows.slice(1)) expect((row.extras.judge_usage as { audit_requests: number }).audit_requests).toBe(AUDIT);
  }, 120_000);

  it('a judge that ignores correctness gets about 0 bits, however far it shifts; unaudited generations are unmeasured', async () => {
    const { generator, ignoring } = await servers();
    const result = await judgeRun(generator, ignoring, { audit_size: AUDIT, audit_every: 2 }, { generations: 3 });
    const [, first, second, third] = result.rows;
    for (const row of [first, third]) {
      expect(info(row)).toMatchObject({ source: 'audit', bound: 'upper', audit_n: AUDIT });
      // Under independence the audit's G-statistic 2m·ln2·Î is χ²₁, below 6.63 with probability 0.99; a bootstrap
      // replicate is then about noncentral χ²₁(6.63), whose 97.5% point is (1.96 + √6.63)² ≈ 20.6. So the upper
      // end of Î stays below 20.6 / (2m ln 2) bits per judgement (m = audit size).
      const bound = row.n_judged * (20.6 / (2 * AUDIT * Math.LN2));
      expect(row.injected_bits!).toBeLessThan(bound);
      expect(row.shift_bits).toBeGreaterThan(3 * bound);
    }
    expect(info(second)).toMatchObject({ source: 'unmeasured', mi_bits: null });
    expect([second.injected_bits, second.injected_bits_cum, third.injected_bits_cum]).toEqual([null, null, null]);
    expect(readMeta(result.dir).warnings.some((w) => /unmeasured \(null\) in generations without an audit/.test(w))).toBe(true);
  }, 120_000);

  it('without ground truth and without an audit the bits are unmeasured, and meta.json says why', async () => {
    const { generator, ignoring } = await servers();
    // the text task scores running text, which an endpoint cannot: an n-gram generates, the judge is over HTTP
    const text = { task: { name: 'text', sample_chars: 32, eval_samples: 2 }, learner: { name: 'ngram', order: 3 }, n: 8 };
    const result = await judgeRun(generator, ignoring, {}, text);
    for (const row of result.rows.slice(1)) {
      expect(row.injected_bits).toBeNull();
      expect(info(row).source).toBe('unmeasured');
    }
    expect(readMeta(result.dir).warnings).toContainEqual(expect.stringMatching(/^injected bits unmeasured \(null\): signal "llm-judge" reads the task, but task "text" has no ground truth/));
    await expect(judgeRun(generator, ignoring, { audit_size: 8 }, text)).rejects.toMatchObject({ code: 'E_CONFIG', message: expect.stringMatching(/audit_labels "ground-truth": task "text" has no ground truth/) });
  }, 120_000);
});
