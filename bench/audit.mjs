// Throughput and peak memory of `infoloop audit` on a generated JSON-lines file (`npm run bench:audit`).
// Needs `npm run build` first (runs dist/). Writes a file of --size-mb MB (default 1024) of synthetic
// rows into a temporary folder, audits it --runs times (default 3) with the real CLI under
// /usr/bin/time -v, and deletes the folder. The reference measured in the same run is a plain
// read of the same file that JSON-parses every line (what any JSONL tool must at least do).
// Prints medians: MB/s, peak resident memory, and the audit's speed as a fraction of the reference.
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchArgs, builtPath, wholeArg } from './args.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const main = builtPath('cli/main.js');
const { createRng } = await import(join(here, '..', 'dist', 'core', 'rng.js'));
const args = benchArgs();
const sizeMb = wholeArg(args, 'size-mb', { min: 1, what: 'megabytes of generated data', example: '--size-mb 1024' }) ?? 1024;
const runs = wholeArg(args, 'runs', { min: 1, what: 'timed runs', example: '--runs 3' }) ?? 3;

/**
 * Rows like a generated instruction set: a prompt, a ~900-character response made of 10 phrases
 * drawn from 50,000 phrases of 15 words (a Zipf-ish vocabulary of 20,000 words), a label and a
 * source; 2% of rows repeat an earlier row exactly.
 */
async function generate(path, bytes) {
  const rng = createRng(2026);
  const vocabulary = Array.from({ length: 20_000 }, (_, i) => `w${i.toString(36)}`);
  const word = () => vocabulary[Math.floor(vocabulary.length * rng.next() ** 3)];
  const phrases = Array.from({ length: 50_000 }, () => Array.from({ length: 15 }, word).join(' '));
  const out = createWriteStream(path);
  const recent = [];
  let written = 0;
  let buffer = '';
  for (let i = 0; written < bytes; i++) {
    let line;
    if (recent.length > 0 && rng.next() < 0.02) line = recent[rng.int(recent.length)];
    else {
      const response = Array.from({ length: 10 }, () => phrases[rng.int(phrases.length)]).join(' ');
      line = JSON.stringify({ prompt: `Question ${i}: ${phrases[rng.int(phrases.length)]}?`, response, label: rng.next() < 0.6 ? 'kept' : 'rejected', source: `model-${rng.int(4)}` });
      if (recent.length < 1000) recent.push(line);
      else recent[rng.int(1000)] = line;
    }
    buffer += line + '\n';
    written += line.length + 1;
    if (buffer.length > 1 << 22) {
      if (!out.write(buffer)) await once(out, 'drain');
      buffer = '';
    }
  }
  out.end(buffer);
  await once(out, 'close');
}

/** Wall seconds and peak resident MB of a command under /usr/bin/time -v. */
function timed(command) {
  const result = spawnSync('/usr/bin/time', ['-v', ...command], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr.split('\n').slice(-5).join(' ')}`);
  const field = (name) => result.stderr.split('\n').find((line) => line.trim().startsWith(name))?.split(': ').pop();
  const [h, m, s] = field('Elapsed (wall clock) time').split(':').map(Number).reverse().concat([0, 0]).slice(0, 3).reverse();
  const cpuSeconds = Number(field('User time (seconds)')) + Number(field('System time (seconds)'));
  return { seconds: h * 3600 + m * 60 + s, cpuSeconds, peakMb: Number(field('Maximum resident set size')) / 1024, stdout: result.stdout };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const folder = mkdtempSync(join(tmpdir(), 'infoloop-bench-audit-'));
try {
  const file = join(folder, 'data.jsonl');
  const started = Date.now();
  await generate(file, sizeMb * 1e6);
  const megabytes = statSync(file).size / 1e6;
  console.log(`generated ${megabytes.toFixed(0)} MB in ${((Date.now() - started) / 1000).toFixed(0)} s: ${file}`);
  const parseOnly = `const rl=require('node:readline').createInterface({input:require('node:fs').createReadStream(process.argv[1],{highWaterMark:1<<20}),crlfDelay:Infinity});let n=0;rl.on('line',(l)=>{JSON.parse(l);n++});rl.on('close',()=>console.log(n))`;
  const loadBefore = loadavg();
  const audits = [];
  const reads = [];
  let summary = null;
  for (let r = 0; r < runs; r++) {
    reads.push(timed([process.execPath, '-e', parseOnly, file]));
    const out = join(folder, `audit-${r}`);
    audits.push(timed([process.execPath, main, 'audit', file, '--label-field', 'label', '--source-field', 'source', '--out', out, '--quiet', '--json']));
    summary = JSON.parse(audits[r].stdout);
  }
  const auditSeconds = median(audits.map((a) => a.seconds));
  const readSeconds = median(reads.map((a) => a.seconds));
  const peak = median(audits.map((a) => a.peakMb));
  const auditCpu = median(audits.map((a) => a.cpuSeconds));
  const readCpu = median(reads.map((a) => a.cpuSeconds));
  console.log(`rows ${summary.rows}, exact duplicate fraction ${summary.diversity.exact_duplicate_fraction.toFixed(4)}, near-duplicate fraction ${summary.diversity.near_duplicate_fraction?.toFixed(4)}`);
  for (const note of summary.sampling.sampled) console.log(`sampled: ${note.what}: ${note.rows} of ${note.of_rows} rows (${note.method})`);
  console.log(`\n| measure (median of ${runs}) | value | target |`);
  console.log('|---|---|---|');
  console.log(`| audit throughput | ${(megabytes / auditSeconds).toFixed(1)} MB/s (${auditSeconds.toFixed(1)} s for ${megabytes.toFixed(0)} MB) | ≥ 20 MB/s |`);
  console.log(`| audit throughput per CPU second (user + system) | ${(megabytes / auditCpu).toFixed(1)} MB/s (${auditCpu.toFixed(1)} CPU s) | |`);
  console.log(`| audit peak resident memory | ${peak.toFixed(0)} MB | < 500 MB |`);
  console.log(`| reference: read + JSON.parse every line | ${(megabytes / readSeconds).toFixed(1)} MB/s (${median(reads.map((a) => a.peakMb)).toFixed(0)} MB peak) | |`);
  console.log(`| reference per CPU second | ${(megabytes / readCpu).toFixed(1)} MB/s | |`);
  console.log(`| audit speed / reference speed (wall; CPU) | ${(readSeconds / auditSeconds).toFixed(2)}; ${(readCpu / auditCpu).toFixed(2)} | |`);
  const load = (values) => values.map((l) => l.toFixed(1)).join(', ');
  console.log(`load average (1, 5, 15 min, ${cpus().length} cores) before the runs: ${load(loadBefore)}; after: ${load(loadavg())}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
