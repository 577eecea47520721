/**
 * The parts a config can name, by kind, with their parameters read from their schemas: what
 * `infoloop list` prints. The kinds are the CLI's words; each maps to one registry.
 */
import { describeParams, type ParamInfo } from '../core/params.js';
import type { Registry } from '../core/registry.js';
import { unknownName } from '../core/errors.js';
import { learnerRegistry } from '../learners/registry.js';
import { policyRegistry } from '../policy/registry.js';
import { selectorRegistry } from '../select/registry.js';
import { signalRegistry } from '../signals/registry.js';
import { taskRegistry } from '../tasks/registry.js';

export const PART_KINDS = ['tasks', 'learners', 'signals', 'selectors', 'policies'] as const;
export type PartKind = (typeof PART_KINDS)[number];

const REGISTRIES: Record<PartKind, Registry<unknown>> = {
  tasks: taskRegistry,
  learners: learnerRegistry,
  signals: signalRegistry,
  selectors: selectorRegistry,
  policies: policyRegistry,
};

export interface PartInfo {
  kind: PartKind;
  name: string;
  description: string;
  params: ParamInfo[];
}

export function isPartKind(kind: string): kind is PartKind {
  return (PART_KINDS as readonly string[]).includes(kind);
}

/** Every registered part of one kind, sorted by name. */
export function listParts(kind: string): PartInfo[] {
  if (!isPartKind(kind)) throw unknownName('kind', kind, PART_KINDS);
  return REGISTRIES[kind].list().map((entry) => ({ kind, name: entry.name, description: entry.description, params: describeParams(entry.params) }));
}
