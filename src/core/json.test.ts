import { describe, expect, it } from 'vitest';
import { parse, stringify } from './json.js';

describe('json with non-finite numbers', () => {
  it('round-trips Infinity, -Infinity and NaN, which plain JSON turns into null', () => {
    const value = { gap: Infinity, low: -Infinity, bad: NaN, ok: 1.5, list: [Infinity, 2] };
    const back = parse<typeof value>(stringify(value));
    expect(back.gap).toBe(Infinity);
    expect(back.low).toBe(-Infinity);
    expect(Number.isNaN(back.bad)).toBe(true);
    expect(back.list).toEqual([Infinity, 2]);
    expect(JSON.parse(JSON.stringify(value)).gap).toBeNull();
  });
});
