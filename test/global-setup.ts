/**
 * Build dist/ once so that tests can run the real `infoloop` executable in child processes, and
 * give the tests a temporary folder of their own that must be empty when they finish: a test that
 * leaves a temporary folder behind fails the run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): () => void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  try {
    execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    // type errors are reported by `npm test`'s own type check; the emitted JavaScript is still usable
    if (!existsSync(new URL('../dist/cli/main.js', import.meta.url))) throw error;
  }
  // test processes are started after this, so os.tmpdir() in them (and in their children) is this folder
  const scratch = mkdtempSync(join(tmpdir(), 'infoloop-tests-'));
  process.env.TMPDIR = scratch;
  return () => {
    const left = readdirSync(scratch);
    rmSync(scratch, { recursive: true, force: true });
    if (left.length > 0) throw new Error(`tests left temporary folders behind: ${left.join(', ')} (remove them in afterAll)`);
  };
}
