/**
 * The llm-judge signal over loopback HTTP: zod-parsed JSON replies, unparsable replies retried then
 * recorded as judge failures, the stated `reads` rule, and a self-judging endpoint loop flagged closed.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { resolveConfig } from '../src/config/load.js';
import { createRng } from '../src/core/rng.js';
import type { Learner, Prompt, Task } from '../src/core/types.js';
import { stopEndpointWorker } from '../src/endpoints/client/sync-client.js';
import { runLoop } from '../src/loop/engine.js';
import { readMeta } from '../src/loop/run-store.js';
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
