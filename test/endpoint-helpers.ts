/** Loopback servers in child processes for endpoint tests (the endpoint learner blocks its own thread while it waits). */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { LedgerRow } from '../src/ledger/schema.js';

export const FAULT_SERVER = fileURLToPath(new URL('./fixtures/fault-server.mjs', import.meta.url));

export interface Child {
  process: ChildProcess;
  stdout: string[];
  stop(): Promise<void>;
}

/** Start a child and resolve once a stdout line matches `ready` (its match is returned). */
export function startChild(args: string[], ready: RegExp, env: NodeJS.ProcessEnv = process.env): Promise<{ child: Child; match: RegExpExecArray }> {
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env });
  const stdout: string[] = [];
  let stderr = '';
  const child: Child = {
    process: proc,
    stdout,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null || proc.signalCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
  return new Promise((resolve, reject) => {
    proc.stderr!.on('data', (d) => (stderr += d));
    proc.stdout!.on('data', (data: Buffer) => {
      for (const line of data.toString().split('\n').filter(Boolean)) {
        stdout.push(line);
        const match = ready.exec(line);
        if (match) resolve({ child, match });
      }
    });
    proc.once('exit', (code) => reject(new Error(`child exited (${code}) before it was ready: ${stderr}`)));
  });
}

export async function startFaultServer(options: Record<string, unknown> = {}): Promise<{ child: Child; url: string }> {
  const { child, match } = await startChild([FAULT_SERVER, JSON.stringify(options)], /^listening (\d+)$/);
  return { child, url: `http://127.0.0.1:${match[1]}` };
}

export interface LogEntry {
  key: string;
  attempt: number;
  fault: string | null;
  status: number | null;
  t: number;
}

export async function serverLog(url: string): Promise<{ log: LogEntry[]; held: number }> {
  return (await (await fetch(`${url}/__log`)).json()) as { log: LogEntry[]; held: number };
}

/** A row without the fields that may differ between equal runs (time; and what a retry or the cache changes). */
export function comparable(row: LedgerRow, drop: string[]): unknown {
  const { wall_ms: _wall, ...rest } = row;
  const usage = { ...((rest.extras as { usage?: Record<string, unknown> }).usage ?? {}) };
  for (const key of drop) delete usage[key];
  return { ...rest, extras: { ...rest.extras, usage } };
}
