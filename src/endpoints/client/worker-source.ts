/**
 * The HTTP side of the endpoint client, run in a worker thread so that the synchronous Learner API
 * can wait for it (sync-client.ts). It receives a batch of requests, sends them through the official
 * `openai` client with at most `concurrency` in flight, retries 429, 408/409, 5xx, timeouts, dropped
 * connections and unparsable bodies with exponential backoff and jitter (honouring Retry-After and
 * retry-after-ms), stops starting requests once the batch's budget is spent, and posts every outcome
 * back. Each answered request is written to the response cache the moment it arrives, so a process
 * killed mid-batch has paid for nothing it must ask again. Kept as source text so the same worker runs from the TypeScript sources and from dist/.
 */
export const WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const path = require('node:path');
let OpenAI = null;
const clients = new Map();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// mulberry32: jitter only spreads retries in time; it never decides a result
function jitterStream(key) {
  let a = 0;
  for (let i = 0; i < key.length; i++) a = Math.imul(a ^ key.charCodeAt(i), 0x5bd1e995) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function retryAfterMs(error) {
  const headers = error && error.headers;
  if (!headers || typeof headers.get !== 'function') return null;
  const ms = parseFloat(headers.get('retry-after-ms') || '');
  if (Number.isFinite(ms) && ms >= 0) return ms;
  const value = headers.get('retry-after');
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isFinite(date) ? Math.max(0, date - Date.now()) : null;
}

function retryable(error) {
  const status = error && error.status;
  if (typeof status !== 'number') return true; // timeout, dropped connection, truncated or invalid body
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

function clientFor(config) {
  const id = config.baseURL + '\u0000' + config.apiKey + '\u0000' + config.timeoutMs;
  if (!clients.has(id)) clients.set(id, new OpenAI({ baseURL: config.baseURL, apiKey: config.apiKey, timeout: config.timeoutMs, maxRetries: 0 }));
  return clients.get(id);
}

async function send(config, request) {
  const client = clientFor(config);
  const next = jitterStream(request.key);
  let attempts = 0;
  for (;;) {
    attempts++;
    try {
      const api = request.api === 'chat' ? client.chat.completions : client.completions;
      const response = await api.create(request.body);
      if (!response || !Array.isArray(response.choices)) throw Object.assign(new Error('reply has no choices'), { status: undefined });
      if (request.cachePath) {
        fs.mkdirSync(path.dirname(request.cachePath), { recursive: true });
        fs.writeFileSync(request.cachePath + '.tmp', JSON.stringify({ api: request.api, response }));
        fs.renameSync(request.cachePath + '.tmp', request.cachePath);
      }
      return { ok: true, response, attempts };
    } catch (error) {
      const status = error && typeof error.status === 'number' ? error.status : null;
      const message = String((error && error.message) || error).split('\n')[0];
      if (!retryable(error) || attempts > config.maxRetries) return { ok: false, attempts, status, message };
      const backoff = Math.min(config.retryMaxMs, config.retryBaseMs * 2 ** (attempts - 1)) * (0.5 + 0.5 * next());
      const told = retryAfterMs(error);
      await sleep(told === null ? backoff : Math.min(told, config.retryAfterCapMs));
    }
  }
}

// this thread is the only writer of spend.json, so read, add, write-and-rename is enough
function addSpend(file, tokens, cost) {
  const spent = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : { tokens: 0, cost: 0 };
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file + '.tmp', JSON.stringify({ tokens: spent.tokens + tokens, cost: spent.cost + cost }));
  fs.renameSync(file + '.tmp', file);
}

async function runBatch(job) {
  const outcomes = new Array(job.requests.length);
  let spentTokens = 0;
  let spentCost = 0;
  let nextIndex = 0;
  const over = () => spentTokens >= job.budget.tokens || spentCost >= job.budget.cost;
  async function lane() {
    while (nextIndex < job.requests.length) {
      const i = nextIndex++;
      if (over()) {
        outcomes[i] = { ok: false, budget: true, attempts: 0, status: null, message: 'budget spent' };
        continue;
      }
      const outcome = await send(job.config, job.requests[i]);
      const usage = outcome.ok && outcome.response.usage;
      if (usage) {
        const tokens = (usage.prompt_tokens || 0) + (usage.completion_tokens || 0);
        const cost = ((usage.prompt_tokens || 0) * job.budget.inputPrice + (usage.completion_tokens || 0) * job.budget.outputPrice) / 1e6;
        spentTokens += tokens;
        spentCost += cost;
        if (job.budget.spendPath) addSpend(job.budget.spendPath, tokens, cost);
      }
      outcomes[i] = outcome;
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(job.concurrency, job.requests.length)) }, lane));
  return outcomes;
}

parentPort.on('message', async (job) => {
  const flag = new Int32Array(job.flag);
  let reply;
  try {
    if (!OpenAI) {
      const mod = await import(workerData.openaiUrl);
      OpenAI = mod.OpenAI || (mod.default && mod.default.OpenAI) || mod.default;
    }
    reply = { outcomes: await runBatch(job) };
  } catch (error) {
    reply = { crash: String((error && error.stack) || error) };
  }
  workerData.port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;
