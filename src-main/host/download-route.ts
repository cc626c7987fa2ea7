import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Downloads } from '../services/export/downloads';
import { SECURITY_HEADERS } from './security-headers';

export const DOWNLOAD_PREFIX = '/download/';

/** `filename=` for old parsers (ASCII only) and `filename*=` (RFC 6266/5987) for the real name. */
function disposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/**
 * `GET /download/<token>`: an export made for this browser, served once as an attachment and then deleted. The
 * token is the capability: random, issued by main only over a signed-in socket, spent on first use; a used,
 * expired or made-up one is a plain 404. HEAD is refused so a probe cannot use up a download.
 */
export async function serveDownload(req: IncomingMessage, res: ServerResponse, pathname: string, downloads: Downloads): Promise<void> {
  const token = pathname.slice(DOWNLOAD_PREFIX.length);
  const found = req.method === 'GET' && /^[A-Za-z0-9_-]{32,64}$/.test(token) ? downloads.claim(token) : null;
  const size = found ? await stat(found.path).then((s) => s.size, () => null) : null;
  if (!found || size === null) {
    res.writeHead(404, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' });
    res.end('This download is gone: they can be fetched once, within an hour. Export again.');
    return;
  }
  res.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-type': found.mime,
    'content-length': String(size),
    'content-disposition': disposition(found.name),
    'cache-control': 'no-store',
  });
  const body = createReadStream(found.path);
  const cleanup = () => void downloads.done(found).catch(() => undefined);
  // Removed whether the browser took it all or went away half-way: the token is spent either way.
  res.once('close', () => {
    body.destroy();
    cleanup();
  });
  body.once('error', () => res.destroy());
  body.pipe(res);
}
