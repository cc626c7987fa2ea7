import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXaiFilesClient } from '../../../src-main/adapters/xai/xai-files-client';
import { createShareService } from '../../../src-main/services/share/share-service';
import { startSimulator, type Simulator } from '../../../src-main/simulator';
import { tempDir } from '../library/fixtures';
import { eventLog, jpeg, mp4, openLibrary, png, silentLogger } from '../library/service-harness';

const DAY = 86_400;

describe('share links through xAI Files public URLs (against the simulator)', () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  let sim: Simulator;
  let now = Date.UTC(2026, 11, 6, 12);
  const clock = { now: () => now, sleep: async () => {} };
  beforeEach(async () => {
    ({ dir, cleanup } = await tempDir());
    sim = await startSimulator({ now: () => now });
  });
  afterEach(async () => {
    await sim.close();
    await cleanup();
  });

  function rig() {
    const lib = openLibrary(path.join(dir, 'lib'));
    const events = eventLog();
    const files = createXaiFilesClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-test-key', clock, logger: silentLogger });
    const share = createShareService({ library: lib.service, files, clock, events, logger: silentLogger, simulated: () => false });
    return { lib, share, events };
  }

  it('prepares what leaves the computer, uploads only after the grant, and the link serves the file until revoked', async () => {
    const { lib, share, events } = rig();
    const item = await lib.service.ingest({ bytes: await jpeg(), kind: 'image', origin: 'generated', prompt: 'a private prompt' });
    const preview = await share.prepare(item.id);
    expect(preview).toMatchObject({ itemId: item.id, mime: 'image/jpeg', convertedFrom: null, simulated: false });
    expect(sim.requests.filter((r) => r.path.startsWith('/v1/files'))).toHaveLength(0); // nothing sent yet

    const link = await share.create(preview.token, DAY);
    expect(link).toMatchObject({ itemId: item.id, state: 'live', expiresAt: now + DAY * 1000, mime: 'image/jpeg' });
    const upload = sim.requests.find((r) => r.path === '/v1/files' && r.method === 'POST');
    expect(upload?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const served = await fetch(link.url);
    expect([served.status, served.headers.get('content-type')]).toEqual([200, 'image/jpeg']);
    // The prompt and settings stay home: the shared copy has no XMP packet.
    expect(Buffer.from(await served.arrayBuffer()).includes('a private prompt')).toBe(false);
    expect(events.log).toEqual([{ event: 'share:changed', payload: { itemId: item.id } }]);

    // The grant is single use.
    await expect(share.create(preview.token, DAY)).rejects.toThrow(/expired/);
    expect(share.list({ includeEnded: false })).toEqual([link]);
    expect(share.list({ itemId: item.id, includeEnded: false })).toEqual([link]);

    const revoked = await share.revoke(link.id);
    expect(revoked.state).toBe('revoked');
    expect((await fetch(link.url)).status).toBe(404);
    expect(sim.files.files.size).toBe(0); // the upload was deleted at xAI too
    expect(share.list({ includeEnded: false })).toEqual([]);
    expect(share.list({ includeEnded: true }).map((l) => l.state)).toEqual(['revoked']);
    expect((await share.revoke(link.id)).state).toBe('revoked'); // again: nothing more to do
    await lib.close();
  });

  it('converts WebP to JPEG and GIF to PNG (public links refuse them), sends MP4 as is, and keeps the index of links', async () => {
    const { lib, share } = rig();
    const webp = await lib.service.ingest({ bytes: await sharp(await png()).webp().toBuffer(), kind: 'image', origin: 'imported' });
    const gif = await lib.service.ingest({ bytes: await sharp(await png(40, 40)).gif().toBuffer(), kind: 'image', origin: 'imported' });
    const video = await lib.service.ingest({ bytes: mp4(dir), kind: 'video', origin: 'generated' });
    const expect3 = { [webp.id]: ['image/jpeg', 'image/webp'], [gif.id]: ['image/png', 'image/gif'], [video.id]: ['video/mp4', null] };
    for (const [id, [mime, from]] of Object.entries(expect3)) {
      const preview = await share.prepare(id);
      expect([preview.mime, preview.convertedFrom]).toEqual([mime, from]);
      const link = await share.create(preview.token, 3_600);
      const served = await fetch(link.url);
      expect([served.status, served.headers.get('content-type')]).toEqual([200, mime]);
    }
    expect(share.list({ includeEnded: false })).toHaveLength(3);
    await lib.close();
  });

  it('ends links at their expiry, deletes their uploads, and refuses stale grants and missing items', async () => {
    const { lib, share } = rig();
    const item = await lib.service.ingest({ bytes: await png(), kind: 'image', origin: 'generated' });
    const link = await share.create((await share.prepare(item.id)).token, 3_600);
    now += 3_601_000;
    expect((await fetch(link.url)).status).toBe(404);
    expect(share.list({ includeEnded: false })).toEqual([]);
    expect(share.list({ includeEnded: true })[0]?.state).toBe('expired');
    await expect.poll(() => sim.files.files.size).toBe(0); // cleaned up in the background of the listing
    const stale = await share.prepare(item.id);
    now += 11 * 60_000;
    await expect(share.create(stale.token, 3_600)).rejects.toThrow(/expired/);
    await expect(share.prepare('0'.repeat(32))).rejects.toThrow(/no longer in the library/);
    await lib.close();
  });

  describe('deleting an item forever ends its share links', () => {
    it('a live link stops serving and its upload leaves xAI; links of items kept stay live', async () => {
      const { lib, share } = rig();
      const doomed = await lib.service.ingest({ bytes: await png(), kind: 'image', origin: 'generated' });
      const kept = await lib.service.ingest({ bytes: await png(48, 48), kind: 'image', origin: 'generated' });
      const gone = await share.create((await share.prepare(doomed.id)).token, DAY);
      const stays = await share.create((await share.prepare(kept.id)).token, DAY);
      await lib.service.trash([doomed.id, kept.id]);
      expect(await lib.service.emptyTrash([doomed.id])).toBe(1);
      expect((await fetch(gone.url)).status).toBe(404);
      expect((await fetch(stays.url)).status).toBe(200);
      expect(share.list({ includeEnded: true }).map((l) => [l.itemId, l.state])).toEqual(
        expect.arrayContaining([[doomed.id, 'revoked'], [kept.id, 'live']]),
      );
      expect(sim.files.files.size).toBe(1);
      await lib.close();
    });

    it('offline, the item is still deleted and its link stays listed as live, so it can be revoked later', async () => {
      const lib = openLibrary(path.join(dir, 'lib'));
      const files = createXaiFilesClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-test-key', clock, logger: silentLogger });
      let online = true;
      const flaky = { ...files, revokePublicUrl: (id: string, o?: { signal?: AbortSignal }) => (online ? files.revokePublicUrl(id, o) : Promise.reject(new Error('offline'))) };
      const share = createShareService({ library: lib.service, files: flaky, clock, events: eventLog(), logger: silentLogger, simulated: () => false });
      const item = await lib.service.ingest({ bytes: await png(), kind: 'image', origin: 'generated' });
      const link = await share.create((await share.prepare(item.id)).token, DAY);
      await lib.service.trash([item.id]);
      online = false;
      expect(await lib.service.emptyTrash()).toBe(1);
      expect(share.list({ includeEnded: false }).map((l) => l.id)).toEqual([link.id]);
      online = true;
      expect((await share.revoke(link.id)).state).toBe('revoked');
      expect((await fetch(link.url)).status).toBe(404);
      await lib.close();
    });
  });
});
