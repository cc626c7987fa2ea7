import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'imagine_token';

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...rest] = part.trim().split('=');
    if (k === name) return rest.join('=');
  }
  return undefined;
}

/**
 * The browser host's guard. Any local program can reach 127.0.0.1, so every request must carry the per-launch
 * token (cookie set from the printed URL, or a header for scripts), and the Host header must name loopback
 * (a DNS-rebinding page would send its own host name).
 */
export function createHostAuth(token: string) {
  return {
    tokenFromRequest(req: IncomingMessage): string | undefined {
      const header = req.headers['x-imagine-token'];
      if (typeof header === 'string') return header;
      return cookieValue(req, TOKEN_COOKIE);
    },
    isAuthorized(req: IncomingMessage): boolean {
      const given = this.tokenFromRequest(req);
      return given !== undefined && safeEqual(given, token);
    },
    matchesToken(candidate: string | null): boolean {
      return candidate !== null && safeEqual(candidate, token);
    },
    isLoopbackHost(req: IncomingMessage, port: number): boolean {
      const host = req.headers.host ?? '';
      return host === `127.0.0.1:${port}` || host === `localhost:${port}` || host === `[::1]:${port}`;
    },
    sessionCookie(): string {
      return `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    },
  };
}
export type HostAuth = ReturnType<typeof createHostAuth>;
