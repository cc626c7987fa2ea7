import { SmartQuery } from '@contract';
import { z } from 'zod';
import type { SmartRow } from './types';

/**
 * `smart-collections.json` at the library root: every smart collection's id, name, date and saved query, so a
 * rebuild from files alone brings them back (as `collections.json` does for the manual ones).
 */
export const SMART_FILE = 'smart-collections.json';

const SmartFile = z.object({
  format: z.literal('imagine-studio.smart-collections'),
  version: z.literal(1),
  collections: z.array(
    z.object({ id: z.string().regex(/^[0-9a-f]{32}$/), name: z.string().min(1).max(120), createdAt: z.number().int(), query: SmartQuery }),
  ),
});

/** Parses a stored query; null when it is damaged or from a newer app (the collection is then left out). */
export function parseSmartQuery(text: string): SmartQuery | null {
  try {
    const parsed = SmartQuery.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function serializeSmartFile(rows: readonly SmartRow[]): string {
  const collections = rows.flatMap((r) => {
    const query = parseSmartQuery(r.query);
    return query ? [{ id: r.id, name: r.name, createdAt: r.createdAt, query }] : [];
  });
  return `${JSON.stringify({ format: 'imagine-studio.smart-collections', version: 1, collections }, null, 2)}\n`;
}

/** The rows a `smart-collections.json` holds; none when it is missing or damaged. */
export function parseSmartFile(text: string | null): SmartRow[] {
  if (text === null) return [];
  try {
    const parsed = SmartFile.safeParse(JSON.parse(text));
    if (!parsed.success) return [];
    return parsed.data.collections.map((c) => ({ id: c.id, name: c.name, createdAt: c.createdAt, query: JSON.stringify(c.query) }));
  } catch {
    return [];
  }
}
