/**
 * Zips out of a real library: entries, converted formats, metadata kept (XMP with IPTC DigitalSourceType, and a
 * metadata.json that round-trips every receipt and lineage) or stripped (neither), one-time downloads and saves
 * to a main-issued save token only.
 */
import exifr from 'exifr';
import { unzipSync } from 'fflate';
import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ExportDelivery } from '@contract';
import { DOWNLOAD_TTL_MS } from '../../../src-main/services/export/downloads';
import type { Manifest } from '../../../src-main/services/export/manifest';
import { jpeg, mp4, png } from '../library/service-harness';
import { ok, openExportRig } from './export-rig';

type Rig = Awaited<ReturnType<typeof openExportRig>>;
const xmpOf = async (bytes: Uint8Array) => exifr.parse(Buffer.from(bytes), { xmp: true, mergeOutput: false } as never);
/** `trainedAlgorithmicMedia` for generations, `compositeWithTrainedAlgorithmicMedia` for edits. */
const DIGITAL_SOURCE = /trainedAlgorithmicMedia$/i;

let rig: Rig;
let ids: { parent: string; child: string; video: string };

beforeEach(async () => {
  rig = await openExportRig(null);
  const svc = rig.lib.service;
  const parent = await svc.ingest({
    bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'owl & "moon" ☾', model: 'grok-imagine-image',
    params: { n: 2, aspect_ratio: '4:3' }, costTicks: 200_000_000, requestId: 'req-parent',
  });
  const child = await svc.ingest({
    bytes: await png(), kind: 'image', origin: 'edited', prompt: 'owl & "moon" ☾', editInstruction: 'add rain',
    model: 'grok-imagine-image', costTicks: 300_000_000, requestId: 'req-child', parents: [{ kind: 'edited-from', parentId: parent.id }],
  });
  const video = await svc.ingest({
    bytes: mp4(rig.dir), kind: 'video', origin: 'generated', prompt: 'surf', model: 'grok-imagine-video',
    costTicks: 5_000_000_000, requestId: 'req-video', parents: [{ kind: 'animated-from', parentId: child.id }],
  });
  ids = { parent: parent.id, child: child.id, video: video.id };
});
afterEach(async () => rig.close());

/** Fetches a download the way the host route does: claim once, read, then remove. */
async function fetchDownload(delivery: ExportDelivery): Promise<Uint8Array> {
  if (delivery.kind !== 'download') throw new Error('expected a download');
  const found = rig.module.downloads.claim(delivery.url.slice('/download/'.length));
  if (!found) throw new Error('download not claimable');
  const bytes = new Uint8Array(await readFile(found.path));
  await rig.module.downloads.done(found);
  return bytes;
}

describe('library:export-zip', () => {
  it('zips originals with metadata.json that round-trips prompt, model, params, cost, request id and lineage', async () => {
    const delivery = ok(await rig.call('library:export-zip', { ids: [ids.parent, ids.child, ids.video] }));
    expect(delivery).toMatchObject({ kind: 'download', files: 3 });
    if (delivery.kind !== 'download') return;
    expect(delivery.name).toMatch(/^imagine-export-\d{4}-\d\d-\d\d-3-items\.zip$/);
    const zip = unzipSync(await fetchDownload(delivery));
    const names = Object.keys(zip).sort();
    expect(names).toHaveLength(4);
    expect(names.filter((n) => n.endsWith('.jpg'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.png'))).toHaveLength(1);
    expect(names.filter((n) => n.endsWith('.mp4'))).toHaveLength(1);
    expect(names).toContain('metadata.json');

    const manifest = JSON.parse(new TextDecoder().decode(zip['metadata.json'])) as Manifest;
    expect(manifest).toMatchObject({ app: 'Imagine Studio', version: 1, format: 'original' });
    const byId = new Map(manifest.items.map((i) => [i.id, i]));
    const parent = byId.get(ids.parent)!;
    expect(parent).toMatchObject({
      kind: 'image', origin: 'generated', prompt: 'owl & "moon" ☾', model: 'grok-imagine-image',
      params: { n: 2, aspect_ratio: '4:3' }, costTicks: 200_000_000, costUsd: 0.02, requestId: 'req-parent',
    });
    const child = byId.get(ids.child)!;
    expect(child.editInstruction).toBe('add rain');
    // Lineage names the other end's file when it is in the same zip.
    expect(child.parents).toEqual([{ kind: 'edited-from', id: ids.parent, file: parent.file }]);
    expect(byId.get(ids.video)!.parents).toEqual([{ kind: 'animated-from', id: ids.child, file: child.file }]);
    for (const item of manifest.items) expect(zip[item.file], item.file).toBeDefined();
    // The originals are the library's bytes, their XMP included.
    expect((await xmpOf(zip[parent.file]!)).Iptc4xmpExt.DigitalSourceType).toMatch(DIGITAL_SOURCE);
  });

  it.each(['png', 'jpeg', 'webp'] as const)('converts to %s, keeping or stripping metadata', async (format) => {
    const kept = unzipSync(await fetchDownload(ok(await rig.call('library:export-zip', { ids: [ids.parent, ids.child], format }))));
    const stripped = unzipSync(await fetchDownload(ok(await rig.call('library:export-zip', { ids: [ids.parent, ids.child], format, metadata: 'strip' }))));
    expect(Object.keys(stripped)).not.toContain('metadata.json'); // stripping means sharing no prompts at all
    const ext = format === 'jpeg' ? 'jpg' : format;
    for (const [name, bytes] of Object.entries(kept).filter(([n]) => n !== 'metadata.json')) {
      expect(name.endsWith(`.${ext}`)).toBe(true);
      const meta = await sharp(bytes).metadata();
      expect(meta.format).toBe(format);
      expect(String(meta.xmp)).toMatch(/trainedAlgorithmicMedia<\/Iptc4xmpExt:DigitalSourceType>/i);
      if (format !== 'webp') expect((await xmpOf(bytes)).Iptc4xmpExt.DigitalSourceType).toMatch(DIGITAL_SOURCE);
    }
    for (const bytes of Object.values(stripped)) {
      expect((await sharp(bytes).metadata()).xmp).toBeUndefined();
      // exifr reads no WebP; for PNG it reports the header fields, so look for the XMP namespaces themselves.
      if (format !== 'webp') expect((await xmpOf(bytes))?.Iptc4xmpExt).toBeUndefined();
    }
  });

  it('serves a download once, and removes unfetched ones after an hour', async () => {
    const first = ok(await rig.call('library:export-zip', { ids: [ids.parent] }));
    const second = ok(await rig.call('library:export-zip', { ids: [ids.child] }));
    if (first.kind !== 'download' || second.kind !== 'download') throw new Error('expected downloads');
    await fetchDownload(first);
    expect(rig.module.downloads.claim(first.url.slice(10))).toBeNull(); // used
    const dir = path.join(rig.dir, 'data', 'exports');
    expect(await readdir(dir)).toHaveLength(1);
    rig.lib.clock.tick(DOWNLOAD_TTL_MS);
    expect(rig.module.downloads.sweep()).toBe(1);
    await expect.poll(() => readdir(dir)).toEqual([]);
    expect(rig.module.downloads.claim(second.url.slice(10))).toBeNull();
  });

  it('saves to a main-issued save location only, once', async () => {
    const target = path.join(rig.dir, 'mine.zip');
    const token = rig.module.grants.issue(target, 'save-file');
    const saved = ok(await rig.call('library:export-zip', { ids: [ids.parent, ids.child], saveTo: token }));
    expect(saved).toMatchObject({ kind: 'saved', path: target, files: 2 });
    expect(Object.keys(unzipSync(new Uint8Array(await readFile(target))))).toHaveLength(3);
    const again = await rig.call('library:export-zip', { ids: [ids.parent], saveTo: token });
    expect(again).toMatchObject({ ok: false, error: { kind: 'validation', message: expect.stringMatching(/expired/) } });
    const forged = await rig.call('library:export-zip', { ids: [ids.parent], saveTo: 'A'.repeat(43) });
    expect(forged).toMatchObject({ ok: false, error: { kind: 'validation' } });
    // A path where a token belongs does not even parse.
    expect(await rig.call('library:export-zip', { ids: [ids.parent], saveTo: '/tmp/x.zip' })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    // An import token cannot become a save target.
    const importToken = rig.module.grants.issue(path.join(rig.dir, 'evil.zip'), 'import-file');
    expect((await rig.call('library:export-zip', { ids: [ids.parent], saveTo: importToken })).ok).toBe(false);
    expect(existsSync(path.join(rig.dir, 'evil.zip'))).toBe(false);
  });

  it('refuses unknown ids and leaves no half-written file', async () => {
    const env = await rig.call('library:export-zip', { ids: ['f'.repeat(32)] });
    expect(env).toMatchObject({ ok: false, error: { kind: 'not-found' } });
    expect(await readdir(path.join(rig.dir, 'data', 'exports'))).toEqual([]);
  });
});

describe('library:save-as', () => {
  it('saves one image as original or converted; keeps IPTC DigitalSourceType unless stripped', async () => {
    const original = ok(await rig.call('library:save-as', { id: ids.parent }));
    expect(original).toMatchObject({ kind: 'download', files: 1 });
    if (original.kind !== 'download') return;
    expect(original.name).toMatch(/\.jpg$/);
    expect((await xmpOf(await fetchDownload(original))).Iptc4xmpExt.DigitalSourceType).toMatch(DIGITAL_SOURCE);

    const asPng = ok(await rig.call('library:save-as', { id: ids.parent, format: 'png' }));
    const pngBytes = await fetchDownload(asPng);
    expect((await sharp(pngBytes).metadata()).format).toBe('png');
    expect((await xmpOf(pngBytes)).imagine.prompt).toBeDefined();

    const bare = await fetchDownload(ok(await rig.call('library:save-as', { id: ids.parent, format: 'webp', metadata: 'strip' })));
    expect((await sharp(bare).metadata()).xmp).toBeUndefined();

    const target = path.join(rig.dir, 'owl.png');
    const saved = ok(await rig.call('library:save-as', { id: ids.child, saveTo: rig.module.grants.issue(target, 'save-file') }));
    expect(saved).toMatchObject({ kind: 'saved', path: target });
    expect((await sharp(target).metadata()).format).toBe('png');
  });
});
