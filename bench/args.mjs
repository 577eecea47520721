/** `--name value` pairs of a bench script's command line as an object ({ name: value }). */
export function benchArgs(argv = process.argv.slice(2)) {
  return Object.fromEntries(argv.reduce((pairs, arg, i, all) => (arg.startsWith('--') ? [...pairs, [arg.slice(2), all[i + 1]]] : pairs), []));
}
