/**
 * fast-check arbitraries for hostile IPC payloads: anything a compromised renderer could hand to `invoke` (structured
 * clone allows Maps, Sets, Dates, typed arrays, bigint, sparse arrays, null-prototype objects), near-valid objects
 * built from a channel schema's own keys and enum values with nasty values in them, prototype-pollution keys,
 * huge strings and deep nesting.
 */
import fc from 'fast-check';
import type { z } from 'zod';

/** Keys and literal values that appear anywhere in a zod schema: the vocabulary of near-valid payloads. */
export function vocabulary(schema: z.ZodType): { keys: string[]; values: unknown[] } {
  const keys = new Set<string>();
  const values = new Set<unknown>();
  const seen = new Set<unknown>();
  const visit = (s: unknown) => {
    if (!s || typeof s !== 'object' || seen.has(s)) return;
    seen.add(s);
    const def = (s as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
    if (!def) return;
    switch (def.type) {
      case 'object':
        for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) {
          keys.add(k);
          visit(v);
        }
        break;
      case 'union':
        for (const o of def.options as unknown[]) visit(o);
        break;
      case 'enum':
        for (const v of Object.values(def.entries as Record<string, unknown>)) values.add(v);
        break;
      case 'literal':
        for (const v of def.values as unknown[]) values.add(v);
        break;
      case 'array':
        visit(def.element);
        break;
      case 'tuple':
        for (const i of def.items as unknown[]) visit(i);
        break;
      default:
        for (const inner of [def.innerType, def.in, def.out, def.schema]) visit(inner);
    }
  };
  visit(schema);
  return { keys: [...keys], values: [...values] };
}

const nested = (depth: number, leaf: unknown): unknown => {
  let v: unknown = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

/** Objects whose own keys are `__proto__` / `constructor`, as JSON.parse and structured clone produce them. */
export const pollution = fc.constantFrom<unknown>(
  JSON.parse('{"__proto__":{"polluted":true}}'),
  JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
  JSON.parse('{"__proto__":{"isAdmin":true},"constructor":{"prototype":{"isAdmin":true}},"prototype":{"polluted":1}}'),
  JSON.parse('[{"__proto__":{"polluted":true}}]'),
  Object.assign(Object.create(null) as object, { polluted: true }),
);

/** Strings from 10 k to 2 M characters (a 2 MB string is well past every field's limit). */
export const hugeString = fc
  .tuple(fc.integer({ min: 10_000, max: 2_000_000 }), fc.constantFrom('x', '\0', '🎨', 'a'.repeat(31) + '0'))
  .map(([n, unit]) => unit.repeat(Math.ceil(n / unit.length)));

/** Arrays and objects nested 50–5000 deep. */
export const deep = fc.tuple(fc.integer({ min: 50, max: 5_000 }), fc.constantFrom<unknown>(null, 1, 'x', {})).map(([d, leaf]) => nested(d, leaf));

const NASTY_NUMBERS = [NaN, Infinity, -Infinity, -0, Number.MAX_VALUE, Number.MIN_VALUE, 2 ** 53, -(2 ** 53) - 2, 1e308, -1, 0, 1, 0.5, 3, 1e-7, 4096, 10_001];
const NASTY_STRINGS = [
  '', ' ', '__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', '0'.repeat(32), 'f'.repeat(32), 'F'.repeat(32),
  'a'.repeat(33), '0'.repeat(31), '../../etc/passwd', '..\\..\\boot.ini', '/dev/null', '/proc/self/environ', 'x\0y', 'C:\\Windows',
  '\\\\server\\share\\x', '%2e%2e%2f', '🎨', '\u202E', '\uD800', 'http://169.254.169.254/latest/meta-data', 'file:///etc/passwd',
  'javascript:alert(1)', 'data:image/png;base64,AAAA', 'iVBORw0KGgo=', '$(rm -rf /)', '`id`', "'; DROP TABLE items; --", 'NaN',
];

/** Any single nasty value. */
export const nastyValue: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_NUMBERS), weight: 3 },
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 3 },
  { arbitrary: fc.string({ maxLength: 40 }), weight: 2 },
  { arbitrary: fc.integer(), weight: 1 },
  { arbitrary: fc.double(), weight: 1 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constantFrom<unknown>(null, undefined, [], {}, [[]], new Date(0), new Map(), new Set([1]), 10n, new Uint8Array(4)), weight: 2 },
  { arbitrary: pollution, weight: 1 },
  { arbitrary: hugeString, weight: 1 },
  { arbitrary: deep, weight: 1 },
);

/** Objects made of a schema's own keys (plus pollution and stray keys) holding nasty or vocabulary values. */
export function nearValid(schema: z.ZodType): fc.Arbitrary<unknown> {
  const { keys, values } = vocabulary(schema);
  const keyArb = fc.constantFrom(...keys, '__proto__', 'constructor', 'extra', 'kind');
  const leaf: fc.Arbitrary<unknown> = values.length
    ? fc.oneof({ arbitrary: nastyValue, weight: 3 }, { arbitrary: fc.constantFrom(...values), weight: 2 })
    : nastyValue;
  const inner = fc.dictionary(keyArb, leaf, { maxKeys: 5 });
  const value = fc.oneof({ arbitrary: leaf, weight: 4 }, { arbitrary: inner, weight: 1 }, { arbitrary: fc.array(fc.oneof(leaf, inner), { maxLength: 4 }), weight: 1 });
  return fc.dictionary(keyArb, value, { minKeys: 1, maxKeys: 7 });
}

/** What a compromised renderer might send: structured-clone values, JSON values, near-valid objects and worse. */
export function hostilePayload(schema: z.ZodType): fc.Arbitrary<unknown> {
  return fc.oneof(
    {
      arbitrary: fc.anything({
        maxDepth: 4,
        withBigInt: true,
        withDate: true,
        withMap: true,
        withSet: true,
        withTypedArray: true,
        withSparseArray: true,
        withNullPrototype: true,
        withBoxedValues: true,
      }),
      weight: 3,
    },
    { arbitrary: fc.json({ maxDepth: 4 }).map((t) => JSON.parse(t) as unknown), weight: 1 },
    { arbitrary: nearValid(schema), weight: 6 },
    { arbitrary: pollution, weight: 1 },
    { arbitrary: deep, weight: 1 },
    { arbitrary: hugeString, weight: 1 },
  );
}
