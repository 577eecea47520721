import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** `--name value` pairs of a bench script's command line as an object ({ name: value }). */
export function benchArgs(argv = process.argv.slice(2)) {
  return Object.fromEntries(argv.reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
}

/**
 * Option `--name` as a whole number of at least `min`, or null when it is not given; anything else
 * ends the script with a one-line error naming `what` the number counts and an example.
 */
export function wholeArg(args, name, { min = -Infinity, what, example }) {
  if (args[name] === undefined) return null;
  const value = Number(args[name]);
  if (Number.isInteger(value) && value >= min) return value;
  console.error(`bad --${name} ${args[name]}: give a ${min === 1 ? 'positive ' : ''}whole number${what ? ` of ${what}` : ''}, e.g. ${example}`);
  process.exit(2);
}

/** The path of `dist/<relative>` beside this folder; ends the script with a hint when the build is missing. */
export function builtPath(relative) {
  const path = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist', relative);
  if (!existsSync(path)) {
    console.error(`dist/${relative} is missing: run \`npm run build\` first`);
    process.exit(1);
  }
  return path;
}
