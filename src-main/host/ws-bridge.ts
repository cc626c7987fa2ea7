import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '@contract';
import type { EventSink, Logger } from '../core/ports';
import type { Dispatch } from '../ipc/dispatcher';

/** Largest message a renderer may send: edit sources travel as data URLs (3 × 10 MiB, base64). */
const MAX_MESSAGE_BYTES = 48 * 1024 * 1024;

/**
 * The contract over a WebSocket: `{type:'invoke', id, channel, input}` in, `{type:'result', id, envelope}` out,
 * and `{type:'event', event, payload}` pushed to every client. Same dispatcher as Electron's ipcMain path.
 */
export function createWsBridge(options: { dispatch: Dispatch; logger: Logger }) {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  const clients = new Set<WebSocket>();

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    clients.add(socket);
    socket.on('close', () => clients.delete(socket));
    socket.on('error', () => clients.delete(socket));
    const origin = req.headers.origin ?? '';
    socket.on('message', async (data) => {
      let message: unknown;
      try {
        message = JSON.parse(data.toString());
      } catch {
        return; // Not ours to answer: a message without an id cannot be matched to a caller.
      }
      if (typeof message !== 'object' || message === null) return;
      const { id, channel, input } = message as { id?: unknown; channel?: unknown; input?: unknown };
      if (typeof id !== 'number' && typeof id !== 'string') return;
      const envelope = await options.dispatch(channel, input, { origin, isMainFrame: true });
      if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'result', id, envelope }));
    });
  });

  const events: EventSink = {
    emit<E extends EventName>(event: E, payload: EventPayload<E>) {
      const text = JSON.stringify({ type: 'event', event, payload });
      for (const socket of clients) if (socket.readyState === socket.OPEN) socket.send(text);
    },
  };

  return {
    wss,
    events,
    clientCount: () => clients.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
