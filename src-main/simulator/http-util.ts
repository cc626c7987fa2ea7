/** Small response helpers: every answer carries `x-request-id` (doc §13.25), errors use the documented body shapes. */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** gRPC status descriptions xAI uses as `code` (doc §9.2). */
export const GRPC = {
  invalid: 'Client specified an invalid argument',
  unauthenticated: 'The request does not have valid authentication credentials',
  permission: 'The caller does not have permission to execute the specified operation',
  notFound: 'Some requested entity was not found',
  exhausted: 'Some resource has been exhausted',
  internal: 'Internal error',
  unavailable: 'The service is currently unavailable',
} as const;

export function newRequestId(): string {
  return randomUUID();
}

export function send(res: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string | number> = {}): void {
  if (res.headersSent || res.destroyed) return;
  if (!res.getHeader('x-request-id')) res.setHeader('x-request-id', newRequestId());
  res.writeHead(status, headers);
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string | number> = {}): void {
  send(res, status, JSON.stringify(value), { 'content-type': 'application/json', ...headers });
}

export function sendText(res: ServerResponse, status: number, text: string): void {
  send(res, status, text, { 'content-type': 'text/plain; charset=utf-8' });
}

/** `{code, error}`: the most common xAI error shape. */
export function sendError(res: ServerResponse, status: number, code: string, error: string, headers: Record<string, string | number> = {}): void {
  sendJson(res, status, { code, error }, headers);
}

export function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Masks a key the way xAI does in its error text: first two and last two characters (doc §13.22). */
export function maskKey(key: string): string {
  return key.length <= 4 ? '***' : `${key.slice(0, 2)}***${key.slice(-2)}`;
}
