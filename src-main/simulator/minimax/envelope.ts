/** The v1 `base_resp` envelope (reference §1–§2): business errors are HTTP 200 with a non-zero status code. */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { send } from '../http-util';

export const traceId = () => randomBytes(16).toString('hex');

/** MiniMax's wording of the codes the simulator uses (reference §2). */
export const CODE_MESSAGES: Record<number, string> = {
  1000: 'unknown error',
  1002: 'rate limit exceeded(RPM)',
  1004: 'login fail',
  1008: 'insufficient balance',
  1026: 'input new_sensitive',
  1027: 'output new_sensitive',
  2013: 'invalid params',
  2049: 'invalid api key',
};

/** Sends a JSON body with `Trace-Id` and `base_resp` {0, "success"}. */
export function sendOk(res: ServerResponse, body: Record<string, unknown>, trace = traceId()): void {
  send(res, 200, JSON.stringify({ ...body, base_resp: { status_code: 0, status_msg: 'success' } }), { 'content-type': 'application/json', 'trace-id': trace });
}

/** Sends HTTP 200 with `base_resp` carrying the code (`data` null, as a refused request answers). */
export function sendCode(res: ServerResponse, code: number, detail?: string, extra: Record<string, unknown> = {}): void {
  const base = CODE_MESSAGES[code] ?? 'error';
  const msg = detail ? (code === 2013 ? `${base}, ${detail}` : detail) : base;
  send(res, 200, JSON.stringify({ ...extra, base_resp: { status_code: code, status_msg: msg } }), { 'content-type': 'application/json', 'trace-id': traceId() });
}

/** A refused request's body: an `InvalidParams` error to throw from deep inside validation. */
export class InvalidParams extends Error {}
