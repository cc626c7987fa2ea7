/**
 * The desktop channels over a real library with the scripted desktop twin (Electron's port has its own test with
 * `electron` mocked), and the browser host's answer (`desktop: null`): capabilities off and every native call
 * refused. Import and export by path accept only tokens main issued after a dialog.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { createScriptedDesktop } from '../../../src-main/core/desktop/scripted-desktop';
import { jpeg, png } from '../library/service-harness';
import { ok, openExportRig, SENDER } from './export-rig';

type Rig = Awaited<ReturnType<typeof openExportRig>>;
let rig: Rig;
afterEach(async () => rig.close());

async function withDesktop(answers: Parameters<typeof createScriptedDesktop>[0] = {}) {
  const scripted = createScriptedDesktop(answers);
  rig = await openExportRig(scripted.desktop);
  return scripted;
}

describe('desktop channels with a desktop shell', () => {
  it('exports into the folder the user chose, by token only, in batches', async () => {
    const scripted = await withDesktop();
    const out = path.join(rig.dir, 'chosen');
    await mkdir(out);
    scripted.answers.folder = out;
    const a = await rig.lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'a' });
    const b = await rig.lib.service.ingest({ bytes: await png(), kind: 'image', origin: 'generated', prompt: 'b' });
    expect(ok(await rig.call('desktop:capabilities', {}))).toEqual({ dialogs: true, reveal: true, nativeDrag: true, nativeClipboard: true });

    const { folder } = ok(await rig.call('desktop:choose-folder', { title: 'Export to' }));
    expect(folder?.label).toBe(out);
    expect(scripted.calls[0]).toEqual({ method: 'chooseFolder', args: [{ title: 'Export to', window: SENDER.window }] });
    const first = ok(await rig.call('library:export', { ids: [a.id], folder: folder!.token }));
    expect(first.files).toHaveLength(1);
    // The token is spent; the answer carries the next one for the same folder.
    expect(await rig.call('library:export', { ids: [b.id], folder: folder!.token })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    ok(await rig.call('library:export', { ids: [b.id], folder: first.folder }));
    expect((await readdir(out)).sort()).toHaveLength(2);

    scripted.answers.folder = null; // cancelled
    expect(ok(await rig.call('desktop:choose-folder', {}))).toEqual({ folder: null });
  });

  it('refuses a raw path or a forged token as an export folder', async () => {
    await withDesktop();
    const a = await rig.lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    for (const folder of ['/tmp', rig.dir, 'Z'.repeat(43)]) {
      expect(await rig.call('library:export', { ids: [a.id], folder })).toMatchObject({ ok: false, error: { kind: 'validation' } });
    }
    expect(await rig.call('library:export', { ids: [a.id], targetDir: rig.dir, folder: 'Z'.repeat(43) })).toMatchObject({ ok: false });
  });

  it('imports the files the user chose, once; forged and reused tokens are refused per file', async () => {
    const scripted = await withDesktop();
    const file = path.join(rig.dir, 'pick.png');
    await writeFile(file, await png());
    scripted.answers.files = [file];
    const { files } = ok(await rig.call('desktop:choose-files', {}));
    expect(files.map((f) => f.label)).toEqual(['pick.png']);
    const token = files[0]!.token;
    const imported = ok(await rig.call('library:import', { source: { kind: 'chosen', tokens: [token, 'Q'.repeat(43)] } }));
    expect(imported.imported).toHaveLength(1);
    expect(imported.rejected).toEqual([{ name: 'A chosen file', reason: expect.stringMatching(/expired or was used/) }]);
    const again = ok(await rig.call('library:import', { source: { kind: 'chosen', tokens: [token] } }));
    expect(again.imported).toEqual([]);
    // The old `paths` form is gone: a renderer can no longer name a file.
    expect(await rig.call('library:import', { source: { kind: 'paths', paths: [file] } })).toMatchObject({ ok: false, error: { kind: 'validation' } });
  });

  it('asks the save dialog with a bare file name', async () => {
    const scripted = await withDesktop({ save: '/home/me/out.zip' });
    const { file } = ok(await rig.call('desktop:choose-save', { suggestedName: '../../etc/cron.d/x.zip', kind: 'zip' }));
    expect(file?.label).toBe('/home/me/out.zip');
    expect(scripted.calls[0]?.args[0]).toMatchObject({ suggestedName: 'x.zip', filters: [{ extensions: ['zip'] }] });
  });

  it('drags files from the calling window with the thumbnail as a small PNG icon', async () => {
    const scripted = await withDesktop();
    const a = await rig.lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    const b = await rig.lib.service.ingest({ bytes: await png(), kind: 'image', origin: 'generated' });
    ok(await rig.call('desktop:start-drag', { ids: [a.id, b.id] }));
    const [call] = scripted.calls;
    expect(call?.method).toBe('startDrag');
    const [window, files, icon] = call!.args as [unknown, string[], Uint8Array];
    expect(window).toBe(SENDER.window);
    expect(files).toEqual([a, b].map((r) => rig.lib.adapters.files.absolute(r.file)));
    const meta = await sharp(icon).metadata();
    expect(meta.format).toBe('png');
    expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(96);
    // A thumbnail that cannot be read still gives a drag a (plain) icon.
    await rig.lib.adapters.files.remove(a.thumb!);
    ok(await rig.call('desktop:start-drag', { ids: [a.id] }));
    expect((await sharp(scripted.calls[1]!.args[2] as Uint8Array).metadata()).width).toBe(32);
  });

  it('copies PNG/JPEG by path and WebP as PNG bytes; reveals the library file', async () => {
    const scripted = await withDesktop();
    const a = await rig.lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    const webp = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#08f' } }).webp().toBuffer();
    const w = await rig.lib.service.ingest({ bytes: webp, kind: 'image', origin: 'generated' });
    ok(await rig.call('desktop:copy-image', { id: a.id }));
    ok(await rig.call('desktop:copy-image', { id: w.id }));
    ok(await rig.call('desktop:reveal', { id: a.id }));
    expect(scripted.calls[0]).toEqual({ method: 'copyImage', args: [{ path: rig.lib.adapters.files.absolute(a.file) }] });
    const png2 = (scripted.calls[1]?.args[0] as { png: Uint8Array }).png;
    expect(await sharp(png2).metadata()).toMatchObject({ format: 'png', width: 40, height: 30 });
    expect(scripted.calls[2]).toEqual({ method: 'reveal', args: [rig.lib.adapters.files.absolute(a.file)] });
    expect(await rig.call('desktop:copy-image', { id: 'e'.repeat(32) })).toMatchObject({ ok: false, error: { kind: 'not-found' } });
  });
});

describe('desktop channels in the browser host (no desktop)', () => {
  it('reports no native capability and refuses every native call', async () => {
    rig = await openExportRig(null);
    const a = await rig.lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated' });
    expect(ok(await rig.call('desktop:capabilities', {}))).toEqual({ dialogs: false, reveal: false, nativeDrag: false, nativeClipboard: false });
    const calls: [string, unknown][] = [
      ['desktop:choose-folder', {}],
      ['desktop:choose-files', {}],
      ['desktop:choose-save', { suggestedName: 'a.zip', kind: 'zip' }],
      ['desktop:reveal', { id: a.id }],
      ['desktop:start-drag', { ids: [a.id] }],
      ['desktop:copy-image', { id: a.id }],
    ];
    for (const [channel, input] of calls) {
      expect(await rig.call(channel as 'desktop:reveal', input), channel).toMatchObject({ ok: false, error: { kind: 'validation', message: 'This needs the desktop app.' } });
    }
    // Dropped files still come in as bytes.
    const bytes = ok(await rig.call('library:import', { source: { kind: 'bytes', name: 'x.jpg', base64: (await jpeg(64, 48)).toString('base64') } }));
    expect(bytes.imported).toHaveLength(1);
  });
});
