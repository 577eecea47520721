/**
 * Where the job queue lives: a `redis://[user@]host:port[/db]` URL, its password taken from an
 * environment variable (never from the command line, never printed: every message uses the masked URL).
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { InfoloopError } from '../../core/errors.js';

export interface QueueConnection {
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
  /** The URL without its password, for messages. */
  display: string;
}

/** The variable a password is read from when the URL carries none. */
export const PASSWORD_ENV = 'REDIS_PASSWORD';

/** Any `scheme://user:password@` in the text with the password replaced by `***` (up to the last `@`: a password may hold one). */
export function maskUrl(text: string): string {
  return text.replace(/([a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:)\S*@/gi, '$1***@');
}

/** Redis refused the credentials: trying again will not help. */
export function isAuthError(error: Error): boolean {
  return /WRONGPASS|NOAUTH|invalid password|invalid username-password/i.test(error.message);
}

export function parseQueueUrl(url: string, env: NodeJS.ProcessEnv = process.env): QueueConnection {
  const hint = 'e.g. --queue redis://127.0.0.1:6379/0, with the password in the REDIS_PASSWORD environment variable';
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InfoloopError('E_INPUT', '--queue is not a URL (it is not shown: it may hold a password)', hint);
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new InfoloopError('E_INPUT', `--queue must be a redis:// or rediss:// URL, got "${maskUrl(url)}"`, hint);
  }
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  const port = parsed.port ? Number(parsed.port) : 6379;
  if (!Number.isInteger(db) || db < 0) throw new InfoloopError('E_INPUT', `--queue database "${parsed.pathname.slice(1)}" is not a number`, hint);
  const password = parsed.password ? decodeURIComponent(parsed.password) : env[PASSWORD_ENV] || undefined;
  const username = parsed.username ? decodeURIComponent(parsed.username) : undefined;
  const display = `${parsed.protocol}//${username ? `${username}@` : ''}${parsed.hostname}:${port}/${db}`;
  return { host: parsed.hostname.replace(/^\[|\]$/g, ''), port, db, username, password, tls: parsed.protocol === 'rediss:', display };
}

/**
 * The URL given directly, or read from the named environment variable (so a password stays off the
 * command line). A password given in `--queue` itself works, with a warning: other users of the machine
 * can read a process's arguments.
 */
export function queueUrlFrom(options: { queue?: string; queueEnv?: string }, env: NodeJS.ProcessEnv = process.env, warn: (line: string) => void = () => {}): string | undefined {
  if (options.queueEnv !== undefined) {
    const value = env[options.queueEnv];
    if (!value) throw new InfoloopError('E_INPUT', `--queue-env ${options.queueEnv}: the variable is not set`, `export ${options.queueEnv}=redis://:password@host:6379/0`);
    return value;
  }
  if (options.queue !== undefined && maskUrl(options.queue) !== options.queue) {
    warn('warning: the --queue URL holds a password, which other users of this machine can read in the process list; put it in REDIS_PASSWORD, or the whole URL in a variable named by --queue-env');
  }
  return options.queue;
}

/** Warnings of the queue options, for the command line. */
export const warnOnStderr = (line: string): void => void process.stderr.write(line + '\n');

/** The wait before reconnect attempt `attempt` (1, 2, …): 200 ms more each time, at most 2 s. */
const reconnectDelayMs = (attempt: number): number => Math.min(200 * attempt, 2000);

/**
 * ioredis options; BullMQ needs `maxRetriesPerRequest: null` so blocking calls wait through reconnects.
 * Reconnecting goes on until `stopped()` says otherwise (BullMQ cannot close a connection that never became ready).
 */
export function redisOptions(connection: QueueConnection, stopped: () => boolean = () => false) {
  return {
    host: connection.host,
    port: connection.port,
    db: connection.db,
    username: connection.username,
    password: connection.password,
    tls: connection.tls ? {} : undefined,
    maxRetriesPerRequest: null,
    retryStrategy: (attempt: number) => (stopped() ? null : reconnectDelayMs(attempt)),
  };
}

/**
 * Stop reconnecting and wait until the connections have ended: closing one that never became ready
 * returns at once but leaves its handshake's failure to surface later as an uncaught error (which
 * would print the AUTH command, password included).
 */
export async function giveUp(stop: () => void, connecting: Promise<unknown>[]): Promise<void> {
  stop();
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.allSettled(connecting), new Promise((resolve) => (timer = setTimeout(resolve, 5000)))]);
  clearTimeout(timer);
}

/** Redis refused the credentials (`message`: Redis's reply, masked). */
export function refusedError(connection: QueueConnection, message: string): InfoloopError {
  return new InfoloopError('E_ENDPOINT', `the queue at ${connection.display} refused the credentials (${message})`, 'put the password in REDIS_PASSWORD (or in the URL named by --queue-env)');
}

/** Redis did not answer within `seconds` (`message`: the last error, masked, if any). */
export function unreachableError(connection: QueueConnection, seconds: number, message: string): InfoloopError {
  return new InfoloopError(
    'E_ENDPOINT',
    `cannot reach the queue at ${connection.display} within ${seconds} s${message ? ` (${message})` : ''}`,
    'start Redis there (see docs/scale-out.md), check host and port, and put its password in REDIS_PASSWORD',
  );
}

/**
 * Wait until Redis answers with these credentials, before any BullMQ object exists: a refused password
 * fails at once with E_ENDPOINT, an unreachable Redis after `seconds` (never, when it is undefined).
 * BullMQ is then never handed a connection whose handshake fails, whose late errors it cannot report
 * cleanly (they would surface as an uncaught error printing the AUTH command, password included).
 */
export async function reachQueue(connection: QueueConnection, options: { seconds?: number; onError?: (message: string) => void } = {}): Promise<void> {
  const deadline = options.seconds === undefined ? Infinity : Date.now() + options.seconds * 1000;
  let lastError = '';
  for (let attempt = 1; ; attempt++) {
    const client = new Redis({ ...redisOptions(connection), lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0, enableOfflineQueue: false });
    let failure: Error | undefined;
    client.on('error', (error: Error) => (failure ??= error)); // the first: a refused AUTH, not the checks that follow it
    try {
      await client.connect();
      await client.ping();
      return;
    } catch (error) {
      failure ??= error as Error;
    } finally {
      client.disconnect();
    }
    const message = maskUrl(failure.message);
    if (isAuthError(failure)) throw refusedError(connection, message);
    if (message !== lastError) options.onError?.(message); // a dead Redis repeats the same error on every attempt
    lastError = message;
    if (Date.now() >= deadline) throw unreachableError(connection, options.seconds!, message);
    await sleep(Math.min(reconnectDelayMs(attempt), Math.max(0, deadline - Date.now())));
  }
}
