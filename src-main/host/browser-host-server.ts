import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAppCore, type AppCore, type CoreOptions } from '../app-core';
import { readMedia } from '../adapters/media-files';
import type { EventName, EventPayload } from '@contract';
import type { EventSink } from '../core/ports';
import { createDispatcher } from '../ipc/dispatcher';
import { createSenderGuard } from '../ipc/sender-guard';
import { DOWNLOAD_PREFIX, serveDownload } from './download-route';
import { createHostSessions, isLoopbackHost, TICKET_PARAM } from './host-session';
import { SECURITY_HEADERS } from './security-headers';
import { createStaticFiles } from './static-files';
import { createWsBridge, type BridgeLimits } from './ws-bridge';

export interface BrowserHostOptions extends Omit<CoreOptions, 'events' | 'shell' | 'desktop'> {
  /** The built renderer (out/renderer) plus bridge.js. */
  rendererDir: string;
  /** 0 picks a free port. */
  port: number;
  /** A ticket was traded for a session (the CLI prints a fresh address). */
  onTicketSpent?: () => void;
  /** Per-socket caps (tests lower them). */
  bridgeLimits?: Partial<BridgeLimits>;
}

export interface BrowserHost {
  /** The address to open: a one-use ticket in the fragment, traded for a session by the page. */
  url: string;
  origin: string;
  /** Another address to open (each ticket works once). */
  newUrl(): string;
  core: AppCore;
  close(): Promise<void>;
}

const MEDIA_PREFIX = '/media/';

function send(res: ServerResponse, status: number, body: string | Buffer, headers: Record<string, string> = {}) {
  res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/**
 * The second composition root: the same core as Electron's, served to a browser on 127.0.0.1 — the renderer
 * over HTTP, the contract over a WebSocket that signs in with its first message (host-session.ts), library
 * media under a per-session capability. Never loads `electron`, never answers with a redirect.
 */
export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const sessions = createHostSessions();
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
  const bridge = createWsBridge({
    dispatch,
    logger: options.logger,
    sessions,
    ...(options.onTicketSpent ? { onTicketSpent: options.onTicketSpent } : {}),
    ...(options.bridgeLimits ? { limits: options.bridgeLimits } : {}),
  });
  forward = bridge.events;
  const readStatic = createStaticFiles(options.rendererDir);
  let port = 0;

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      options.logger.error('host: request failed', { path: (req.url ?? '').split(/[?#]/)[0], error: String(err) });
      if (!res.headersSent) send(res, 500, 'Internal error');
      else res.destroy();
    });
  });

  async function serveMedia(req: IncomingMessage, res: ServerResponse, pathname: string) {
    // `/media/<capability>/<library path>`: the capability names a live session; without it, a plain 404.
    const rest = pathname.slice(MEDIA_PREFIX.length);
    const slash = rest.indexOf('/');
    if (slash < 0 || !sessions.isMediaKey(rest.slice(0, slash))) return send(res, 404, 'Not found');
    const media = await readMedia(core.libraryDir, rest.slice(slash + 1), req.headers.range);
    res.writeHead(media.status, { ...SECURITY_HEADERS, ...media.headers });
    if (media.body && req.method === 'GET') media.body.pipe(res);
    else {
      media.body?.destroy();
      res.end();
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (!isLoopbackHost(req, port)) return send(res, 421, 'Misdirected request');
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed');
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
    if (url.searchParams.has(TICKET_PARAM)) {
      // Old-style address: a token in the query reaches logs and history. Say so instead of serving the page.
      return send(res, 400, 'This address is out of date: open the one the host printed (its token follows "#").', { 'cache-control': 'no-store' });
    }
    // Page loads and thumbnails are a window starting or browsing: the library's background walks give way.
    if (!url.pathname.startsWith(DOWNLOAD_PREFIX)) core.noteBrowsing();
    if (url.pathname.startsWith(MEDIA_PREFIX)) return serveMedia(req, res, url.pathname);
    if (url.pathname.startsWith(DOWNLOAD_PREFIX)) return serveDownload(req, res, url.pathname, core.downloads);
    // The page and its scripts are public code without data: everything the app knows comes over the socket.
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
    // A second line only: the socket must still sign in with its first message.
    if (path !== '/ws' || !isLoopbackHost(req, port) || !allowedOrigins.includes(origin)) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n');
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
  const newUrl = () => `${origin}/#${TICKET_PARAM}=${sessions.issueTicket()}`;

  return {
    url: newUrl(),
    origin,
    newUrl,
    core,
    async close() {
      await bridge.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await core.dispose();
    },
  };
}
