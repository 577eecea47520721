/**
 * Reading configs: YAML file → `--set a.b=c` overrides (values parsed as YAML scalars, then typed
 * by the schema) → top-level zod validation → each `{ name, ... }` spec validated by its registry.
 */
import { readFileSync } from 'node:fs';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { z } from 'zod';
import { InfoloopError, suggest } from '../core/errors.js';
import { zodToError, type Registry } from '../core/registry.js';
import { learnerRegistry } from '../learners/registry.js';
import { policyRegistry } from '../policy/registry.js';
import { selectorRegistry } from '../select/registry.js';
import { signalRegistry } from '../signals/registry.js';
import { taskRegistry } from '../tasks/registry.js';
import { configSchema, type Config } from './schema.js';

const SPEC_REGISTRIES: Record<'task' | 'learner' | 'signal' | 'select' | 'policy', Registry<unknown>> = {
  task: taskRegistry,
  learner: learnerRegistry,
  signal: signalRegistry,
  select: selectorRegistry,
  policy: policyRegistry,
};

/** Apply one `path.to.key=value` override in place. */
export function applySet(target: Record<string, unknown>, assignment: string): void {
  const eq = assignment.indexOf('=');
  if (eq <= 0) throw new InfoloopError('E_CONFIG', `--set "${assignment}" is not key=value`, 'write e.g. --set learner.alpha=0.3');
  const path = assignment.slice(0, eq).split('.');
  const raw = assignment.slice(eq + 1);
  let value: unknown;
  try {
    value = parseYaml(raw);
  } catch {
    value = raw;
  }
  let node: Record<string, unknown> = target;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === undefined) node[key] = {};
    else if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      throw new InfoloopError('E_CONFIG', `--set ${assignment}: "${key}" is not a section`, 'override a leaf key such as learner.alpha');
    }
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

/** Validate a config object (after overrides); returns it with defaults filled in everywhere. */
export function resolveConfig(input: unknown, sets: string[] = []): Config {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new InfoloopError('E_CONFIG', 'the config must be a mapping of keys (seed, generations, n, task, learner, ...)', 'compare with examples/verifier.yaml; `infoloop list` shows every part and its keys');
  }
  const raw = structuredClone(input) as Record<string, unknown>;
  for (const s of sets) applySet(raw, s);
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) throw configError(parsed.error);
  const config = parsed.data;
  for (const key of Object.keys(SPEC_REGISTRIES) as (keyof typeof SPEC_REGISTRIES)[]) {
    const spec = config[key];
    const params = SPEC_REGISTRIES[key].parse(spec, key) as Record<string, unknown>;
    config[key] = { name: spec.name, ...params };
  }
  return config;
}

function configError(error: z.ZodError): InfoloopError {
  const issue = error.issues[0];
  if (issue.code === 'unrecognized_keys' && issue.path.length === 0) {
    const known = Object.keys(configSchema.shape);
    return new InfoloopError('E_CONFIG', `unknown key "${issue.keys[0]}" in the config`, suggest(issue.keys[0], known));
  }
  return zodToError(error, '', 'compare with examples/verifier.yaml; `infoloop list` shows every part and its keys');
}

export function loadConfig(path: string, sets: string[] = []): Config {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new InfoloopError('E_IO', `cannot read config file "${path}"`, 'check the path; `infoloop run examples/verifier.yaml` runs a shipped example');
  }
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    const where = error instanceof YAMLParseError && error.linePos ? ` at line ${error.linePos[0].line}` : '';
    throw new InfoloopError('E_CONFIG', `${path}: YAML syntax error${where}: ${(error as Error).message.split('\n')[0]}`, 'fix the YAML (indentation, colons, quotes)');
  }
  return resolveConfig(data, sets);
}
