/**
 * Parts are registered by their registry files alone: importing the registries gives every name,
 * importing the whole library adds none, and no other module registers anything at load time.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') && !path.endsWith('.test.ts') ? [path] : [];
  });
}

async function registeredNames(): Promise<Record<string, string[]>> {
  const [{ taskRegistry }, { learnerRegistry }, { signalRegistry }, { selectorRegistry }, { policyRegistry }] = await Promise.all([
    import('../src/tasks/registry.js'),
    import('../src/learners/registry.js'),
    import('../src/signals/registry.js'),
    import('../src/select/registry.js'),
    import('../src/policy/registry.js'),
  ]);
  return {
    tasks: taskRegistry.names(),
    learners: learnerRegistry.names(),
    signals: signalRegistry.names(),
    selectors: selectorRegistry.names(),
    policies: policyRegistry.names(),
  };
}

describe('registries', () => {
  it('hold every part, including the claim 3 and claim 4 parts, without importing the experiments', async () => {
    const before = await registeredNames();
    expect(before.tasks).toEqual(expect.arrayContaining(['meta-answers', 'shortcut-arith', 'categorical-target', 'gaussian-target', 'text', 'gym']));
    expect(before.learners).toEqual(expect.arrayContaining(['approach-detail', 'two-skill', 'ngram', 'transformer']));
    expect(before.signals).toEqual(expect.arrayContaining(['proxy-rubric', 'verifier', 'none']));
    await import('../src/index.js');
    expect(await registeredNames()).toEqual(before);
  });

  it('are filled only in the registry files: no other module registers a part when imported', () => {
    const offenders: string[] = [];
    for (const file of sources('src')) {
      const text = readFileSync(file, 'utf8');
      if (/^import\s+['"][^'"]+['"]/m.test(text)) offenders.push(`${file}: import for side effects`);
      if (file.endsWith('registry.ts')) continue;
      // a top-level statement (no indentation) that calls .register(
      if (/^[^\s/*].*\.register\(/m.test(text)) offenders.push(`${file}: top-level register()`);
    }
    expect(offenders).toEqual([]);
  });
});
