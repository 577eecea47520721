/**
 * JSON that keeps non-finite numbers. Plain JSON turns Infinity into null, which would make an
 * infinite KL divergence indistinguishable from a missing value; here they are written as the
 * strings "Infinity", "-Infinity" and "NaN" and read back as numbers.
 */
const NONFINITE: Record<string, number> = { Infinity: Infinity, '-Infinity': -Infinity, NaN: NaN };

export function stringify(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    (_key, v) => (typeof v === 'number' && !Number.isFinite(v) ? String(v) : v),
    space,
  );
}

export function parse<T = unknown>(text: string): T {
  return JSON.parse(text, (_key, v) => (typeof v === 'string' && v in NONFINITE ? NONFINITE[v] : v)) as T;
}

/** JSON with object keys sorted at every level: equal values give equal text (for hashing, comparing). */
export function canonicalStringify(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sort) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])])) : v;
  return stringify(sort(value));
}
