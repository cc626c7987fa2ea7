/**
 * The request checks every POST passes in the server's order (doc §16): 415 content type or empty body, 400 plain
 * text for JSON syntax, 422 plain text for deserialization, then auth (401 missing header, 400 incorrect key,
 * 403 no credits). Each returns true when it answered the request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResolvedOptions } from './config';
import { deserializationError } from './deserialize';
import { GRPC, maskKey, sendError, sendText } from './http-util';

/** Parses the body of a POST; answers 415/400/422 itself and returns undefined when it did. */
export function parseJsonBody(req: IncomingMessage, res: ServerResponse, path: string, raw: string): Record<string, unknown> | undefined {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type) || raw.length === 0) {
    sendText(res, 415, 'Expected request with `Content-Type: application/json`');
    return undefined;
  }
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch (err) {
    sendText(res, 400, `Failed to parse the request body as JSON: ${(err as Error).message}`);
    return undefined;
  }
  const problem = deserializationError(path, body, raw);
  if (problem) {
    sendText(res, 422, problem);
    return undefined;
  }
  return body as Record<string, unknown>;
}

/** Checks the bearer key; answers and returns false when it is missing, wrong or out of credits. */
export function checkAuth(req: IncomingMessage, res: ServerResponse, o: ResolvedOptions): boolean {
  const header = req.headers.authorization;
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (!m) {
    sendError(res, 401, GRPC.unauthenticated, header ? 'Invalid Authorization header format. Expected: Bearer <token>' : 'Missing Authorization header. Expected: Bearer <token>');
    return false;
  }
  const key = m[1] ?? '';
  if (key === o.invalidKey || (o.validKeys && !o.validKeys.includes(key) && key !== o.noCreditsKey)) {
    sendError(res, 400, GRPC.invalid, `Incorrect API key provided: ${maskKey(key)}. You can obtain an API key from https://console.x.ai.`);
    return false;
  }
  if (key === o.noCreditsKey) {
    sendError(res, 403, GRPC.permission, "Your newly created team doesn't have any credits or licenses yet. You can purchase those on https://console.x.ai/team/sim-team.");
    return false;
  }
  return true;
}
