import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppCore, type AppCore, type CoreOptions } from '../app-core';
import { readMedia } from '../adapters/media-files';
import type { EventName, EventPayload } from '@contract';
import type { EventSink } from '../core/ports';
import { createDispatcher } from '../ipc/dispatcher';
import { createSenderGuard } from '../ipc/sender-guard';
import { DOWNLOAD_PREFIX, serveDownload } from './download-route';
import { createHostAuth } from './host-auth';
import { SECURITY_HEADERS } from './security-headers';
import { createStaticFiles } from './static-files';
import { createWsBridge } from './ws-bridge';

export interface BrowserHostOptions extends Omit<CoreOptions, 'events' | 'shell' | 'desktop'> {
  /** The built renderer (out/renderer) plus bridge.js. */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** Fixed token for tests; a random one per launch otherwise. */
  token?: string;
}

export interface BrowserHost {
  /** Open this in a browser: it carries the token once, then a cookie does. */
  url: string;
  origin: string;
  token: string;
  core: AppCore;
  close(): Promise<void>;
}

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/**
 * The second composition root: the same core as Electron's, served to a browser on 127.0.0.1 — the renderer
 * over HTTP, the contract over a WebSocket, library media under /media/. Never loads `electron`.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const auth = createHostAuth(token);
  const allowedOrigins: string[] = [];
  // Events go to the WebSocket clients; the bridge exists only after the core, so forward through a holder.
  let forward: EventSink | null = null;
  const events: EventSink = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      forward?.emit(event, payload);
    },
  };
  // No native dialogs, drag or clipboard from a browser: exports become downloads and the renderer hides the rest.
  const core = await createAppCore({ ...options, shell: 'browser-host', events, desktop: null });
  const dispatch = createDispatcher({
    handlers: core.handlers,
    guard: createSenderGuard(allowedOrigins),
    logger: options.logger,
  });
  const bridge = createWsBridge({ dispatch, logger: options.logger });
  forward = bridge.events;
  const readStatic = createStaticFiles(options.rendererDir);
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.logger.error('host: request failed', { url: req.url, error: String(err) });
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!auth.isLoopbackHost(req, port)) return send(res, 421, 'Misdirected request');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const queryToken = url.searchParams.get('token');
    if (queryToken !== null) {
      if (!auth.matchesToken(queryToken)) return send(res, 401, 'Wrong token. Open the URL the host printed.');
      // Trade the token in the URL for a cookie and drop it from the address bar and history.
      return send(res, 303, '', { location: url.pathname, 'set-cookie': auth.sessionCookie() });
    }
    if (!auth.isAuthorized(req)) {
      return send(res, 401, 'Imagine Studio: open the URL printed by `npm run host` (it carries the access token).');
    }
    if (url.pathname.startsWith('/media/')) {
      const media = await readMedia(core.libraryDir, url.pathname.slice('/media/'.length), req.headers.range);
      res.writeHead(media.status, { ...SECURITY_HEADERS, ...media.headers });
      if (media.body && req.method === 'GET') media.body.pipe(res);
      else {
        media.body?.destroy();
        res.end();
      }
      return;
    }
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) return serveDownload(req, res, url.pathname, core.downloads);
    const file = await readStatic(url.pathname);
    if (!file) return send(res, 404, 'Not found');
    send(res, 200, req.method === 'HEAD' ? '' : file.body, {
      'content-type': file.type,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
  }

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    const origin = req.headers.origin ?? '';
    const ok = path === '/ws' && auth.isLoopbackHost(req, port) && auth.isAuthorized(req) && allowedOrigins.includes(origin);
    if (!ok) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    bridge.wss.handleUpgrade(req, socket, head, (ws) => bridge.wss.emit('connection', ws, req));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const origin = `http://127.0.0.1:${port}`;
  allowedOrigins.push(origin, `http://localhost:${port}`);

  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    core,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.dispose();
    },
  };
}
