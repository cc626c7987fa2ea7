import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Who may use the browser host. Browsers send cookies for 127.0.0.1 to every port, so a cookie would let any other
 * local page (a dev server, another user's process) borrow the session. Instead:
 *
 * 1. The printed address carries a one-use **ticket** in its fragment (`/#token=…`): fragments never reach a request
 *    line, a log or a Referer, and a spent ticket is worthless, so the address left in browser history opens nothing.
 * 2. The page trades the ticket, over the WebSocket's first message, for a per-launch **session secret** that it
 *    keeps in memory and sessionStorage (never a cookie, so the browser never volunteers it to another port).
 * 3. Every socket authenticates with the secret as its first message; Origin is checked too, but only as a second
 *    line (anything outside a browser can forge it).
 * 4. Media are served under a per-session, unguessable path prefix (`/media/<capability>/…`) that only the
 *    authenticated socket hands out; downloads under main-issued one-use tokens.
 *
 * Everything lives in memory: a new launch invalidates every ticket and session.
 */
export const TICKET_PARAM = 'token';
const SECRET_SHAPE = /^[A-Za-z0-9_-]{43}$/;
/** Sessions kept at once; the oldest is forgotten first (each needs a ticket, which only the owner can read). */
const MAX_SESSIONS = 64;
/** Unspent tickets kept at once (the host mints one per spent ticket, tests a few more). */
const MAX_TICKETS = 16;

export interface HostSession {
  secret: string;
  /** The media capability: `/media/<mediaKey>/…`. */
  mediaKey: string;
}

function secret(): string {
  return randomBytes(32).toString('base64url');
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Finds a key in a small map without letting the comparison time say how much of a guess was right. */
function findConstantTime<T>(map: Map<string, T>, candidate: string): T | undefined {
  let found: T | undefined;
  for (const [key, value] of map) if (sameSecret(key, candidate)) found = value;
  return found;
}

export function createHostSessions(options: { random?: () => string } = {}) {
  const makeSecret = options.random ?? secret;
  const tickets = new Map<string, true>();
  const sessions = new Map<string, HostSession>();
  const mediaKeys = new Map<string, HostSession>();

  function keepAtMost<T>(map: Map<string, T>, max: number, onDrop?: (value: T) => void) {
    while (map.size > max) {
      const oldest = map.keys().next().value as string;
      onDrop?.(map.get(oldest) as T);
      map.delete(oldest);
    }
  }

  return {
    /** A fresh one-use ticket for an address to open. */
    issueTicket(): string {
      const ticket = makeSecret();
      tickets.set(ticket, true);
      keepAtMost(tickets, MAX_TICKETS);
      return ticket;
    },
    /** Spends a ticket: a new session, or null when the ticket is unknown or already used. */
    redeem(ticket: unknown): HostSession | null {
      if (typeof ticket !== 'string' || !SECRET_SHAPE.test(ticket)) return null;
      const known = findConstantTime(tickets, ticket);
      if (!known) return null;
      tickets.delete(ticket);
      const session: HostSession = { secret: makeSecret(), mediaKey: makeSecret() };
      sessions.set(session.secret, session);
      mediaKeys.set(session.mediaKey, session);
      keepAtMost(sessions, MAX_SESSIONS, (dropped) => mediaKeys.delete(dropped.mediaKey));
      return session;
    },
    /** The session a secret names, or null. */
    resume(candidate: unknown): HostSession | null {
      if (typeof candidate !== 'string' || !SECRET_SHAPE.test(candidate)) return null;
      return findConstantTime(sessions, candidate) ?? null;
    },
    /** True when `key` is the media capability of a live session. */
    isMediaKey(key: string): boolean {
      return SECRET_SHAPE.test(key) && findConstantTime(mediaKeys, key) !== undefined;
    },
  };
}
export type HostSessions = ReturnType<typeof createHostSessions>;

/** The Host header must name loopback on our port: a DNS-rebinding page would send its own host name. */
export function isLoopbackHost(req: IncomingMessage, port: number): boolean {
  const host = req.headers.host ?? '';
  return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
}
