import WebSocket from 'ws';

/** A Node client of the browser host's WebSocket bridge: `invoke(channel, input)` answers the envelope's value. */
export interface HostClient {
  invoke<T = unknown>(channel: string, input?: unknown): Promise<T>;
  close(): void;
}

/** Connects with the token cookie and the host's own origin, as the renderer in a browser would. */
export async function connectHost(origin: string, token: string): Promise<HostClient> {
  const ws = await new Promise<WebSocket>((resolve, reject) => {
    const socket = new WebSocket(origin.replace(/^http/, 'ws') + '/ws', { headers: { origin, cookie: `imagine_token=${token}` } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
    socket.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode}`)));
  });
  let next = 1;
  const waiting = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  ws.on('message', (data) => {
    const msg = JSON.parse(data.toString()) as { type: string; id?: number; envelope?: { ok: boolean; value?: unknown; error?: { kind: string; message: string } } };
    if (msg.type !== 'result' || msg.id === undefined) return;
    const w = waiting.get(msg.id);
    waiting.delete(msg.id);
    if (!w || !msg.envelope) return;
    if (msg.envelope.ok) w.resolve(msg.envelope.value);
    else w.reject(Object.assign(new Error(`${msg.envelope.error?.kind}: ${msg.envelope.error?.message}`), { appError: msg.envelope.error }));
  });
  const failAll = () => {
    for (const w of waiting.values()) w.reject(new Error('connection closed'));
    waiting.clear();
  };
  ws.on('close', failAll);
  ws.on('error', failAll);
  return {
    invoke<T>(channel: string, input: unknown = {}) {
      const id = next++;
      return new Promise<T>((resolve, reject) => {
        waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
        ws.send(JSON.stringify({ type: 'invoke', id, channel, input }));
      });
    },
    close: () => ws.terminate(),
  };
}
