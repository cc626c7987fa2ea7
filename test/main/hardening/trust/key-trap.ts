/**
 * A loopback server that records every request it receives (method, path, Authorization header): where a stolen
 * key would land. Also answers like a redirecting proxy when asked to, pointing at another address.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Trap {
  origin: string;
  hits: { method: string; url: string; authorization: string | undefined }[];
  close(): Promise<void>;
}

/** `redirectTo`: answer every request with 307 to that URL + the request's path (a proxy that bounces the key). */
export async function startTrap(redirectTo?: () => string): Promise<Trap> {
  const hits: Trap['hits'] = [];
  const server: Server = createServer((req, res) => {
    hits.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    req.resume();
    if (redirectTo) {
      res.writeHead(307, { location: redirectTo() + (req.url ?? '/') });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"data":[],"models":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
