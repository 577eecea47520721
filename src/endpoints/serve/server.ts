/**
 * Starting and stopping the HTTP server of a served run: binds 127.0.0.1 unless told otherwise,
 * polls the run folder for new checkpoints with --watch, and on stop (SIGTERM) refuses new
 * connections while the requests in flight finish.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { InfoloopError } from '../../core/errors.js';
import { createApp, type AppOptions } from './app.js';
import { ModelStore, type ModelStoreOptions } from './models.js';

export interface ServeOptions extends AppOptions, ModelStoreOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /** How often --watch looks for new checkpoints. */
  pollMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  store: ModelStore;
  /** Stop accepting connections and resolve once the requests in flight have finished. */
  close(): Promise<void>;
}

export async function startServer(dir: string, options: ServeOptions = {}): Promise<RunningServer> {
  const store = new ModelStore(dir, options);
  const app = createApp(store, options);
  const host = options.host ?? '127.0.0.1';
  const server = serve({ fetch: app.fetch, port: options.port ?? 8787, hostname: host });
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(new InfoloopError('E_SERVE', `cannot listen on ${host}:${options.port}: ${error.code ?? error.message}`, error.code === 'EADDRINUSE' ? 'pick another --port, or stop the process using it' : 'check --host and --port')),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const timer = options.watch
    ? setInterval(() => {
        try {
          store.refresh();
        } catch {
          // a checkpoint being written or a folder briefly unreadable: look again at the next tick
        }
      }, options.pollMs ?? 500)
    : null;
  timer?.unref();
  const close = () =>
    new Promise<void>((resolve) => {
      if (timer) clearInterval(timer);
      server.close(() => resolve());
      if ('closeIdleConnections' in server) server.closeIdleConnections();
    });
  return { url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`, port, store, close };
}
