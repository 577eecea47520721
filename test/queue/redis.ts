/** A throwaway redis-server on a free loopback port in a temporary folder, and `infoloop worker` processes for it. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { MAIN, ROOT } from '../cli-helpers.js';

export const redisAvailable = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;
if (!redisAvailable) console.warn('redis-server is not on PATH: the queue tests are skipped (install it with `apt-get install -y redis-server`)');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

/** Resolves when `pattern` appears in the child's output (stdout or stderr), rejects after `ms`. */
export function waitForOutput(child: ChildProcess, pattern: RegExp, ms = 20_000): Promise<void> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern} in: ${text.slice(-500)}`)), ms);
    const onData = (chunk: Buffer) => {
      text += chunk.toString();
      if (pattern.test(text)) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stderr?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
  });
}

export function stopProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}

export interface TestRedis {
  /** `redis://127.0.0.1:<port>/<db>`. */
  url(db: number): string;
  /** Stop the server (SIGTERM: it finishes its append-only file) and start it again on the same port and folder. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/** A redis-server with an append-only file in a temporary folder; `extraArgs` e.g. `['--requirepass', secret]`. */
export async function startRedis(extraArgs: string[] = []): Promise<TestRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'infoloop-redis-'));
  const port = await freePort();
  const launch = async () => {
    const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', ...extraArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
    await waitForOutput(child, /Ready to accept connections/);
    return child;
  };
  let server = await launch();
  return {
    url: (db) => `redis://127.0.0.1:${port}/${db}`,
    async restart() {
      await stopProcess(server);
      server = await launch();
    },
    async stop() {
      await stopProcess(server);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** `infoloop worker` as a user starts it; its output is kept in `log()`. */
export async function startWorker(url: string, options: { delayMs?: number; concurrency?: number; scratch?: string; env?: NodeJS.ProcessEnv; args?: string[] } = {}) {
  const env = { ...process.env, CI: 'true', INFOLOOP_TEST_JOB_DELAY_MS: String(options.delayMs ?? 0), ...options.env };
  const queueArgs = [...(options.args ?? ['--queue', url]), ...(options.scratch ? ['--scratch', options.scratch] : [])];
  const child = spawn(process.execPath, [MAIN, 'worker', ...queueArgs, '--stall-seconds', '1', '--concurrency', String(options.concurrency ?? 1)], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stdout.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await waitForOutput(child, /worker on redis/);
  return { child, log: () => log, stop: (signal?: NodeJS.Signals) => stopProcess(child, signal) };
}

/** A Redis and a temporary folder for the tests of one describe block (started before them, removed after). */
export function useRedis(prefix: string, redisArgs: string[] = []): { redis: TestRedis; work: string } {
  const context = {} as { redis: TestRedis; work: string };
  beforeAll(async () => {
    context.redis = await startRedis(redisArgs);
    context.work = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(async () => {
    await context.redis?.stop();
    if (context.work) rmSync(context.work, { recursive: true, force: true });
  });
  return context;
}

/** A file with its wall-clock fields blanked (the only part a queued run may differ in). */
export function withoutWallTimes(path: string): string {
  return readFileSync(path, 'utf8').replace(/"wall_ms":\s*[\d.]+/g, '"wall_ms":0');
}
