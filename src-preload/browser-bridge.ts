/**
 * The browser host's stand-in for the preload: the same `window.api`, carried over a same-origin WebSocket.
 * Loaded by the host before the app's own script. Reconnects with backoff when the host restarts; calls made
 * while disconnected wait for the connection (up to a limit) instead of failing at once.
 */
import { API_GLOBAL, isChannelName, type Api, type AppError, type Envelope } from './contract';

type Pending = { resolve: (value: Envelope<unknown>) => void; timer: ReturnType<typeof setTimeout> };

const CALL_TIMEOUT_MS = 10 * 60_000;
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
const outbox: string[] = [];
let socket: WebSocket | null = null;
let nextId = 1;
let retryMs = 250;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/** `data-bridge` on <html>: the shell shows a "Reconnecting…" banner and reloads its state on the way back. */
function setState(state: 'connected' | 'disconnected') {
  if (document.documentElement.dataset.bridge !== state) document.documentElement.dataset.bridge = state;
}

function settle(id: number, envelope: Envelope<unknown>) {
  const entry = pending.get(id);
  if (!entry) return;
  clearTimeout(entry.timer);
  pending.delete(id);
  entry.resolve(envelope);
}

function failAll(error: AppError) {
  for (const id of [...pending.keys()]) settle(id, { ok: false, error });
}

function connect() {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  socket = ws;
  ws.addEventListener('open', () => {
    retryMs = 250;
    setState('connected');
    while (outbox.length > 0) ws.send(outbox.shift() as string);
  });
  ws.addEventListener('message', (message) => {
    const data = JSON.parse(String(message.data)) as
      | { type: 'result'; id: number; envelope: Envelope<unknown> }
      | { type: 'event'; event: string; payload: unknown };
    if (data.type === 'result') settle(data.id, data.envelope);
    else for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  });
  ws.addEventListener('close', () => {
    if (socket !== ws) return;
    socket = null;
    setState('disconnected');
    // Work in main keeps running; only answers in flight are lost. Say so, then reconnect.
    failAll({ kind: 'network', message: 'Lost the connection to Imagine Studio. Reconnecting…' });
    retryTimer = setTimeout(connect, retryMs);
    retryMs = Math.min(retryMs * 2, 5_000);
  });
}

/** Coming back to the window (or the network) tries at once instead of waiting out the backoff. */
function retryNow() {
  if (socket !== null) return;
  clearTimeout(retryTimer);
  connect();
}
window.addEventListener('focus', retryNow);
window.addEventListener('online', retryNow);

const api: Api = {
  mediaBase: '/media/',
  invoke(channel, input) {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'validation', message: `Unknown channel: ${String(channel)}`, issues: [] },
      });
    }
    const id = nextId++;
    const text = JSON.stringify({ type: 'invoke', id, channel, input });
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(id, { ok: false, error: { kind: 'timeout', message: 'Imagine Studio did not answer.' } }),
        CALL_TIMEOUT_MS,
      );
      pending.set(id, { resolve: resolve as Pending['resolve'], timer });
      if (socket?.readyState === WebSocket.OPEN) socket.send(text);
      else outbox.push(text);
    });
  },
  on(event, listener) {
    const set = listeners.get(event) ?? new Set();
    set.add(listener as (payload: unknown) => void);
    listeners.set(event, set);
    return () => set.delete(listener as (payload: unknown) => void);
  },
};

Object.defineProperty(window, API_GLOBAL, { value: Object.freeze(api), writable: false, configurable: false });
connect();
