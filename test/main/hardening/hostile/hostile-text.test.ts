/**
 * Hostile text where text is allowed: search filters (SQL and FTS5 syntax, control characters, lone surrogates),
 * prompts (emoji, RTL, 10k characters) and collection names. Every answer must be an ok envelope or a clear
 * validation/domain error, never `internal`; search results and highlight ranges must stay inside the text.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope, LibraryQueryOutput, LibraryRecord } from '@contract';
import { prototypeIsClean, startCoreHarness, within, type CoreHarness } from '../ipc/core-harness';
import { hostileXmpPng } from './corpus';

let h: CoreHarness;
const seeded: Record<string, string> = {};

const PROMPTS = {
  emoji: 'A cat 🐈‍⬛ painting 🎨 with family 👩‍👩‍👧 flags 🇫🇷',
  rtl: 'قطة ترسم لوحة \u202Eoverride\u202C עברית',
  control: 'bell\u0007 escape\u001b[31m red\u0000 nul\u0008 back',
  sql: `'; DROP TABLE items; -- " OR 1=1 /* */ NEAR(a b) col:value ^start *`,
  long: `${'long prompt '.repeat(833)}end`.slice(0, 10_000),
};

/** What a text filter may contain: SQL, FTS5 query syntax and characters that break naive escaping. */
const SEARCHES = [
  '"', '""', '"unterminated', "'", "''", 'AND', 'OR', 'NOT', 'a OR', 'NOT a', 'a -b', 'a AND NOT', 'NEAR(a b)', 'NEAR(a b, 2)',
  '*', 'a*', '^a', '^', 'prompt:x', 'edit_instruction:x', '{prompt}: x', 'col:value', '(', ')', '()', '(a OR b', '+', '-', '~',
  ':', ';', '\\', '%', '_', '%_%', "'; DROP TABLE items; --", "1' OR '1'='1", '" OR ""="', '/* */', '--', '\0', 'a\0b',
  '\u0001\u001f\u007f', '\t\n\r', '🎨', '🐈‍⬛', '🇫🇷', '\u202E', 'قطة', 'עברית', '日本語', '\uFFFF', '\uD800', 'a\uDC00b',
  'x'.repeat(500), ' '.repeat(500), '', ' ', 'DROP', 'override', 'escape', 'MATCH', 'rank', 'bm25(items)', 'highlight(',
];

beforeAll(async () => {
  h = await startCoreHarness('imagine-hostile-text-');
  for (const [key, prompt] of Object.entries(PROMPTS)) {
    const base64 = (await hostileXmpPng(Date.UTC(2026, 0, 3), prompt)).toString('base64');
    const env = await h.call('library:import', { source: { kind: 'bytes', name: `${key}.png`, base64 } });
    if (!env.ok) throw new Error(JSON.stringify(env.error));
    const { imported } = env.value as { imported: string[] };
    seeded[key] = imported[0] ?? '';
  }
}, 60_000);

afterAll(async () => {
  await h?.close();
});

function valueOf(env: Envelope<unknown>): unknown {
  if (!env.ok) throw new Error(`${env.error.kind}: ${env.error.message}`);
  return env.value;
}

function notInternal(env: Envelope<unknown>, label: string) {
  if (!env.ok) expect(env.error.kind, `${label}: ${env.error.message}`).not.toBe('internal');
}

describe('hostile search text', () => {
  it('stored every seeded prompt unchanged except for characters XML cannot carry', async () => {
    const env = await h.call('library:records', { ids: Object.values(seeded) });
    expect(env.ok).toBe(true);
    const records = (valueOf(env) as { records: LibraryRecord[] }).records;
    expect(records).toHaveLength(Object.keys(PROMPTS).length);
    const byId = new Map(records.map((r) => [r.id, r.prompt]));
    expect(byId.get(seeded.emoji ?? '')).toBe(PROMPTS.emoji);
    expect(byId.get(seeded.rtl ?? '')).toBe(PROMPTS.rtl);
    expect(byId.get(seeded.long ?? '')).toBe(PROMPTS.long);
  });

  it.each(['newest', 'relevance'] as const)('answers every hostile filter text without an internal error (sort %s)', async (sort) => {
    for (const text of SEARCHES) {
      const env = await within(10_000, `query ${JSON.stringify(text)}`, h.call('library:query', { filter: { text }, sort }));
      notInternal(env, `query ${JSON.stringify(text)}`);
      expect(env.ok, JSON.stringify(text)).toBe(true);
      const { ids } = valueOf(env) as LibraryQueryOutput;
      if (ids.length === 0) continue;
      const recs = await h.call('library:records', { ids, text });
      expect(recs.ok, JSON.stringify(text)).toBe(true);
      for (const r of (valueOf(recs) as { records: LibraryRecord[] }).records) {
        for (const [start, end] of r.highlight?.prompt ?? []) {
          expect(start).toBeGreaterThanOrEqual(0);
          expect(end).toBeLessThanOrEqual(r.prompt.length);
          expect(start).toBeLessThan(end);
        }
      }
    }
  }, 60_000);

  it('finds seeded prompts by their odd words, and SQL in a search is only text', async () => {
    const find = async (text: string) => {
      const env = await h.call('library:query', { filter: { text } });
      return env.ok ? (env.value as LibraryQueryOutput).ids : ['<error>'];
    };
    expect(await find('DROP')).toContain(seeded.sql);
    expect(await find('قطة')).toContain(seeded.rtl);
    expect(await find("'; DROP TABLE items; --")).toContain(seeded.sql);
    // The items table is still there.
    expect((await find('painting')).length).toBeGreaterThan(0);
  });

  it('refuses over-long filter text at validation', async () => {
    const env = await h.call('library:query', { filter: { text: 'x'.repeat(501) } });
    expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });
});

describe('hostile prompts and names', () => {
  const job = (prompts: string[]) => ({ prompts, n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' });

  it.each(Object.entries(PROMPTS))('estimates and submits a %s prompt without an internal error', async (_key, prompt) => {
    const estimate = await h.call('jobs:estimate', job([prompt]));
    notInternal(estimate, 'jobs:estimate');
    const submit = await within(15_000, 'jobs:submit', h.call('jobs:submit', job([prompt])));
    notInternal(submit, 'jobs:submit');
    if (submit.ok) {
      // No key is set: whatever was queued is cancelled again so nothing lingers.
      const batchId = (submit.value as { id: string }).id;
      notInternal(await h.call('jobs:cancel', { batchId }), 'jobs:cancel');
    }
    const video = await h.call('video:estimate', { mode: 'text', prompt: prompt.slice(0, 4096), model: 'grok-imagine-video', duration: 6, aspectRatio: '16:9', resolution: '480p' });
    notInternal(video, 'video:estimate');
  });

  it('refuses a prompt one character over 10,000 at validation', async () => {
    const env = await h.call('jobs:estimate', job(['x'.repeat(10_001)]));
    expect(env).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('creates and renames collections with hostile names, stored as given (trimmed)', async () => {
    for (const name of [PROMPTS.emoji.slice(0, 100), PROMPTS.rtl, "'); DROP TABLE collections; --", '<img src=x onerror=alert(1)>', 'tab\tand\u0007bell']) {
      const created = await h.call('library:collection-create', { name });
      notInternal(created, 'collection-create');
      expect(created.ok, name).toBe(true);
      if (created.ok) expect((created.value as { name: string }).name).toBe(name.trim());
    }
    const list = await h.call('library:collections', {});
    expect(list.ok).toBe(true);
  });

  it('left Object.prototype and the error log clean', () => {
    expect(prototypeIsClean()).toBe(true);
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
  });
});
