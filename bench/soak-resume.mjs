// Soak test of kill -9 and --resume (not part of `npm test`; needs `npm run build`).
// Runs a long Gaussian `replace` loop twice through the CLI: once uninterrupted, once killed with
// SIGKILL at a generation drawn from --seed and then continued with `run --resume`. The two
// finished ledgers must be identical apart from wall_ms. Exit 0 when they are, 1 otherwise.
// Options: --generations 1000 --n 100000 --seed 1 (draws the kill point) --kill-at G (fixes it)
// --keep 1 (leave the run folders in the temporary directory).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, builtPath, wholeArg } from './args.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const cli = builtPath('cli/main.js');
const { createRng } = await import(join(here, '..', 'dist', 'core', 'rng.js'));
const args = benchArgs();
const generations = wholeArg(args, 'generations', { min: 2, what: 'generations', example: '--generations 1000' }) ?? 1000;
const n = wholeArg(args, 'n', { min: 1, what: 'samples per generation', example: '--n 100000' }) ?? 100_000;
const seed = wholeArg(args, 'seed', { min: 0, what: 'the seed of the kill point', example: '--seed 1' }) ?? 1;
// somewhere in the middle 80% of the run, drawn from the seed so a failure can be replayed
const killAt = wholeArg(args, 'kill-at', { min: 1, what: 'the generation to kill at', example: '--kill-at 400' }) ?? Math.floor(generations * 0.1) + createRng(seed).int(Math.max(1, Math.floor(generations * 0.8)));
if (killAt >= generations) {
  console.error(`bad --kill-at ${killAt}: it must be below --generations ${generations}`);
  process.exit(2);
}

const work = mkdtempSync(join(tmpdir(), 'infoloop-soak-'));
const configPath = join(work, 'soak.yaml');
writeFileSync(
  configPath,
  [`seed: 1`, `generations: ${generations}`, `n: ${n}`, `run_id: soak`, `task: { name: gaussian-target }`, `learner: { name: gaussian }`, `signal: { name: none }`, `policy: { name: replace }`, ''].join('\n'),
);
const seconds = (start) => (Number(process.hrtime.bigint() - start) / 1e9).toFixed(1);
const rowCount = (dir) => (existsSync(join(dir, 'ledger.jsonl')) ? readFileSync(join(dir, 'ledger.jsonl'), 'utf8').split('\n').length - 1 : 0);

function runCli(cliArgs) {
  const result = spawnSync(process.execPath, [cli, ...cliArgs, '--quiet'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`infoloop ${cliArgs.join(' ')} exited ${result.status}: ${result.stderr.trim()}`);
}

/** Starts the run and SIGKILLs it once its ledger holds generation `killAt` (row 0 plus killAt rows). */
function runAndKill(out) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'run', configPath, '--out', out, '--quiet'], { stdio: 'ignore' });
    const dir = join(out, 'soak');
    const timer = setInterval(() => {
      if (rowCount(dir) >= killAt + 1) {
        clearInterval(timer);
        child.kill('SIGKILL');
      }
    }, 20);
    child.on('exit', (code, signal) => {
      clearInterval(timer);
      if (signal === 'SIGKILL') resolve(rowCount(dir) - 1);
      else reject(new Error(`the run ended (${signal ?? `exit ${code}`}) before generation ${killAt}`));
    });
  });
}

/** Ledger rows as JSON text with wall_ms removed: the only field allowed to differ. */
function comparable(dir) {
  return readFileSync(join(dir, 'ledger.jsonl'), 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const row = JSON.parse(line);
      delete row.wall_ms;
      return JSON.stringify(row);
    });
}

console.log(`soak: Gaussian replace, n = ${n}, ${generations} generations; kill -9 at generation ${killAt} (seed ${seed}); folders in ${work}`);
let failed = false;
try {
  let start = process.hrtime.bigint();
  runCli(['run', configPath, '--out', join(work, 'reference')]);
  console.log(`uninterrupted run: ${seconds(start)} s`);

  start = process.hrtime.bigint();
  const lastRow = await runAndKill(join(work, 'killed'));
  console.log(`killed run: SIGKILL after ${seconds(start)} s with ${lastRow} generations in its ledger`);
  start = process.hrtime.bigint();
  runCli(['run', '--resume', join(work, 'killed', 'soak')]);
  console.log(`resumed run: ${seconds(start)} s`);

  const expected = comparable(join(work, 'reference', 'soak'));
  const actual = comparable(join(work, 'killed', 'soak'));
  const firstDifference = expected.findIndex((row, i) => row !== actual[i]);
  if (expected.length !== generations + 1 || actual.length !== expected.length || firstDifference >= 0) {
    failed = true;
    console.log(`FAIL: ${actual.length} rows against ${expected.length}; first different row: ${firstDifference >= 0 ? firstDifference : actual.length}`);
  } else {
    console.log(`ok: the resumed ledger's ${actual.length} rows equal the uninterrupted run's apart from wall_ms`);
  }
} finally {
  if (!args.keep) rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
