/**
 * A part's parameters read from its zod schema (name, type, default, description), so that
 * `infoloop list` prints exactly what a config accepts.
 */
import { z } from 'zod';

export interface ParamInfo {
  name: string;
  /** e.g. `integer ≥ 1`, `char | bpe`, `list of string`. */
  type: string;
  /** The default as JSON, or null when the key has none. */
  default: string | null;
  required: boolean;
  description: string | null;
}

/** Strip wrappers that do not change the type a user writes (refinements, defaults, optional). */
function unwrap(schema: z.ZodTypeAny): { inner: z.ZodTypeAny; fallback: unknown; optional: boolean; description: string | null } {
  let inner = schema;
  let fallback: unknown = undefined;
  let optional = false;
  let description = schema.description ?? null;
  for (;;) {
    description ??= inner.description ?? null;
    if (inner instanceof z.ZodDefault) {
      fallback = inner._def.defaultValue();
      inner = inner._def.innerType;
    } else if (inner instanceof z.ZodOptional || inner instanceof z.ZodNullable) {
      optional = true;
      inner = inner.unwrap();
    } else if (inner instanceof z.ZodEffects) {
      inner = inner.innerType();
    } else if (inner instanceof z.ZodLazy) {
      inner = inner.schema;
    } else {
      return { inner, fallback, optional, description };
    }
  }
}

function numberType(schema: z.ZodNumber): string {
  let kind = 'number';
  const bounds: string[] = [];
  for (const check of schema._def.checks) {
    if (check.kind === 'int') kind = 'integer';
    if (check.kind === 'min') bounds.push(`${check.inclusive ? '≥' : '>'} ${check.value}`);
    if (check.kind === 'max') bounds.push(`${check.inclusive ? '≤' : '<'} ${check.value}`);
  }
  return bounds.length ? `${kind} ${bounds.join(', ')}` : kind;
}

/** The type as a user would write it in YAML. */
export function typeName(schema: z.ZodTypeAny): string {
  const { inner } = unwrap(schema);
  if (inner instanceof z.ZodString) return 'string';
  if (inner instanceof z.ZodNumber) return numberType(inner);
  if (inner instanceof z.ZodBoolean) return 'boolean';
  if (inner instanceof z.ZodEnum) return (inner.options as string[]).join(' | ');
  if (inner instanceof z.ZodLiteral) return JSON.stringify(inner.value);
  if (inner instanceof z.ZodArray) {
    const element = typeName(inner.element);
    return `list of ${element.includes(' | ') ? `(${element})` : element}`;
  }
  if (inner instanceof z.ZodRecord) return `map of ${typeName(inner.valueSchema)}`;
  if (inner instanceof z.ZodUnion) return (inner.options as z.ZodTypeAny[]).map(typeName).join(' | ');
  if (inner instanceof z.ZodObject) return `{ ${Object.keys(inner.shape).join(', ')} }`;
  return 'value';
}

/** One row per key of an object schema (after refinements); an empty list for any other schema. */
export function describeParams(schema: z.ZodTypeAny): ParamInfo[] {
  const { inner } = unwrap(schema);
  if (!(inner instanceof z.ZodObject)) return [];
  return Object.entries(inner.shape as Record<string, z.ZodTypeAny>).map(([name, field]) => {
    const { fallback, optional, description } = unwrap(field);
    return {
      name,
      type: typeName(field),
      default: fallback === undefined ? null : JSON.stringify(fallback),
      required: fallback === undefined && !optional,
      description,
    };
  });
}
