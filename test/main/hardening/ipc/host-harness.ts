/**
 * A started browser host on a throw-away data dir (inside a sandbox with a canary folder outside the data dir),
 * plus raw HTTP and WebSocket helpers: raw requests keep `..`, backslashes and odd Host headers exactly as sent
 * (fetch would normalise them away).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { systemClock } from '../../../../src-main/adapters/system-clock';
import { startBrowserHost, type BrowserHost } from '../../../../src-main/host/browser-host-server';
import { connectHost, signIn, type HostClient } from '../support/ws-client';
import { DEAD_API } from './core-harness';

export interface HostHarness {
  host: BrowserHost;
  /** Error lines logged by the host (`host: request failed` means a 500). */
  errors: string[];
  sandbox: string;
  dataDir: string;
  /** A signed-in client (its `mediaBase` is this session's media capability). */
  client: HostClient;
  close(): Promise<void>;
}

export async function startHostHarness(): Promise<HostHarness> {
  const sandbox = mkdtempSync(path.join(os.tmpdir(), 'imagine-host-hardening-'));
  const dataDir = path.join(sandbox, 'data');
  const rendererDir = path.join(sandbox, 'renderer');
  mkdirSync(dataDir);
  mkdirSync(rendererDir);
  mkdirSync(path.join(sandbox, 'canary'));
  writeFileSync(path.join(rendererDir, 'index.html'), '<html><head></head><body>app</body></html>');
  writeFileSync(path.join(sandbox, 'canary', 'secret.txt'), 'TOP SECRET outside the library');
  const errors: string[] = [];
  const host = await startBrowserHost({
    dataDir,
    rendererDir,
    port: 0,
    version: '0.0.0-hardening',
    versions: {},
    clock: systemClock,
    logger: { info() {}, warn() {}, error: (message: string, fields?: Record<string, unknown>) => void errors.push(`${message} ${JSON.stringify(fields)}`) },
    apiBaseUrl: DEAD_API,
  });
  const client = await connectHost(host.url);
  return {
    host,
    errors,
    sandbox,
    dataDir,
    client,
    async close() {
      client.close();
      await host.close();
      rmSync(sandbox, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One HTTP request with the path and headers exactly as given (no URL normalisation). */
export function raw(host: BrowserHost, rawPath: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawResponse> {
  const { port } = new URL(host.origin);
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: Number(port), path: rawPath, method, headers: { host: `127.0.0.1:${port}`, ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** Opens the bridge without signing in; resolves null when the upgrade is refused. */
export function connectWs(host: BrowserHost, headers: Record<string, string>, wsPath = '/ws'): Promise<WebSocket | null> {
  return new Promise((resolve) => {
    const ws = new WebSocket(host.origin.replace('http', 'ws') + wsPath, { headers, maxPayload: 256 * 1024 * 1024 });
    ws.once('open', () => resolve(ws));
    ws.once('error', () => resolve(null));
    ws.once('unexpected-response', () => resolve(null));
  });
}

/** A socket signed in with the harness's session, as a reloaded page would be; null when refused. */
export async function signedInWs(hh: HostHarness, headers: Record<string, string> = { origin: hh.host.origin }): Promise<WebSocket | null> {
  const signed = await signIn(hh.host.origin, { session: hh.client.session }, headers);
  return signed.ok ? signed.ws : null;
}
