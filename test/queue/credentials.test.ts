// The Redis password comes from an environment variable and never shows: not in output, logs, errors, command lines or run folders; a worker listens on no port.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MAIN, ROOT } from '../cli-helpers.js';
import { redisAvailable, startWorker, useRedis } from './redis.js';

const secret = `pw-${randomBytes(12).toString('hex')}`;
const wrong = `wrong-${randomBytes(12).toString('hex')}`;
const sweepArgs = ['sweep', 'examples/verifier.yaml', '--grid', 'n=30,60', '--set', 'generations=3', '--seeds', '1'];

/** `infoloop <args>` with extra environment variables: its exit code and everything it printed. */
function infoloopWith(args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [MAIN, ...args], { cwd: ROOT, env: { ...process.env, CI: 'true', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

/** The process and all its descendants (job processes). */
function processTree(pid: number): number[] {
  const children = readdirSync(`/proc/${pid}/task`).flatMap((task) => readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number));
  return [pid, ...children.flatMap(processTree)];
}

/** Socket inodes that accept connections or packets: listening TCP, bound UDP. */
function listeningInodes(): Set<string> {
  const rows = (file: string) => readFileSync(`/proc/net/${file}`, 'utf8').trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/));
  const tcp = ['tcp', 'tcp6'].flatMap(rows).filter((fields) => fields[3] === '0A');
  return new Set([...tcp, ...['udp', 'udp6'].flatMap(rows)].map((fields) => fields[9]));
}

function socketInodes(pid: number): string[] {
  return readdirSync(`/proc/${pid}/fd`).flatMap((fd) => {
    try {
      return [readlinkSync(`/proc/${pid}/fd/${fd}`).match(/^socket:\[(\d+)\]$/)?.[1]].filter((inode): inode is string => inode !== undefined);
    } catch {
      return []; // closed meanwhile
    }
  });
}

const filesUnder = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((entry) => (entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)]));

describe.skipIf(!redisAvailable)('the queue password', () => {
  const context = useRedis('infoloop-queue-credentials-', ['--requirepass', secret]);

  it('read from REDIS_PASSWORD or a --queue-env URL, it is never printed or stored, and a worker listens on no port', async () => {
    const url = context.redis.url(1);
    const worker = await startWorker(url, { env: { INFOLOOP_QUEUE: url.replace('redis://', `redis://:${secret}@`) }, args: ['--queue-env', 'INFOLOOP_QUEUE'], concurrency: 2 });
    try {
      const out = join(context.work, 'sweep');
      const run = await infoloopWith([...sweepArgs, '--queue', url, '--out', out], { REDIS_PASSWORD: secret });
      expect(run.code, run.output).toBe(0);
      expect(worker.log()).toMatch(/^done {3}/m);
      const tree = processTree(worker.child.pid!);
      expect(tree.length).toBeGreaterThan(1); // the worker and its job process
      const listening = listeningInodes();
      for (const pid of tree) {
        expect(socketInodes(pid).filter((inode) => listening.has(inode)), `process ${pid} listens`).toEqual([]);
        expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8')).not.toContain(secret);
      }
      expect(run.output).not.toContain(secret);
      expect(worker.log()).not.toContain(secret);
      for (const file of filesUnder(out)) expect(readFileSync(file, 'utf8'), file).not.toContain(secret);
    } finally {
      await worker.stop();
    }
  }, 60_000);

  it('a wrong password fails at once with E_ENDPOINT, and neither it nor the right one is printed', async () => {
    const url = context.redis.url(2);
    const withWrong = url.replace('redis://', `redis://:${wrong}@`);
    const runs = await Promise.all([
      infoloopWith([...sweepArgs, '--queue', url, '--out', join(context.work, 'wrong-env')], { REDIS_PASSWORD: wrong }),
      infoloopWith([...sweepArgs, '--queue-env', 'INFOLOOP_QUEUE', '--out', join(context.work, 'wrong-url')], { INFOLOOP_QUEUE: withWrong }),
      infoloopWith([...sweepArgs, '--queue', withWrong, '--out', join(context.work, 'wrong-argument')], {}),
      infoloopWith(['worker', '--queue-env', 'INFOLOOP_QUEUE'], { INFOLOOP_QUEUE: withWrong }),
    ]);
    for (const { code, output } of runs) {
      expect(code, output).toBe(2);
      expect(output).toMatch(/^error\[E_ENDPOINT\]: the queue at redis:\/\/127\.0\.0\.1:\d+\/2 refused the credentials \(WRONGPASS/m);
      expect(output).not.toContain(wrong);
      expect(output).not.toMatch(/at .*\.js:\d+|ReplyError/); // no stack, no raw error object
    }
  }, 60_000);
});
