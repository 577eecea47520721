/**
 * Where the package's own files live. Data read by default ships in `<package root>/data/`, so a
 * plain clone or an installed package finds it without anything beside it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder holding package.json, found by walking up from this file (works from src/ and dist/). */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json')) && dirname(dir) !== dir) dir = dirname(dir);
  return dir;
}

/** The package's data folder, `<package root>/data`; each data set in it has a SOURCE.md. */
export const packageDataDir = (): string => join(packageRoot(), 'data');
