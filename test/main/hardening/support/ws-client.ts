import WebSocket from 'ws';
import { invokeFrames } from '../../../../src-preload/bridge-frames';

/** A Node client of the browser host's WebSocket bridge: `invoke(channel, input)` answers the envelope's value. */
export interface HostClient {
  invoke<T = unknown>(channel: string, input?: unknown): Promise<T>;
  /** The session secret the host handed out (to sign in again without a ticket). */
  session: string;
  /** `/media/<capability>/`: where this session reads library media. */
  mediaBase: string;
  socket: WebSocket;
  close(): void;
}

export type Credential = { ticket: string } | { session: string };

/** The origin and ticket of a printed address (`http://127.0.0.1:PORT/#token=…`). */
export function parseHostUrl(url: string): { origin: string; ticket: string } {
  const parsed = new URL(url);
  const ticket = /^#token=(.+)$/.exec(parsed.hash)?.[1];
  if (!ticket) throw new Error(`no ticket in ${url}`);
  return { origin: parsed.origin, ticket };
}

/**
 * Opens the bridge and signs in with its first message, as the page's bridge does. Resolves with the socket and
 * the welcome, or with the refusal: `upgrade` (HTTP status), `denied` (the host's message) or `closed`.
 */
export function signIn(
  origin: string,
  credential: Credential | null,
  headers: Record<string, string> = { origin },
): Promise<{ ok: true; ws: WebSocket; session: string; mediaBase: string } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(origin.replace(/^http/, 'ws') + '/ws', { headers, maxPayload: 256 * 1024 * 1024 });
    ws.once('unexpected-response', (_req, res) => resolve({ ok: false, reason: `upgrade ${res.statusCode}` }));
    ws.once('error', (err) => resolve({ ok: false, reason: `error ${err.message}` }));
    ws.once('close', (code) => resolve({ ok: false, reason: `closed ${code}` }));
    ws.once('open', () => {
      if (credential) ws.send(JSON.stringify({ type: 'hello', ...credential }));
    });
    ws.once('message', (data) => {
      const msg = JSON.parse(data.toString()) as { type: string; session?: string; mediaBase?: string; message?: string };
      if (msg.type === 'welcome' && msg.session && msg.mediaBase) resolve({ ok: true, ws, session: msg.session, mediaBase: msg.mediaBase });
      else resolve({ ok: false, reason: `${msg.type} ${msg.message ?? ''}` });
    });
  });
}

/** Signs in with a printed address (or a session secret) and the host's own origin, as the page would. */
export async function connectHost(urlOrOrigin: string, session?: string): Promise<HostClient> {
  const { origin, credential } = session
    ? { origin: urlOrOrigin, credential: { session } }
    : (() => {
        const p = parseHostUrl(urlOrOrigin);
        return { origin: p.origin, credential: { ticket: p.ticket } };
      })();
  const signed = await signIn(origin, credential);
  if (!signed.ok) throw new Error(`could not sign in: ${signed.reason}`);
  const { ws } = signed;
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
        // Framed as the page's bridge frames it: large calls (imports) go in chunks under the host's frame limit.
        for (const frame of invokeFrames(id, channel, input)) ws.send(frame);
      });
    },
    session: signed.session,
    mediaBase: signed.mediaBase,
    socket: ws,
    close: () => ws.terminate(),
  };
}
