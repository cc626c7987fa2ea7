/**
 * `/download/<token>` on a real browser host: the zip made over the signed-in WebSocket comes back once as an
 * attachment (the one-use token is the capability), and is deleted after it was sent.
 */
import { unzipSync } from 'fflate';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportDelivery } from '@contract';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { startBrowserHost, type BrowserHost } from '../../../src-main/host/browser-host-server';
import { connectHost, type HostClient } from '../hardening/support/ws-client';

let host: BrowserHost;
let client: HostClient;
let dataDir: string;
let ids: string[];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-download-'));
  const rendererDir = path.join(dataDir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(path.join(rendererDir, 'index.html'), '<html></html>');
  host = await startBrowserHost({
    dataDir, rendererDir, port: 0, version: '0.0.0', versions: {}, clock: systemClock,
    logger: { info() {}, warn() {}, error() {} }, apiBaseUrl: 'http://127.0.0.1:9/v1',
  });
  client = await connectHost(host.url);
  ids = [];
  for (const color of ['#f00', '#0f0']) {
    const base64 = (await sharp({ create: { width: 64, height: 48, channels: 3, background: color } }).jpeg().toBuffer()).toString('base64');
    ids.push(...(await client.invoke<{ imported: string[] }>('library:import', { source: { kind: 'bytes', name: `${color}.jpg`, base64 } })).imported);
  }
});
afterAll(async () => {
  client?.close();
  await host?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (url: string, method = 'GET') => fetch(host.origin + url, { method });

describe('browser host downloads', () => {
  it('serves an export once as an attachment, then deletes it', async () => {
    const delivery = await client.invoke<ExportDelivery>('library:export-zip', { ids });
    if (delivery.kind !== 'download') throw new Error('expected a download');
    expect(delivery.url).toMatch(/^\/download\/[A-Za-z0-9_-]{43}$/);
    expect((await get(delivery.url, 'HEAD')).status).toBe(404); // a probe does not use it up…
    const res = await get(delivery.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="${delivery.name}"; filename*=UTF-8''${delivery.name}`);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const zip = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(Object.keys(zip)).toHaveLength(3);
    expect((await get(delivery.url)).status).toBe(404); // …but a download does
    await expect.poll(() => readdirSync(path.join(dataDir, 'exports'))).toEqual([]);
  });

  it('answers 404 for made-up and malformed tokens', async () => {
    for (const url of ['/download/' + 'a'.repeat(43), '/download/../library.db', '/download/', '/download/%2e%2e%2fx']) {
      expect((await get(url)).status, url).toBe(404);
    }
  });

  it('serves single-item "Save as…" downloads with their type', async () => {
    const delivery = await client.invoke<ExportDelivery>('library:save-as', { id: ids[0], format: 'png', metadata: 'strip' });
    if (delivery.kind !== 'download') throw new Error('expected a download');
    const res = await get(delivery.url);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect((await sharp(Buffer.from(await res.arrayBuffer())).metadata()).format).toBe('png');
  });
});
