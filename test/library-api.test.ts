/** The library's config-taking entry points accept the plain object a user writes, or throw InfoloopError. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempFolder } from './temp-folder.js';
import { InfoloopError, resolveConfig, runLoop, simulateLoop, type ConfigInput } from '../src/index.js';
import { buildParts, defaultRunId } from '../src/loop/engine.js';

const plain: ConfigInput = { generations: 3, n: 50, task: { name: 'categorical-target', K: 20, correct: 4 }, learner: { name: 'categorical', K: 20 }, signal: { name: 'verifier' } };

function expectSchemaError(call: () => unknown, message: RegExp): void {
  try {
    call();
    expect.unreachable('accepted an invalid config');
  } catch (error) {
    expect(error).toBeInstanceOf(InfoloopError);
    expect((error as InfoloopError).code).toBe('E_CONFIG');
    expect((error as Error).message).toMatch(message);
  }
}

describe('config-taking entry points', () => {
  it('simulateLoop, buildParts and defaultRunId fill in defaults of a plain object', () => {
    const rows = simulateLoop(plain);
    expect(rows).toHaveLength(4);
    expect(rows).toEqual(simulateLoop(resolveConfig(plain)));
    expect(buildParts(plain).policy.name).toBe('replace');
    expect(defaultRunId(plain)).toBe(defaultRunId(resolveConfig(plain)));
  });

  it('runLoop runs a plain object and writes its resolved config', async () => {
    const out = tempFolder('infoloop-api-');
    const result = await runLoop({ ...plain, run_id: 'plain' }, { out, quiet: true, durable: false });
    expect(result.rows).toEqual(simulateLoop(plain, 'plain').map((row, t) => ({ ...row, wall_ms: result.rows[t].wall_ms })));
    expect(existsSync(join(out, 'plain', 'config.yaml'))).toBe(true);
  });

  it('invalid plain objects throw InfoloopError with the schema message, before any folder exists', async () => {
    expectSchemaError(() => simulateLoop({ ...plain, n: -1 }), /^n: /);
    expectSchemaError(() => simulateLoop({ generations: 2 } as unknown as ConfigInput), /task/);
    expectSchemaError(() => buildParts({ ...plain, policy: { name: 'mix' } }), /policy/);
    const out = tempFolder('infoloop-api-');
    await expect(runLoop({ ...plain, seed: 1e20, run_id: 'orphan' }, { out })).rejects.toThrow(InfoloopError);
    await expect(runLoop({ ...plain, seed: -1, run_id: 'orphan' }, { out })).rejects.toThrow(/seed/);
    expect(existsSync(join(out, 'orphan'))).toBe(false);
  });
});
