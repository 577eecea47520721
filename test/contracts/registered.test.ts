/**
 * The contract suites run over every registered name: a part added to a registry without a
 * fixture in fixtures.ts fails here, so no part skips its contract. The parts that talk to an HTTP
 * server (the endpoint learner, the LLM judge) are checked over real loopback HTTP in the test files
 * `HTTP_TESTED` names instead, which must exist.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { learnerRegistry } from '../../src/learners/registry.js';
import { policyRegistry } from '../../src/policy/registry.js';
import { selectorRegistry } from '../../src/select/registry.js';
import { signalRegistry } from '../../src/signals/registry.js';
import { taskRegistry } from '../../src/tasks/registry.js';
import { HTTP_TESTED, learnerFixtures, policyFixtures, selectorFixtures, signalFixtures, taskFixtures } from './fixtures.js';
import { learnerContract } from './learner.js';
import { policyContract } from './policy.js';
import { selectorContract } from './selector.js';
import { signalContract } from './signal.js';
import { taskContract } from './task.js';

const registries = [
  { kind: 'task', names: taskRegistry.names(), fixtures: taskFixtures },
  { kind: 'learner', names: learnerRegistry.names(), fixtures: learnerFixtures },
  { kind: 'signal', names: signalRegistry.names(), fixtures: signalFixtures },
  { kind: 'selector', names: selectorRegistry.names(), fixtures: selectorFixtures },
  { kind: 'policy', names: policyRegistry.names(), fixtures: policyFixtures },
];

describe.each(registries)('$kind registry', ({ names, fixtures }) => {
  it('has a contract fixture for every registered name, and none for a name it lacks', () => {
    expect(names.filter((name) => !(name in fixtures) && !(name in HTTP_TESTED))).toEqual([]);
    expect(Object.keys(fixtures).filter((name) => !names.includes(name))).toEqual([]);
  });
});

it('the parts tested over HTTP are registered and their test files exist', () => {
  for (const [name, file] of Object.entries(HTTP_TESTED)) {
    expect([...learnerRegistry.names(), ...signalRegistry.names()]).toContain(name);
    expect(existsSync(new URL(`../../${file}`, import.meta.url)), file).toBe(true);
  }
});

for (const name of taskRegistry.names()) if (taskFixtures[name]) taskContract(name, taskFixtures[name]);
for (const name of learnerRegistry.names()) if (learnerFixtures[name]) learnerContract(name, learnerFixtures[name]);
for (const name of signalRegistry.names()) if (signalFixtures[name]) signalContract(signalFixtures[name]);
for (const name of selectorRegistry.names()) if (selectorFixtures[name]) selectorContract(selectorFixtures[name]);
for (const name of policyRegistry.names()) if (policyFixtures[name]) policyContract(policyFixtures[name]);
