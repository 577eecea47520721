/**
 * The endpoint learner over real loopback HTTP against a server that injects faults (429 with
 * Retry-After, 500, a reply slower than the timeout, truncated JSON, a dropped connection): the loop
 * finishes with the rows of a fault-free run, and `retries` counts exactly the faults. A run killed
 * mid-generation and resumed asks the server nothing twice, and ends with the ledger of an
 * uninterrupted run. A hard budget stops a run (status `stopped`, not failed); a raised budget resumes it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify as toYaml } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { resolveConfig } from '../src/config/load.js';
import { stopEndpointWorker } from '../src/endpoints/client/sync-client.js';
import type { LedgerRow } from '../src/ledger/schema.js';
import { resumeRun, runLoop } from '../src/loop/engine.js';
import { readLedger, readMeta } from '../src/loop/run-store.js';
import { infoloop, MAIN } from './cli-helpers.js';
import { comparable, serverLog, startFaultServer, type Child } from './endpoint-helpers.js';

const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await stopEndpointWorker();
});

async function server(options: Record<string, unknown> = {}) {
  const started = await startFaultServer(options);
  children.push(started.child);
  return started;
}

function config(url: string, extra: Record<string, unknown> = {}) {
  return {
    seed: 11, generations: 3, n: 24, run_id: 'endpoint-loop',
    task: { name: 'gym', families: ['addition'], eval_prompts: 6 },
    learner: { name: 'endpoint', base_url: `${url}/v1`, model: 'fake-1', api: 'chat', concurrency: 6, timeout_ms: 400, max_retries: 4, retry_base_ms: 10, retry_max_ms: 50, max_tokens: 8, prices: { 'fake-1': { input: 0.2, output: 0.8 } }, ...extra },
    signal: { name: 'verifier' },
  };
}

const tmp = () => tempFolder('infoloop-endpoint-');

async function run(url: string, extra: Record<string, unknown> = {}): Promise<LedgerRow[]> {
  return (await runLoop(resolveConfig(config(url, extra)), { out: tmp(), quiet: true, durable: false })).rows;
}

describe('endpoint learner over HTTP', () => {
  it('survives every kind of fault: the rows equal a fault-free run and `retries` counts the faults', async () => {
    const clean = await server();
    const faulty = await server({ faultEvery: 12, faults: ['429', '500', 'slow', 'truncated', 'drop'], slowMs: 1200, retryAfter: '1' });
    const reference = await run(clean.url);
    const rows = await run(faulty.url);
    const { log } = await serverLog(faulty.url);
    const faults = log.filter((entry) => entry.fault !== null);
    expect(new Set(faults.map((f) => f.fault))).toEqual(new Set(['429', '500', 'slow', 'truncated', 'drop']));
    const retries = rows.reduce((sum, row) => sum + ((row.extras as { usage: { retries: number } }).usage.retries), 0);
    // every attempt after a key's first is a retry: the injected faults, plus any answer that missed
    // the 400 ms timeout on a busy machine
    expect(retries).toBe(log.length - new Set(log.map((entry) => entry.key)).size);
    expect(retries).toBeGreaterThanOrEqual(faults.length);
    expect(rows.map((r) => comparable(r, ['retries']))).toEqual(reference.map((r) => comparable(r, ['retries'])));
    // every row carries tokens and cost; cost is the token count times the configured prices
    for (const row of rows) {
      const usage = (row.extras as { usage: Record<string, number> }).usage;
      expect(usage.requests).toBeGreaterThan(0);
      expect(usage.cost).toBeCloseTo((usage.tokens_in * 0.2 + usage.tokens_out * 0.8) / 1e6, 15);
      expect(usage.cost_per_injected_bit).toBe((row.injected_bits ?? 0) > 0 ? usage.cost / row.injected_bits! : null);
    }
    expect(rows.some((r) => (r.injected_bits ?? 0) > 0)).toBe(true);
    // a 429 is retried no sooner than its Retry-After (1 s); jittered backoff alone would be ≤ 50 ms
    for (const limited of faults.filter((f) => f.fault === '429')) {
      const retry = log.find((entry) => entry.key === limited.key && entry.attempt === 2)!;
      expect(retry.t - limited.t).toBeGreaterThanOrEqual(990);
    }
  }, 240_000);

  it('killed mid-generation and resumed: no request is answered twice and the ledger equals an uninterrupted run', async () => {
    const clean = await server();
    const patient = { timeout_ms: 30_000 }; // no answer may time out here, or it would be asked twice
    const reference = await run(clean.url, patient);
    // hold the server after 10 of generation 2's requests
    const requests = (row: LedgerRow) => (row.extras as { usage: { requests: number } }).usage.requests;
    const held = await server({ holdAfter: requests(reference[0]) + requests(reference[1]) + 10 });
    const out = tmp();
    const configPath = join(out, 'config.yaml');
    writeFileSync(configPath, toYaml(config(held.url, patient)));
    const child = spawn(process.execPath, [MAIN, 'run', configPath, '--out', out, '--quiet'], { stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    const dir = join(out, 'endpoint-loop');
    // kill once the server holds a request and the client has stored every answer it was sent
    // (an answer still on the wire when a process dies is necessarily asked again)
    const cachedFiles = () => {
      const folder = join(dir, 'endpoint-cache');
      return existsSync(folder) ? readdirSync(folder).filter((d) => d.length === 2).flatMap((d) => readdirSync(join(folder, d))).filter((f) => f.endsWith('.json')).length : 0;
    };
    for (let waited = 0; ; waited += 20) {
      const state = await serverLog(held.url);
      if (state.held > 0 && cachedFiles() === state.log.filter((e) => e.status === 200).length) break;
      if (waited > 120_000) throw new Error('the run never reached the held request');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    await exited;
    await fetch(`${held.url}/__release`);
    expect(readLedger(dir).length).toBe(2); // rows 0 and 1 were written before the kill
    const rows = (await resumeRun(dir, { quiet: true, durable: false })).rows;
    const answered = (await serverLog(held.url)).log.filter((entry) => entry.status === 200).map((entry) => entry.key);
    expect(answered.length).toBeGreaterThan(0);
    expect(new Set(answered).size).toBe(answered.length);
    const drop = ['retries', 'cost_paid', 'cache_hits'];
    expect(rows.map((r) => comparable(r, drop))).toEqual(reference.map((r) => comparable(r, drop)));
    const resumedRow = rows[2].extras as { usage: { cache_hits: number; cost_paid: number; cost: number } };
    expect(resumedRow.usage.cache_hits).toBeGreaterThanOrEqual(10);
    expect(resumedRow.usage.cost_paid).toBeLessThan(resumedRow.usage.cost);
  }, 240_000);

  it('a hard budget stops the run: status stopped, rows kept, exit 0; --resume says why, and with a raised budget finishes', async () => {
    const clean = await server();
    const reference = await run(clean.url);
    const out = tmp();
    const stopped = await runLoop(resolveConfig(config(clean.url, { budget: { max_tokens_total: 1500 } })), { out, quiet: true, durable: false });
    const dir = join(out, 'endpoint-loop');
    expect(stopped.status).toBe('stopped');
    expect(stopped.stop_reason).toMatch(/budget is spent \(\d+\/1500 tokens\).*--resume .*--set learner\.budget\.max_tokens_total=3000/);
    const rows = readLedger(dir);
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThan(4);
    expect(stopped.rows).toEqual(rows);
    expect(readMeta(dir)).toMatchObject({ status: 'stopped', stop_reason: stopped.stop_reason, generations_done: rows.length - 1 });
    const spend = JSON.parse(readFileSync(join(dir, 'endpoint-cache', 'spend.json'), 'utf8')) as { tokens: number };
    expect(spend.tokens).toBeGreaterThanOrEqual(1500);
    // at most one round of concurrent requests (6 × < 100 tokens) runs past the limit
    expect(spend.tokens).toBeLessThan(1500 + 6 * 100);
    expect(existsSync(join(dir, 'exports'))).toBe(rows.length > 1);

    // the CLI: resuming without a raise says why it stopped, stops again at once, exits 0 with a one-line notice
    const again = infoloop(['run', '--resume', dir]);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/warning: this run stopped after generation \d: the endpoint budget is spent/);
    const notices = again.stdout.split('\n').filter((line) => line.startsWith('stopped '));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^stopped after generation \d: .*--set learner\.budget\.max_tokens_total=/);
    expect(readLedger(dir)).toEqual(rows);
    const listed = infoloop(['runs', out]);
    expect(listed.stdout).toMatch(/endpoint-loop\s+stopped\s+\d\/3\s+.*budget is spent/);
    expect(infoloop(['ledger', dir]).stdout).toMatch(/\nrun stopped: the endpoint budget is spent/);
    // only the budget may change on resume
    const refused = infoloop(['run', '--resume', dir, '--set', 'n=50']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/^error\[E_INPUT\]: --set n=50: a resumed run keeps its config\nhint: only learner\.budget\.max_tokens_total, learner\.budget\.max_cost/);

    // raised: the run finishes with the ledger of a run that never had a budget
    const raised = infoloop(['run', '--resume', dir, '--quiet', '--set', 'learner.budget.max_tokens_total=1000000']);
    expect(raised.status, raised.stderr).toBe(0);
    expect(raised.stdout).not.toMatch(/^stopped/m);
    expect(readMeta(dir)).toMatchObject({ status: 'done', generations_done: 3 });
    expect(readMeta(dir).stop_reason).toBeUndefined();
    const drop = ['retries', 'cost_paid', 'cache_hits'];
    expect(readLedger(dir).map((r) => comparable(r, drop))).toEqual(reference.map((r) => comparable(r, drop)));
  }, 240_000);
});
