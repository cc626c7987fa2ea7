/**
 * The browser host's stand-in for the preload: the same `window.api`, carried over a same-origin WebSocket.
 * Loaded by the host before the app's own script. Reconnects with backoff when the host restarts; calls made
 * while disconnected wait for the connection (up to a limit) instead of failing at once.
 *
 * Signing in (the host's side is src-main/host/host-session.ts): the printed address carries a one-use ticket
 * after `#`. It is taken out of the address bar at once (the page always ends up at `/`), and traded in the
 * socket's first message for a session secret, kept in sessionStorage — never a cookie, which the browser would
 * also send to every other port of 127.0.0.1. Other tabs of this origin get the secret over a BroadcastChannel
 * (same-origin only), so a second tab, or every tab after the host restarted and one tab opened its new address,
 * signs in without another ticket.
 */
import { API_GLOBAL, isChannelName, type Api, type AppError, type Envelope } from './contract';
import { invokeFrames } from './bridge-frames';

type Pending = { resolve: (value: Envelope<unknown>) => void; timer: ReturnType<typeof setTimeout> };
type HostMessage =
  | { type: 'welcome'; session: string; mediaBase: string }
  | { type: 'denied'; message: string }
  | { type: 'result'; id: number; envelope: Envelope<unknown> }
  | { type: 'event'; event: string; payload: unknown };
type PeerMessage = { type: 'ask' } | { type: 'offer'; session: string };

const CALL_TIMEOUT_MS = 10 * 60_000;
const SESSION_KEY = 'imagine-studio.session';
const TICKET = /^#token=([A-Za-z0-9_-]{43})$/;
const pending = new Map<number, Pending>();
const listeners = new Map<string, Set<(payload: unknown) => void>>();
/** Calls waiting for a signed-in socket, each as its frames (a large call is several: see bridge-frames.ts). */
const outbox: (string | Uint8Array<ArrayBuffer>)[][] = [];
const peers = new BroadcastChannel('imagine-studio.session');
let socket: WebSocket | null = null;
let signedIn = false;
let ticket: string | null = null;
let session: string | null = sessionStorage.getItem(SESSION_KEY);
// No capability before the welcome: a media URL made this early is a plain 404.
let mediaBase = '/media/-/';
let nextId = 1;
let retryMs = 250;
let retryTimer: ReturnType<typeof setTimeout> | undefined;

/**
 * `data-bridge` on <html>: the shell shows a "Reconnecting…" banner (or, signed out, what to open) and reloads
 * its state on the way back.
 */
function setState(state: 'connected' | 'disconnected' | 'signed-out') {
  if (document.documentElement.dataset.bridge !== state) document.documentElement.dataset.bridge = state;
}

/** Moves a ticket from the address into memory, and the page to `/`: the ticket never stays in the address bar. */
function takeTicket(): void {
  const found = TICKET.exec(location.hash)?.[1];
  if (location.hash !== '' || location.search !== '' || location.pathname !== '/') history.replaceState(null, '', '/');
  if (found) ticket = found;
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

function forgetSession() {
  session = null;
  sessionStorage.removeItem(SESSION_KEY);
}

function onWelcome(ws: WebSocket, message: { session: string; mediaBase: string }, fromTicket: boolean) {
  signedIn = true;
  retryMs = 250;
  session = message.session;
  mediaBase = message.mediaBase;
  sessionStorage.setItem(SESSION_KEY, session);
  setState('connected');
  if (fromTicket) peers.postMessage({ type: 'offer', session } satisfies PeerMessage);
  while (outbox.length > 0 && ws.readyState === WebSocket.OPEN) sendFrames(ws, outbox.shift()!);
}

/** One call's frames, back to back (the host assembles one chunked call at a time per socket). */
function sendFrames(ws: WebSocket, frames: (string | Uint8Array<ArrayBuffer>)[]) {
  for (const frame of frames) ws.send(frame);
}

function connect() {
  const credential = ticket !== null ? { ticket } : session !== null ? { session } : null;
  if (credential === null) {
    // Nothing to sign in with: ask the other tabs, and say what to open meanwhile.
    setState('signed-out');
    peers.postMessage({ type: 'ask' } satisfies PeerMessage);
    return;
  }
  ticket = null; // a ticket works once, whatever happens to this socket
  const fromTicket = 'ticket' in credential;
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  socket = ws;
  ws.addEventListener('open', () => ws.send(JSON.stringify({ type: 'hello', ...credential })));
  ws.addEventListener('message', (raw) => {
    const data = JSON.parse(String(raw.data)) as HostMessage;
    if (data.type === 'welcome') onWelcome(ws, data, fromTicket);
    else if (data.type === 'denied') forgetSession();
    else if (data.type === 'result') settle(data.id, data.envelope);
    else for (const listener of listeners.get(data.event) ?? []) listener(data.payload);
  });
  ws.addEventListener('close', () => {
    if (socket !== ws) return;
    socket = null;
    const wasSignedIn = signedIn;
    signedIn = false;
    // Work in main keeps running; only answers in flight are lost. Say so, then reconnect.
    if (wasSignedIn) failAll({ kind: 'network', message: 'Lost the connection to Imagine Studio. Reconnecting…' });
    if (session === null && ticket === null) {
      connect(); // signed out: asks the other tabs instead of retrying
      return;
    }
    setState('disconnected');
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

/** Drops the current socket (without its close handler) and signs in again with what we now hold. */
function startOver() {
  clearTimeout(retryTimer);
  const old = socket;
  socket = null;
  if (signedIn) failAll({ kind: 'network', message: 'Signed in again; repeat the last action if it did not finish.' });
  signedIn = false;
  old?.close();
  connect();
}

peers.addEventListener('message', (event: MessageEvent<PeerMessage>) => {
  const message = event.data;
  if (message.type === 'ask' && signedIn && session !== null) peers.postMessage({ type: 'offer', session } satisfies PeerMessage);
  else if (message.type === 'offer' && !signedIn && message.session !== session) {
    // Another tab signed in (perhaps to a restarted host): use its session.
    session = message.session;
    sessionStorage.setItem(SESSION_KEY, session);
    startOver();
  }
});
window.addEventListener('focus', retryNow);
window.addEventListener('online', retryNow);
// A new address opened in this tab (only the fragment changed, so the page did not reload).
window.addEventListener('hashchange', () => {
  takeTicket();
  if (ticket !== null) startOver();
});

const api: Api = {
  get mediaBase() {
    return mediaBase;
  },
  invoke(channel, input) {
    if (!isChannelName(channel)) {
      return Promise.resolve({
        ok: false,
        error: { kind: 'validation', message: `Unknown channel: ${String(channel)}`, issues: [] },
      });
    }
    const id = nextId++;
    const frames = invokeFrames(id, channel, input);
    return new Promise((resolve) => {
      const timer = setTimeout(
        () => settle(id, { ok: false, error: { kind: 'timeout', message: 'Imagine Studio did not answer.' } }),
        CALL_TIMEOUT_MS,
      );
      pending.set(id, { resolve: resolve as Pending['resolve'], timer });
      if (signedIn && socket?.readyState === WebSocket.OPEN) sendFrames(socket, frames);
      else outbox.push(frames);
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
takeTicket();
connect();
