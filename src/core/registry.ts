/**
 * Typed registries keyed by the names users type in configs and on the command line.
 * Each entry validates its own parameters with a strict zod schema, so unknown keys are
 * rejected with their path.
 */
import { z } from 'zod';
import { InfoloopError, unknownName } from './errors.js';
import type { Task } from './types.js';

/** What a factory may need besides its own parameters. */
export interface CreateContext {
  seed: number;
  /** The run's task, when building a learner or signal that depends on it (e.g. K). */
  task?: Task<any>;
  /** The run folder, when the run has one (caches, exported data, logs). */
  runDir?: string;
}

export interface Entry<T, P = any> {
  name: string;
  description: string;
  /** Parameters without `name`; `.strict()` so that unknown keys are errors. */
  params: z.ZodType<P, z.ZodTypeDef, any>;
  create(params: P, context: CreateContext): T;
}

/** A `{ name, ...params }` spec as written in a config. */
export type Spec = { name: string } & Record<string, unknown>;

export class Registry<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(readonly kind: string) {}

  register<P>(entry: Entry<T, P>): this {
    if (this.entries.has(entry.name)) {
      throw new InfoloopError('E_REGISTRY', `${this.kind} "${entry.name}" is registered twice`, 'give each entry its own name');
    }
    this.entries.set(entry.name, entry as Entry<T>);
    return this;
  }

  names(): string[] {
    return [...this.entries.keys()].sort();
  }

  list(): Entry<T>[] {
    return this.names().map((name) => this.entries.get(name)!);
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  get(name: string): Entry<T> {
    const entry = this.entries.get(name);
    if (!entry) throw unknownName(this.kind, name, this.names());
    return entry;
  }

  /** Validate a spec's parameters; `path` names where it sits in the config (e.g. `signal`). */
  parse(spec: Spec, path = this.kind): unknown {
    const { name, ...rest } = spec;
    const entry = this.get(name);
    const result = entry.params.safeParse(rest);
    if (!result.success) throw zodToError(result.error, path, `\`${listCommand(this.kind)}\` shows ${this.kind} "${name}"'s keys, types and defaults`);
    return result.data;
  }

  create(spec: Spec, context: CreateContext, path = this.kind): T {
    const params = this.parse(spec, path);
    return this.get(spec.name).create(params, context);
  }
}

/** The command that lists a kind's parts: `infoloop list policies` for kind "policy". */
export function listCommand(kind: string): string {
  return `infoloop list ${kind.endsWith('y') ? `${kind.slice(0, -1)}ies` : `${kind}s`}`;
}

/** The first zod issue as one line with its config path, and a hint. */
export function zodToError(error: z.ZodError, prefix: string, hint: string): InfoloopError {
  const issue = error.issues[0];
  const path = [prefix, ...issue.path.map(String)].filter(Boolean).join('.');
  if (issue.code === 'unrecognized_keys') {
    const keys = (issue as z.ZodIssue & { keys: string[] }).keys;
    return new InfoloopError('E_CONFIG', `${path}: unknown key${keys.length > 1 ? 's' : ''} ${keys.map((k) => `"${k}"`).join(', ')}`, hint);
  }
  return new InfoloopError('E_CONFIG', `${path}: ${issue.message}`, hint);
}
