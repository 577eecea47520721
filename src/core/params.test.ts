import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeParams, typeName } from './params.js';

describe('describeParams', () => {
  const schema = z
    .object({
      K: z.number().int().min(2).describe('number of categories'),
      alpha: z.number().gt(0).max(1).default(1),
      init: z.enum(['uniform', 'zipf']).default('uniform'),
      weights: z.record(z.number()).optional(),
      heldout: z.union([z.enum(['form', 'none']), z.array(z.enum(['form', 'family']))]).default('form'),
    })
    .strict()
    .refine((p) => p.K > 1);

  it('reads names, types, defaults, required and descriptions through refinements', () => {
    expect(describeParams(schema)).toEqual([
      { name: 'K', type: 'integer ≥ 2', default: null, required: true, description: 'number of categories' },
      { name: 'alpha', type: 'number > 0, ≤ 1', default: '1', required: false, description: null },
      { name: 'init', type: 'uniform | zipf', default: '"uniform"', required: false, description: null },
      { name: 'weights', type: 'map of number', default: null, required: false, description: null },
      { name: 'heldout', type: 'form | none | list of (form | family)', default: '"form"', required: false, description: null },
    ]);
  });

  it('gives no rows for a schema that is not an object, and names nested objects by their keys', () => {
    expect(describeParams(z.string())).toEqual([]);
    expect(typeName(z.object({ marker: z.string(), correlation: z.number() }))).toBe('{ marker, correlation }');
  });
});
