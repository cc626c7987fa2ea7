/**
 * A small zod → fast-check bridge for the schema shapes the contract uses, so the fuzzer can also reach the
 * handlers with inputs that pass validation. Strings never start with `/`, `\` or `~`, so no generated path is
 * absolute (nothing can point a library or an export at the real file system); lengths stay short.
 */
import fc from 'fast-check';
import type { z } from 'zod';

type Def = Record<string, unknown> & { type: string; checks?: { _zod: { def: Record<string, unknown> } }[] };

const defOf = (s: unknown) => (s as { _zod: { def: Def } })._zod.def;
const checksOf = (d: Def) => (d.checks ?? []).map((c) => c._zod.def);

const HEX32 = fc.uint8Array({ minLength: 16, maxLength: 16 }).map((b) => Buffer.from(b).toString('hex'));
const relative = (min: number, max: number) => fc.string({ minLength: min, maxLength: max }).filter((s) => !/^[/\\~]/.test(s));

function stringArb(d: Def, ids: readonly string[]): fc.Arbitrary<unknown> {
  const checks = checksOf(d);
  const format = checks.find((c) => c.check === 'string_format');
  if (format?.format === 'regex') {
    const pattern = format.pattern as RegExp;
    if (String(pattern) !== '/^[0-9a-f]{32}$/') return fc.stringMatching(pattern);
    return ids.length ? fc.oneof(HEX32, fc.constantFrom(...ids)) : HEX32;
  }
  if (format?.format === 'url') return fc.constantFrom('http://127.0.0.1:9/v1', 'https://api.invalid/v1');
  const min = Number(checks.find((c) => c.check === 'min_length')?.minimum ?? 0);
  const max = Number(checks.find((c) => c.check === 'max_length')?.maximum ?? 80);
  return relative(min, Math.min(max, min + 80));
}

function numberArb(d: Def): fc.Arbitrary<unknown> {
  const checks = checksOf(d);
  const int = checks.some((c) => c.check === 'number_format');
  const lo = checks.find((c) => c.check === 'greater_than');
  const hi = checks.find((c) => c.check === 'less_than');
  const min = lo ? Number(lo.value) : -1e6;
  const max = hi ? Number(hi.value) : 1e6;
  const inRange = (n: number) => (lo?.inclusive === false ? n > min : n >= min) && (hi?.inclusive === false ? n < max : n <= max);
  return (int ? fc.integer({ min: Math.ceil(min), max: Math.floor(max) }) : fc.double({ min, max, noNaN: true, noDefaultInfinity: true })).filter(inRange);
}

/**
 * An arbitrary of values the schema (most likely) accepts; callers still check with safeParse. `ids` are existing
 * library/collection ids that 32-hex fields draw from half of the time, so handlers see real items too.
 */
export function validInput(schema: z.ZodType | unknown, ids: readonly string[] = []): fc.Arbitrary<unknown> {
  return validInputOf(schema, ids);
}

function validInputOf(schema: unknown, ids: readonly string[]): fc.Arbitrary<unknown> {
  const validInput = (s: unknown) => validInputOf(s, ids);
  const d = defOf(schema);
  switch (d.type) {
    case 'string':
      return stringArb(d, ids);
    case 'number':
      return numberArb(d);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries as Record<string, unknown>));
    case 'literal':
      return fc.constantFrom(...(d.values as unknown[]));
    case 'optional':
    case 'default':
      return validInput(d.innerType);
    case 'nullable':
      return fc.option(validInput(d.innerType), { nil: null });
    case 'pipe':
      return validInput(d.in);
    case 'array': {
      const checks = checksOf(d);
      const min = Number(checks.find((c) => c.check === 'min_length')?.minimum ?? 0);
      const max = Number(checks.find((c) => c.check === 'max_length')?.maximum ?? 4);
      return fc.array(validInput(d.element), { minLength: min, maxLength: Math.min(max, min + 3) });
    }
    case 'tuple':
      return fc.tuple(...(d.items as unknown[]).map((i) => validInput(i)));
    case 'union':
      return fc.oneof(...(d.options as unknown[]).map((o) => validInput(o)));
    case 'object': {
      const shape = d.shape as Record<string, unknown>;
      const required = Object.keys(shape).filter((k) => !['optional', 'default'].includes(defOf(shape[k]).type));
      const parts = Object.fromEntries(Object.entries(shape).map(([k, v]) => [k, validInput(v)]));
      return fc.record(parts, { requiredKeys: required });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
}
