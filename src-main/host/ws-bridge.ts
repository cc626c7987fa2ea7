import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { EventName, EventPayload } from '@contract';
import type { EventSink, Logger } from '../core/ports';
import type { Dispatch } from '../ipc/dispatcher';
import type { HostSession, HostSessions } from './host-session';
import { CHUNK_BYTES } from '../../src-preload/bridge-frames';

/**
 * How much one socket may hold the host to. A socket over either cap stops being read (TCP backpressure: the
 * browser buffers, not the host) until answers bring it back under.
 */
export interface BridgeLimits {
  /** Largest frame. Calls above it (imports, edit sources) arrive chunked: see src-preload/bridge-frames.ts. */
  maxFrameBytes: number;
  /** Largest call once its chunks are put together (a 48 MiB file as base64, with room for its JSON). */
  maxCallBytes: number;
  /** Calls running or waiting at once. */
  maxCallsInFlight: number;
  /** Bytes of those calls' frames. */
  maxBytesInFlight: number;
  /** A socket must authenticate within this long. */
  helloTimeoutMs: number;
}

export const DEFAULT_BRIDGE_LIMITS: BridgeLimits = {
  maxFrameBytes: CHUNK_BYTES + 64 * 1024,
  maxCallBytes: 66 * 1024 * 1024,
  maxCallsInFlight: 8,
  maxBytesInFlight: 8 * 1024 * 1024,
  helloTimeoutMs: 10_000,
};

/** Close code for "not signed in": the bridge stops retrying with that secret. */
export const CLOSE_UNAUTHORIZED = 4401;

/** `data` is dropped once parsed: a 20 MiB import's frames (27 MiB of base64) need not live as long as its run. */
type Call = { data: RawData | Buffer | null; bytes: number };
/** Close code for a chunked call that breaks the framing rules (or is larger than `maxCallBytes`). */
export const CLOSE_BAD_FRAMING = 1009;

function toBuffer(data: RawData): Buffer {
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.isBuffer(data) ? data : Buffer.from(data);
}

function parse(data: RawData | Buffer): Record<string, unknown> | null {
  try {
    const message: unknown = JSON.parse(data.toString());
    return typeof message === 'object' && message !== null && !Array.isArray(message) ? (message as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function byteLength(data: RawData): number {
  if (Array.isArray(data)) return data.reduce((n, b) => n + b.byteLength, 0);
  return data.byteLength;
}

/**
 * The contract over a WebSocket. The first frame must be `{type:'hello', ticket}` (a one-use ticket from the
 * printed address) or `{type:'hello', session}` (a secret from an earlier welcome); the answer is
 * `{type:'welcome', session, mediaBase}` or `{type:'denied', message}` and a close. After that:
 * `{type:'invoke', id, channel, input}` in, `{type:'result', id, envelope}` out, and `{type:'event', event,
 * payload}` pushed to every signed-in socket. Same dispatcher as Electron's ipcMain path.
 */
export function createWsBridge(options: {
  dispatch: Dispatch;
  logger: Logger;
  sessions: HostSessions;
  /** A ticket was traded: the shell offers the user a fresh address. */
  onTicketSpent?: () => void;
  limits?: Partial<BridgeLimits>;
}) {
  const limits = { ...DEFAULT_BRIDGE_LIMITS, ...options.limits };
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.maxFrameBytes });
  const clients = new Set<WebSocket>();

  function signIn(socket: WebSocket, data: RawData): HostSession | null {
    const hello = parse(data);
    let session: HostSession | null = null;
    if (hello?.type === 'hello' && 'ticket' in hello) {
      session = options.sessions.redeem(hello.ticket);
      if (session) options.onTicketSpent?.();
    } else if (hello?.type === 'hello' && 'session' in hello) {
      session = options.sessions.resume(hello.session);
    }
    if (!session) {
      socket.send(JSON.stringify({ type: 'denied', message: 'This window is not signed in: open the address the host printed.' }));
      socket.close(CLOSE_UNAUTHORIZED, 'not signed in');
      return null;
    }
    socket.send(JSON.stringify({ type: 'welcome', session: session.secret, mediaBase: `/media/${session.mediaKey}/` }));
    return session;
  }

  wss.on('connection', (socket: WebSocket, req: IncomingMessage) => {
    const origin = req.headers.origin ?? '';
    let signedIn = false;
    const helloTimer = setTimeout(() => socket.close(CLOSE_UNAUTHORIZED, 'no hello'), limits.helloTimeoutMs);
    const queue: Call[] = [];
    let running = 0;
    let bytesInFlight = 0;

    const overLimit = () => running + queue.length >= limits.maxCallsInFlight || bytesInFlight >= limits.maxBytesInFlight;

    async function run(call: Call) {
      running += 1;
      try {
        const message = call.data === null ? null : parse(call.data);
        call.data = null;
        const id = message?.id;
        if (typeof id !== 'number' && typeof id !== 'string') return; // no id: nobody to answer
        const envelope = await options.dispatch(message?.channel, message?.input, { origin, isMainFrame: true });
        if (socket.readyState === socket.OPEN) socket.send(JSON.stringify({ type: 'result', id, envelope }));
      } finally {
        running -= 1;
        bytesInFlight -= call.bytes;
        pump();
      }
    }

    function pump() {
      while (queue.length > 0 && running < limits.maxCallsInFlight) void run(queue.shift() as Call);
      if (socket.isPaused && !overLimit()) socket.resume();
    }

    socket.on('close', () => {
      clearTimeout(helloTimer);
      clients.delete(socket);
      queue.length = 0;
      assembling = null;
    });
    socket.on('error', () => clients.delete(socket));
    /** The chunked call being put together: one at a time per socket, its pieces back to back. */
    let assembling: { parts: Buffer[]; got: number; bytes: number } | null = null;

    function enqueue(data: RawData | Buffer, bytes: number) {
      bytesInFlight += bytes;
      queue.push({ data, bytes });
      pump();
    }

    socket.on('message', (data, isBinary) => {
      if (!signedIn) {
        clearTimeout(helloTimer);
        signedIn = signIn(socket, data) !== null;
        if (signedIn) clients.add(socket);
        return;
      }
      if (assembling) {
        const piece = toBuffer(data);
        if (!isBinary || assembling.got + piece.byteLength > assembling.bytes) return socket.close(CLOSE_BAD_FRAMING, 'bad chunk');
        assembling.parts.push(piece);
        assembling.got += piece.byteLength;
        if (assembling.got === assembling.bytes) {
          const whole = Buffer.concat(assembling.parts);
          assembling = null;
          enqueue(whole, whole.byteLength);
        }
      } else {
        const header = !isBinary && byteLength(data) < 200 ? parse(data) : null;
        if (header?.type === 'chunked') {
          const bytes = header.bytes;
          if (typeof bytes !== 'number' || !Number.isInteger(bytes) || bytes < 1 || bytes > limits.maxCallBytes) {
            return socket.close(CLOSE_BAD_FRAMING, 'call too large');
          }
          assembling = { parts: [], got: 0, bytes };
          return;
        }
        enqueue(data, byteLength(data));
      }
      // Stop reading until answers bring this socket back under its caps.
      if (overLimit() && !socket.isPaused) socket.pause();
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
        for (const socket of wss.clients) socket.terminate();
        wss.close(() => resolve());
      }),
  };
}
