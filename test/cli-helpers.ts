/** Run the built `infoloop` executable as a user would. */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const MAIN = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export function infoloop(args: string[], options: { cwd?: string; input?: string } = {}) {
  const result = spawnSync(process.execPath, [MAIN, ...args], { cwd: options.cwd ?? ROOT, input: options.input, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export function infoloopAsync(args: string[], cwd = ROOT) {
  return spawn(process.execPath, [MAIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}
