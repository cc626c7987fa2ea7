import type { Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/**
 * Starts a simulator's server on 127.0.0.1 (port 0 = any) and keeps its open sockets, so `close()` can end
 * keep-alive connections at once instead of waiting for clients. Shared by the xAI, Stability and MiniMax simulators.
 */
export async function listenOnLoopback(server: Server, port: number): Promise<{ url: string; destroySockets(): void }> {
  const sockets = new Set<Socket>();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    destroySockets: () => {
      for (const s of sockets) s.destroy();
    },
  };
}
