/**
 * `serve` through the official openai client over loopback HTTP: the served answers' log-probabilities
 * are checked token by token against the n-gram the run saved, and greedy decoding, stop sequences,
 * max_tokens, seeds, streaming, errors and draining against what the API promises.
 */
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../../../test/temp-folder.js';
import { resolveConfig } from '../../config/load.js';
import { NgramLearner } from '../../learners/ngram.js';
import { runLoop } from '../../loop/engine.js';
import { readCheckpoint } from '../../loop/checkpoint-store.js';
import { encodeContext } from '../../learners/text-sequence.js';
import { keyMatches } from './app.js';
import { startServer, type RunningServer } from './server.js';

let dir: string;
let server: RunningServer;
let client: OpenAI;
let learner: NgramLearner;
let model: string;
const PROMPT = 'What is 12 + 7?';

beforeAll(async () => {
  const out = tempFolder('infoloop-serve-');
  const config = resolveConfig({
    seed: 5, generations: 1, n: 32, run_id: 'served',
    task: { name: 'gym', families: ['addition'], eval_prompts: 8, pretrain: 300 },
    learner: { name: 'ngram', order: 4, max_tokens: 12 }, signal: { name: 'verifier' },
  });
  dir = (await runLoop(config, { out, quiet: true, durable: false })).dir;
  learner = new NgramLearner({ order: 4, max_tokens: 12 });
  learner.restore(readCheckpoint(dir, 1).snapshot);
  server = await startServer(dir, { port: 0, apiKey: 'sesame', maxBodyBytes: 4096 });
  client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'sesame', maxRetries: 0 });
  model = 'served@1';
});

afterAll(async () => {
  await server?.close();
});

/** ln P(token ids | prompt) under the saved n-gram, token by token. */
function oracleLogprobs(prompt: string, ids: number[]): number[] {
  const history = encodeContext(learner.tokenizer, prompt);
  return ids.map((id) => {
    const p = learner.model.probability(history, id);
    history.push(id);
    return Math.log(p);
  });
}

describe('serve', () => {
  it('lists the run id and its generation', async () => {
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toEqual(['served', 'served@1']);
  });

  it("reports the saved n-gram's own log-probabilities, token by token, and usage", async () => {
    const reply = await client.chat.completions.create({ model, messages: [{ role: 'user', content: PROMPT }], n: 3, seed: 9, logprobs: true, top_logprobs: 3, max_tokens: 10 });
    expect(reply.choices).toHaveLength(3);
    let completionTokens = 0;
    for (const choice of reply.choices) {
      const content = choice.logprobs!.content!;
      const ids = content.map((t) => t.bytes![0]); // byte tokenizer: one byte per token
      const oracle = oracleLogprobs(PROMPT, ids);
      content.forEach((t, i) => {
        expect(t.logprob).toBeCloseTo(oracle[i], 10);
        expect(t.top_logprobs.length).toBeGreaterThan(0);
        expect(t.top_logprobs[0].logprob).toBeGreaterThanOrEqual(t.top_logprobs.at(-1)!.logprob);
      });
      completionTokens += content.length;
      expect(['stop', 'length']).toContain(choice.finish_reason);
    }
    expect(reply.usage).toEqual({ prompt_tokens: encodeContext(learner.tokenizer, PROMPT).length, completion_tokens: completionTokens, total_tokens: encodeContext(learner.tokenizer, PROMPT).length + completionTokens });
  });

  it('temperature 0 decodes greedily: every token is the most likely one', async () => {
    const reply = await client.completions.create({ model, prompt: PROMPT, temperature: 0, logprobs: 1, max_tokens: 8 });
    const lp = reply.choices[0].logprobs!;
    lp.token_logprobs!.forEach((logprob, i) => expect(logprob).toBeCloseTo(Math.max(...Object.values(lp.top_logprobs![i])), 12));
  });

  it('the same seed gives the same answers; streaming gives the same text as one reply', async () => {
    const body = { model, prompt: PROMPT, n: 4, seed: 123, max_tokens: 10, temperature: 1.3 };
    const a = await client.completions.create(body);
    const b = await client.completions.create(body);
    expect(a.choices.map((c) => c.text)).toEqual(b.choices.map((c) => c.text));
    const streamed = ['', '', '', ''];
    let usage: OpenAI.CompletionUsage | undefined;
    for await (const chunk of await client.completions.create({ ...body, stream: true, stream_options: { include_usage: true } })) {
      for (const choice of chunk.choices) streamed[choice.index] += choice.text;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(streamed).toEqual(a.choices.map((c) => c.text));
    expect(usage).toEqual(a.usage);
    const chat = await client.chat.completions.create({ model, messages: [{ role: 'user', content: PROMPT }], seed: 7, max_tokens: 10 });
    let text = '';
    for await (const chunk of await client.chat.completions.create({ model, messages: [{ role: 'user', content: PROMPT }], seed: 7, max_tokens: 10, stream: true })) text += chunk.choices[0]?.delta.content ?? '';
    expect(text).toBe(chat.choices[0].message.content);
  });

  it('max_tokens caps the answer (finish_reason length) and a stop sequence cuts it (finish_reason stop)', async () => {
    const long = await client.completions.create({ model, prompt: PROMPT, max_tokens: 2, n: 8, seed: 1, temperature: 2 });
    for (const choice of long.choices) if (choice.finish_reason === 'length') expect(Buffer.byteLength(choice.text)).toBeLessThanOrEqual(2 * 3);
    expect(long.usage!.completion_tokens).toBeLessThanOrEqual(16);
    const free = await client.completions.create({ model, prompt: PROMPT, max_tokens: 12, n: 16, seed: 2 });
    const withDigit = free.choices.find((c) => /[0-9]/.test(c.text.slice(1)));
    expect(withDigit).toBeDefined();
    const digit = /[0-9]/.exec(withDigit!.text.slice(1))![0];
    const cut = await client.completions.create({ model, prompt: PROMPT, max_tokens: 12, n: 16, seed: 2, stop: [digit] });
    cut.choices.forEach((choice, i) => {
      expect(choice.text).not.toContain(digit);
      const at = free.choices[i].text.indexOf(digit);
      if (at >= 0) expect([choice.text, choice.finish_reason]).toEqual([free.choices[i].text.slice(0, at), 'stop']);
    });
  });

  it('answers bad requests in the OpenAI error shapes', async () => {
    await expect(client.completions.create({ model: 'nope', prompt: 'x' })).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    await expect(client.completions.create({ model, prompt: 'x', temperature: 7 })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    await expect(client.chat.completions.create({ model, messages: [{ role: 'system', content: 'only a system message' }] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    const wrongKey = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'guess', maxRetries: 0 });
    await expect(wrongKey.models.list()).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const tooBig = await fetch(`${server.url}/v1/completions`, { method: 'POST', headers: { authorization: 'Bearer sesame', 'content-type': 'application/json' }, body: JSON.stringify({ model, prompt: 'x'.repeat(10_000) }) });
    expect(tooBig.status).toBe(413);
    expect(((await tooBig.json()) as { error: { code: string } }).error.code).toBe('request_too_large');
    const notJson = await fetch(`${server.url}/v1/completions`, { method: 'POST', headers: { authorization: 'Bearer sesame', 'content-type': 'application/json' }, body: '{"model":' });
    expect([notJson.status, ((await notJson.json()) as { error: { type: string } }).error.type]).toEqual([400, 'invalid_request_error']);
  });

  it('compares keys by digest: equal keys match, any other key does not', () => {
    expect(keyMatches('sesame', 'sesame')).toBe(true);
    for (const other of ['', 'sesam', 'sesame ', 'Sesame']) expect(keyMatches(other, 'sesame')).toBe(false);
  });

  it('a request in flight when the server stops still finishes; new connections are refused', async () => {
    const second = await startServer(dir, { port: 0 });
    const c2 = new OpenAI({ baseURL: `${second.url}/v1`, apiKey: 'x', maxRetries: 0 });
    const stream = await c2.completions.create({ model: 'served', prompt: PROMPT, n: 32, max_tokens: 12, seed: 3, stream: true });
    const closed = second.close();
    let chunks = 0;
    for await (const _ of stream) chunks++;
    await closed;
    expect(chunks).toBeGreaterThanOrEqual(32);
    await expect(c2.models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
  });
});
