/**
 * End to end over real HTTP: `infoloop serve --watch` serves a trained n-gram run; a 3-generation gym
 * verifier loop generates with the `endpoint` learner through the openai client, and its fit.command
 * trains the next n-gram into the served folder, which the server picks up as a new model id. The
 * external trainer's failure stops a run cleanly, and --resume retries the step.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { resolveConfig } from '../src/config/load.js';
import { stopEndpointWorker } from '../src/endpoints/client/sync-client.js';
import { resumeRun, runLoop } from '../src/loop/engine.js';
import { readLedger, readMeta } from '../src/loop/run-store.js';
import { MAIN } from './cli-helpers.js';
import { startChild, startFaultServer, type Child } from './endpoint-helpers.js';

const FIT_NGRAM = fileURLToPath(new URL('./fixtures/fit-ngram.mjs', import.meta.url));
const FIT_FAIL_ONCE = fileURLToPath(new URL('./fixtures/fit-fail-once.mjs', import.meta.url));
const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await stopEndpointWorker();
});
const tmp = () => tempFolder('infoloop-e2e-');
type Usage = { model: string; tokens_in: number; tokens_out: number; requests: number; cost: number; cost_per_injected_bit: number | null };
const usageOf = (row: { extras: Record<string, unknown> }) => row.extras.usage as Usage;

describe('a real loop through infoloop serve', () => {
  it('generates through the endpoint, trains externally, and serves each new model', async () => {
    const base = await runLoop(
      resolveConfig({ seed: 2, generations: 1, n: 32, run_id: 'base', task: { name: 'gym', families: ['parity'], eval_prompts: 6, pretrain: 300 }, learner: { name: 'ngram', order: 4, max_tokens: 8 }, signal: { name: 'verifier' } }),
      { out: tmp(), quiet: true, durable: false },
    );
    const { child, match } = await startChild([MAIN, 'serve', base.dir, '--watch', '--port', '0'], /at (http:\/\/\S+)\/v1$/);
    children.push(child);
    const url = match[1];
    const result = await runLoop(
      resolveConfig({
        seed: 3, generations: 3, n: 16, run_id: 'through-endpoint',
        task: { name: 'gym', families: ['parity'], eval_prompts: 6 },
        learner: { name: 'endpoint', base_url: `${url}/v1`, model: 'base@1', max_tokens: 8, concurrency: 4, prices: { '*': { input: 1, output: 2 } }, fit: { command: [process.execPath, FIT_NGRAM, base.dir, '{data}'] } },
        signal: { name: 'verifier' },
        policy: { name: 'accumulate' },
      }),
      { out: tmp(), quiet: true, durable: false },
    );
    expect(result.rows).toHaveLength(4);
    result.rows.forEach((row, t) => {
      const usage = usageOf(row);
      expect(usage.model).toBe(`base@${1 + t}`); // row t describes the model after t external fits
      expect(usage.tokens_in).toBeGreaterThan(0);
      expect(usage.tokens_out).toBeGreaterThan(0);
      expect(usage.cost).toBeCloseTo((usage.tokens_in + 2 * usage.tokens_out) / 1e6, 15);
      expect(typeof row.injected_bits).toBe('number');
      expect(row.entropy_bits).not.toBeNull(); // the served n-gram returns logprobs
      expect(row.gap_bits).toBeNull(); // needs reference answers' probabilities: unavailable through the API
    });
    expect(result.rows.slice(1).some((row) => (row.injected_bits ?? 0) > 0)).toBe(true);
    for (const row of result.rows.slice(1)) expect(usageOf(row).cost_per_injected_bit).toBe((row.injected_bits ?? 0) > 0 ? usageOf(row).cost / row.injected_bits! : null);
    expect(readdirSync(join(result.dir, 'exports')).filter((f) => f.endsWith('.jsonl'))).toHaveLength(3);
    expect(readdirSync(join(result.dir, 'logs'))).toHaveLength(3);
    const announced = child.stdout.filter((line) => line.startsWith('new model'));
    expect(announced).toEqual(['new model base@2', 'new model base@3', 'new model base@4']);
    // SIGTERM: the server says it is stopping and exits 0
    const exit = new Promise<number | null>((resolve) => child.process.once('exit', (code) => resolve(code)));
    child.process.kill('SIGTERM');
    expect(await exit).toBe(0);
    expect(child.stdout.at(-1)).toMatch(/stopping/);
  });

  it("a failing trainer stops the run cleanly with its log kept, and --resume retries the step", async () => {
    const { child, url } = await startFaultServer();
    children.push(child);
    const out = tmp();
    const marker = join(out, 'marker');
    const config = resolveConfig({
      seed: 4, generations: 2, n: 8, run_id: 'external',
      task: { name: 'gym', families: ['addition'], eval_prompts: 4 },
      learner: { name: 'endpoint', base_url: `${url}/v1`, model: 'fake-1', max_tokens: 8, fit: { command: [process.execPath, FIT_FAIL_ONCE, marker, '{data}', '{fit}'] } },
      signal: { name: 'verifier' },
    });
    await expect(runLoop(config, { out, quiet: true, durable: false })).rejects.toMatchObject({ code: 'E_FIT' });
    const dir = join(out, 'external');
    expect(readLedger(dir)).toHaveLength(1);
    expect(readMeta(dir).status).toBe('failed');
    expect(readFileSync(join(dir, 'logs', 'fit-0000.log'), 'utf8')).toMatch(/out of memory \(simulated\)[\s\S]*exit 3/);
    const line = JSON.parse(readFileSync(join(dir, 'exports', 'fit-0000.jsonl'), 'utf8').split('\n')[0]) as { messages: { role: string; content: string }[]; weight: number };
    expect(line.messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    expect(line.weight).toBe(1);
    const resumed = await resumeRun(dir, { quiet: true, durable: false });
    expect(resumed.rows.map((row) => usageOf(row).model)).toEqual(['fake-1', 'fake-2', 'fake-3']);
    expect(existsSync(join(dir, 'logs', 'fit-0001.log'))).toBe(true);
  });
});
