/** `infoloop serve <run-dir> [--generation N] [--watch] [--port 8787] [--host 127.0.0.1] [--api-key-env NAME]` */
import type { Command } from 'commander';
import { InfoloopError } from '../core/errors.js';
import { startServer } from '../endpoints/serve/server.js';

function integer(name: string, min: number, max: number) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max) throw new InfoloopError('E_INPUT', `${name} must be an integer in [${min}, ${max}], got "${value}"`, `e.g. ${name} ${min === 0 ? 8787 : min}`);
    return n;
  };
}

export function registerServe(program: Command): void {
  program
    .command('serve')
    .description("serve a run's learner over the OpenAI API (/v1/models, /v1/completions, /v1/chat/completions)")
    .argument('<run-dir>', 'a run folder (runs/<run_id>) whose learner is a text learner')
    .option('--generation <N>', 'serve this generation instead of the last', integer('--generation', 0, 1e9))
    .option('--watch', 'serve every checkpoint, and new ones as they appear, as <run_id>@<generation>')
    .option('--port <port>', 'TCP port (0: any free port)', integer('--port', 0, 65535), 8787)
    .option('--host <host>', 'address to bind (127.0.0.1: this machine only)', '127.0.0.1')
    .option('--api-key-env <NAME>', 'require Authorization: Bearer <key>, the key read from this environment variable')
    .option('--max-body-bytes <n>', 'largest request body accepted', integer('--max-body-bytes', 1024, 1 << 30), 1 << 20)
    .action(async (dir: string, opts: { generation?: number; watch?: boolean; port: number; host: string; apiKeyEnv?: string; maxBodyBytes: number }) => {
      let apiKey: string | undefined;
      if (opts.apiKeyEnv !== undefined) {
        apiKey = process.env[opts.apiKeyEnv];
        if (!apiKey) throw new InfoloopError('E_INPUT', `--api-key-env ${opts.apiKeyEnv}: the variable is unset or empty`, `export ${opts.apiKeyEnv}=<key> first, or leave out --api-key-env for an open server`);
      }
      const say = (line: string) => process.stdout.write(line + '\n');
      const server = await startServer(dir, { generation: opts.generation, watch: opts.watch, port: opts.port, host: opts.host, apiKey, maxBodyBytes: opts.maxBodyBytes, onModel: (id) => say(`new model ${id}`) });
      say(`serving ${server.store.ids().join(', ') || '(no checkpoint yet)'} at ${server.url}/v1`);
      if (opts.host !== '127.0.0.1' && opts.host !== 'localhost' && opts.host !== '::1' && !apiKey) process.stderr.write(`warning: ${opts.host} is reachable from other machines and no --api-key-env is set\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          say('stopping: finishing requests in flight');
          void server.close().then(resolve);
        };
        process.on('SIGTERM', stop);
        process.on('SIGINT', stop);
      });
    });
}
