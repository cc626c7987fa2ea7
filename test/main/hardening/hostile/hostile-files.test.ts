/**
 * Every file of the hostile corpus goes through `library:import` (bytes) and `edit:prepare-source` on a real core
 * behind the real dispatcher. Each answer must be a clear refusal (a reason naming the problem) or a sane
 * conversion, within 20 s, with no internal error and nothing written outside the data dir.
 * IMAGINE_HARDENING_REPORT=1 prints the case → outcome table.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppError, EditSourceView, Envelope, LibraryItemDetail } from '@contract';
import { prototypeIsClean, startCoreHarness, within, type CoreHarness } from '../ipc/core-harness';
import { byteCases, fiftyMegabytes, longNameCase, nameCases, sharpBomb, videoCases, type Expect, type HostileCase } from './corpus';

const LIMIT_MS = 20_000;
const MIB = 1024 * 1024;
let h: CoreHarness;
let before: string[];
const table: string[] = [];

beforeAll(async () => {
  h = await startCoreHarness('imagine-hostile-');
  before = h.snapshotOutside();
}, 60_000);

afterAll(async () => {
  if (process.env.IMAGINE_HARDENING_REPORT) console.log(['case | import | edit', ...table].join('\n'));
  await h?.close();
});

type Outcome = { verdict: 'accept' | 'reject'; detail: string };

/** A refusal's words: the envelope message plus the zod issues that name the field and the reason. */
function validationDetail(error: AppError): string {
  expect(error.kind, JSON.stringify(error)).toBe('validation');
  const issues = error.kind === 'validation' ? error.issues.map((i) => `${i.path || '(input)'}: ${i.message}`) : [];
  return `validation: ${error.message}${issues.length ? ` [${issues.join('; ')}]` : ''}`;
}

function importOutcome(env: Envelope<unknown>): Outcome {
  if (!env.ok) {
    return { verdict: 'reject', detail: validationDetail(env.error) };
  }
  const value = env.value as { imported: string[]; rejected: { name: string; reason: string }[]; duplicates: unknown[] };
  expect(value.duplicates, 'every case has bytes of its own').toEqual([]);
  expect(value.imported.length + value.rejected.length).toBe(1);
  if (value.imported.length === 1) return { verdict: 'accept', detail: 'imported' };
  const reason = value.rejected[0]?.reason ?? '';
  // The generic fallback means an unexpected exception was swallowed: every refusal must say why.
  expect(reason).not.toBe('Could not import this file.');
  return { verdict: 'reject', detail: `rejected: ${reason}` };
}

function editOutcome(env: Envelope<unknown>): Outcome {
  if (!env.ok) {
    return { verdict: 'reject', detail: validationDetail(env.error) };
  }
  const view = env.value as EditSourceView;
  expect(['image/png', 'image/jpeg', 'image/webp']).toContain(view.mime);
  expect(Math.max(view.width, view.height)).toBeLessThanOrEqual(4096);
  expect(view.bytes).toBeLessThanOrEqual(10 * MIB);
  expect(view.thumbDataUrl).toMatch(/^data:image\/webp;base64,/);
  const notes = view.notices.length ? ` (${view.notices.join(' ')})` : '';
  return { verdict: 'accept', detail: `${view.mime} ${view.width}×${view.height}${notes}` };
}

function check(expected: Expect, got: Outcome, hint: RegExp | undefined, label: string) {
  if (expected !== 'either') expect(got.verdict, `${label}: ${got.detail}`).toBe(expected);
  if (got.verdict === 'reject') {
    expect(got.detail.length, label).toBeGreaterThan(20);
    if (hint && expected === 'reject') expect(got.detail, label).toMatch(hint);
  }
}

async function run(c: HostileCase, bytes: Buffer) {
  const base64 = bytes.toString('base64');
  const started = Date.now();
  const imp = await within(LIMIT_MS, `${c.id} import`, h.call('library:import', { source: { kind: 'bytes', name: c.name, base64 } }));
  const edit = await within(LIMIT_MS, `${c.id} edit`, h.call('edit:prepare-source', { bytesBase64: base64, name: c.name }));
  const ms = Date.now() - started;
  const i = importOutcome(imp);
  const e = editOutcome(edit);
  table.push(`${c.id} (${bytes.length} B, ${ms} ms) | ${i.detail} | ${e.detail}`);
  check(c.importExpect, i, c.reasonHint, `${c.id} import`);
  check(c.editExpect, e, c.editHint ?? c.reasonHint, `${c.id} edit`);
  if (imp.ok) {
    const [id] = (imp.value as { imported: string[] }).imported;
    if (id) {
      const item = await h.call('library:item', { id });
      expect(item.ok).toBe(true);
      // The stored file is named by its id, never by anything the caller sent.
      if (item.ok) expect((item.value as LibraryItemDetail).record.file).toMatch(/^media\/[0-9a-f]{2}\/[0-9a-f]{32}\.(png|jpg|webp|gif|mp4|webm)$/);
    }
  }
  return { imp, edit };
}

describe('hostile files through library:import and edit:prepare-source', () => {
  it.each(byteCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    await run(c, await c.bytes());
  }, 60_000);

  it.each(videoCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const { imp } = await run(c, await c.bytes());
    if (!imp.ok || c.importExpect !== 'accept') return;
    const [id] = (imp.value as { imported: string[] }).imported;
    const item = await h.call('library:item', { id: id ?? '' });
    // Probed by ffprobe: poster, length and frame size; MOV is re-boxed as MP4, WebM kept as it is.
    expect(item).toMatchObject({ ok: true, value: { record: { kind: 'video', width: 64, height: 48, durationMs: expect.any(Number) } } });
    const record = (item as { value: LibraryItemDetail }).value.record;
    expect(record.durationMs).toBeGreaterThanOrEqual(900);
    expect(record.durationMs).toBeLessThanOrEqual(1100);
    expect(record.mime).toBe(c.name.endsWith('.webm') ? 'video/webm' : 'video/mp4');
    expect(record.thumb).toMatch(/^thumbs\//);
  }, 60_000);

  it.each(nameCases.map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const { imp, edit } = await run(c, await c.bytes());
    // The name is only a label: the edit source echoes it back as given, and the import keeps it as provenance.
    if (edit.ok) expect((edit.value as EditSourceView).name).toBe(c.name);
    expect(imp.ok).toBe(true);
  }, 60_000);

  it('refuses a name over 255 characters at validation (import) and keeps it as a label (edit)', async () => {
    const { imp } = await run(longNameCase, await longNameCase.bytes());
    expect(imp).toMatchObject({ ok: false, error: { kind: 'validation' } });
  }, 60_000);

  it('refuses the sharp-made 20000×20000 solid PNG bomb by its size, without decoding it', async () => {
    const bytes = await sharpBomb.bytes();
    expect(bytes.length).toBeLessThan(2 * MIB);
    await run(sharpBomb, bytes);
  }, 90_000);

  it('imports a 50 MB image and refuses it for edits before decoding', async () => {
    const bytes = await fiftyMegabytes.bytes();
    expect(bytes.length).toBeGreaterThan(50_000_000);
    await run(fiftyMegabytes, bytes);
  }, 120_000);

  it('did not pollute Object.prototype with the crafted XMP params', async () => {
    expect(prototypeIsClean()).toBe(true);
    const found = await h.call('library:query', { filter: { text: 'evil' } });
    expect(found.ok).toBe(true);
  });

  it('wrote nothing outside the data dir, left no temp files and logged no internal error', () => {
    expect(h.logs.filter((l) => l.level === 'error')).toEqual([]);
    expect(h.snapshotOutside()).toEqual(before);
    expect(readdirSync(path.join(h.sandbox, 'tmp'))).toEqual([]);
    const names = readdirSync(h.core.libraryDir, { recursive: true }).map(String);
    for (const c of [...byteCases, ...videoCases, ...nameCases]) {
      if (c.name.length > 8) expect(names.some((n) => n.includes(c.name)), c.name).toBe(false);
    }
  });
});
