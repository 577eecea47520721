/** Build dist/ once so that tests can run the real `infoloop` executable in child processes. */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    // type errors are reported by `npm test`'s own type check; the emitted JavaScript is still usable
    if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) throw error;
  }
}
