/**
 * Evaluation through an endpoint sends its prompts as one concurrent batch (sampleEach); the answers,
 * the evaluation and the usage counters equal those of asking one prompt at a time.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createRng } from '../src/core/rng.js';
import type { Learner } from '../src/core/types.js';
import { stopEndpointWorker } from '../src/endpoints/client/sync-client.js';
import type { EndpointLearner } from '../src/learners/endpoint.js';
import { learnerRegistry } from '../src/learners/registry.js';
import { taskRegistry } from '../src/tasks/registry.js';
import { startFaultServer, type Child } from './endpoint-helpers.js';

const children: Child[] = [];
afterAll(async () => {
  await Promise.all(children.map((c) => c.stop()));
  await stopEndpointWorker();
});

describe('evaluation through an endpoint', () => {
  it('is one concurrent batch with the answers and counters of one request at a time', async () => {
    const { child, url } = await startFaultServer();
    children.push(child);
    const task = taskRegistry.create({ name: 'gym', families: ['addition', 'parity'], eval_prompts: 24 }, { seed: 3 });
    const endpoint = () => learnerRegistry.create({ name: 'endpoint', base_url: `${url}/v1`, model: 'fake-1', max_tokens: 8, concurrency: 8 }, { seed: 3, task }) as EndpointLearner;
    const batched = endpoint();
    const sequential = endpoint();
    // the same learner without sampleBatch: every prompt is its own request
    const oneAtATime: Learner<string> = { name: 'endpoint', sample: (p, n, rng) => sequential.sample(p, n, rng), logProb: (p, x) => sequential.logProb(p, x), fit: (b, r) => sequential.fit(b, r), snapshot: () => sequential.snapshot(), restore: (s) => sequential.restore(s) };
    const fast = task.evaluate(batched, createRng(9).fork('evaluate'));
    const slow = task.evaluate(oneAtATime, createRng(9).fork('evaluate'));
    expect(fast).toEqual(slow);
    expect(fast.accuracy).not.toBeNull();
    const usage = batched.usage();
    expect(usage).toEqual(sequential.usage());
    expect(usage.requests).toBe(48); // 24 training and 24 held-out prompts
  }, 60_000);
});
