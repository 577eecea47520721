// `npm run bench:serve`: `infoloop serve` under 64 concurrent keep-alive clients.
//  1. completions: requests/s, p50/p99 latency, and the server's memory after a --warmup of the same
//     load: RSS sampled each second; flat when the median of the last 10 s is within 10% of the
//     median of the first 10 s; and the live heap (what survives each full collection, from the
//     server's --trace-gc), which climbs with a leak but not with V8's lazy heap growth;
//  2. framework overhead: a fixed-body route of the same server (GET /v1/models) against a minimal
//     node:http server (a child process, as serve is) returning the same bytes; ratio = the minimal server's requests/s over the
//     served route's, the median of --repeats alternating runs (target ≤ 1.3).
// Options: --heap-mb N (the server's --max-old-space-size, to tell a leak from lazy heap growth) --clients 64 --warmup 10 --duration 60 (seconds of the completions phase) --seconds 3 (per overhead run) --repeats 5
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveConfig } from '../dist/config/load.js';
import { runLoop } from '../dist/loop/engine.js';
import { benchArgs, wholeArg } from './args.mjs';

const args = benchArgs();
const CLIENTS = wholeArg(args, 'clients', { min: 1, what: 'concurrent clients', example: '--clients 64' }) ?? 64;
const HEAP_MB = wholeArg(args, 'heap-mb', { min: 16, what: 'MB of old space for the server', example: '--heap-mb 64' });
const WARMUP = wholeArg(args, 'warmup', { min: 1, what: 'seconds of warm-up', example: '--warmup 10' }) ?? 10;
const DURATION = wholeArg(args, 'duration', { min: 1, what: 'seconds', example: '--duration 60' }) ?? 60;
const SECONDS = wholeArg(args, 'seconds', { min: 1, what: 'seconds per overhead run', example: '--seconds 3' }) ?? 3;
const REPEATS = wholeArg(args, 'repeats', { min: 1, what: 'overhead runs per server', example: '--repeats 5' }) ?? 5;
const MAIN = new URL('../dist/cli/main.js', import.meta.url).pathname;

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const quantile = (sorted, q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** `clients` keep-alive loops for `seconds`: requests/s and sorted latencies (ms). */
async function load(port, { method = 'GET', path, body = null }, seconds) {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies = [];
  let errors = 0;
  const end = performance.now() + seconds * 1000;
  const one = () =>
    new Promise((resolve) => {
      const started = performance.now();
      const req = request({ host: '127.0.0.1', port, method, path, agent, headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {} }, (res) => {
        res.on('data', () => {});
        res.on('end', () => {
          if (res.statusCode === 200) latencies.push(performance.now() - started);
          else errors++;
          resolve();
        });
      });
      req.on('error', () => {
        errors++;
        resolve();
      });
      req.end(body ?? undefined);
    });
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, async () => {
    while (performance.now() < end) await one();
  }));
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  return { rps: latencies.length / elapsed, latencies: latencies.sort((a, b) => a - b), errors };
}

function rssOf(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

// a small trained n-gram run to serve
const out = mkdtempSync(join(tmpdir(), 'infoloop-bench-serve-'));
const run = await runLoop(resolveConfig({ seed: 1, generations: 1, n: 64, run_id: 'bench', task: { name: 'gym', families: ['addition', 'parity'], eval_prompts: 8, pretrain: 500 }, learner: { name: 'ngram', order: 5, max_tokens: 16 }, signal: { name: 'verifier' } }), { out, quiet: true, durable: false });
// --trace-gc prints each full collection's heap before and after it: what survives a full collection
// is the live heap, which tells a leak (it climbs) from V8 letting the heap grow before it collects (RSS climbs).
const server = spawn(process.execPath, ['--trace-gc', ...(HEAP_MB ? [`--max-old-space-size=${HEAP_MB}`] : []), MAIN, 'serve', run.dir, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const fullCollections = []; // { at: ms since the sampling began (null before), live: MB after the collection }
let samplingSince = null;
const port = await new Promise((resolve) => {
  let pending = '';
  server.stdout.on('data', (d) => {
    pending += String(d);
    const lines = pending.split('\n');
    pending = lines.pop();
    for (const line of lines) {
      const gc = /Mark-Compact[^\d]*[\d.]+ \([\d.]+\) -> ([\d.]+) \([\d.]+\) MB/.exec(line);
      if (gc) fullCollections.push({ at: samplingSince === null ? null : performance.now() - samplingSince, live: Number(gc[1]) });
      const m = /127\.0\.0\.1:(\d+)/.exec(line);
      if (m) resolve(Number(m[1]));
    }
  });
});

// 1. completions under load, memory sampled each second
const completion = JSON.stringify({ model: 'bench', prompt: 'What is 12 + 30?', max_tokens: 8, temperature: 1 });
const loadBefore = loadavg();
await load(port, { method: 'POST', path: '/v1/completions', body: completion }, WARMUP);
const samples = [];
samplingSince = performance.now();
const sampler = setInterval(() => samples.push(rssOf(server.pid).rss), 1000);
const served = await load(port, { method: 'POST', path: '/v1/completions', body: completion }, DURATION);
clearInterval(sampler);
const memory = rssOf(server.pid);
const window = Math.min(10, Math.floor(samples.length / 2));
const firstRss = median(samples.slice(0, window));
const lastRss = median(samples.slice(-window));
const flat = Math.abs(lastRss / firstRss - 1) <= 0.1;
// the live heap after the full collections of the first and of the last third of the window
const during = fullCollections.filter((c) => c.at !== null && c.at <= DURATION * 1000);
const third = (k) => during.filter((c) => Math.floor((3 * c.at) / (DURATION * 1000)) === k).map((c) => c.live);
const liveFirst = third(0);
const liveLast = third(2);
const liveFlat = liveFirst.length > 0 && liveLast.length > 0 ? Math.abs(median(liveLast) / median(liveFirst) - 1) <= 0.1 : null;

// 2. framework overhead: the same bytes from a minimal node:http server
const fixed = await new Promise((resolve) => request({ host: '127.0.0.1', port, path: '/v1/models' }, (res) => { let text = ''; res.on('data', (d) => (text += d)); res.on('end', () => resolve(text)); }).end());
// in a process of its own, as serve is: in this process it would share an event loop with the 64 clients
const minimal = spawn(
  process.execPath,
  ['-e', `const body = Buffer.from(process.env.BODY); require('node:http').createServer((req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end(body); }).listen(0, '127.0.0.1', function () { console.log('port ' + this.address().port); });`],
  { env: { ...process.env, BODY: fixed }, stdio: ['ignore', 'pipe', 'inherit'] },
);
const minimalPort = await new Promise((resolve) => minimal.stdout.on('data', (d) => { const m = /port (\d+)/.exec(String(d)); if (m) resolve(Number(m[1])); }));
const honoRps = [];
const nodeRps = [];
for (let i = 0; i < REPEATS; i++) {
  honoRps.push((await load(port, { path: '/v1/models' }, SECONDS)).rps);
  nodeRps.push((await load(minimalPort, { path: '/v1/models' }, SECONDS)).rps);
}
minimal.kill('SIGTERM');
server.kill('SIGTERM');

const fmt = (x, d = 1) => x.toFixed(d);
console.log(`| measure | value |\n|---|---|`);
console.log(`| completions (max_tokens 8), ${CLIENTS} clients, ${DURATION} s | ${fmt(served.rps)} req/s, p50 ${fmt(quantile(served.latencies, 0.5))} ms, p99 ${fmt(quantile(served.latencies, 0.99))} ms, ${served.errors} errors |`);
console.log(`| server memory after ${WARMUP} s warm-up${HEAP_MB ? ` (old space ${HEAP_MB} MB)` : ''} | median RSS first ${window} s ${fmt(firstRss)} MB, last ${window} s ${fmt(lastRss)} MB (${flat ? 'flat' : 'NOT flat'}: within 10% is flat); peak ${fmt(memory.peak)} MB |`);
console.log(
  liveFlat === null
    ? `| live heap after full collections | ${during.length} full collections in the window: too few to compare its first and last thirds |`
    : `| live heap after full collections (${during.length} in the window) | median first third ${fmt(median(liveFirst))} MB (${liveFirst.length}), last third ${fmt(median(liveLast))} MB (${liveLast.length}) (${liveFlat ? 'flat' : 'NOT flat'}: within 10% is flat) |`,
);
console.log(`| GET /v1/models (${fixed.length} B), median of ${REPEATS} × ${SECONDS} s | serve ${fmt(median(honoRps), 0)} req/s, node:http ${fmt(median(nodeRps), 0)} req/s |`);
const loadAfter = loadavg();
console.log(`| load average (1/5/15 min) at start; at end | ${loadBefore.map((x) => fmt(x, 2)).join(' ')}; ${loadAfter.map((x) => fmt(x, 2)).join(' ')} |`);
console.log(`| framework overhead (node:http req/s ÷ serve req/s) | ${fmt(median(nodeRps) / median(honoRps), 2)}× (target ≤ 1.3×) |`);
