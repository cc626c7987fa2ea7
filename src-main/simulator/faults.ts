/**
 * Applies a fault (from a prompt trigger word or the configured queue) to a response. Returns true when the fault
 * took over the response; `slow` only delays and lets the request continue.
 */
import type { ServerResponse } from 'node:http';
import type { Fault, QueuedFault, ResolvedOptions, TriggerWord } from './config';
import { GRPC, send, sendError, sendText } from './http-util';

const HTML_PAGE = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>upstream connect error</p></body></html>';

export const delay = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Trigger words that are HTTP-level faults, mapped to the fault they stand for. */
export function faultForTriggers(triggers: Set<TriggerWord>, seenPrompt: boolean, o: ResolvedOptions): Fault | undefined {
  const retryAfter = String(o.rateLimitRetryAfterSeconds);
  if (triggers.has('RATE_LIMIT')) return { type: 'rate-limit', retryAfter };
  if (triggers.has('RATE_LIMIT_ONCE') && !seenPrompt) return { type: 'rate-limit', retryAfter };
  if (triggers.has('SERVER_ERROR')) return { type: 'status', status: 500 };
  if (triggers.has('UNAVAILABLE')) return { type: 'status', status: 503 };
  if (triggers.has('HANG')) return { type: 'hang' };
  if (triggers.has('RESET')) return { type: 'reset' };
  if (triggers.has('HTML_ERROR')) return { type: 'html' };
  if (triggers.has('SLOW')) return { type: 'slow', ms: o.slowMs };
  return undefined;
}

/** Takes the first queued fault matching this request, decrementing its count. */
export function takeQueuedFault(queue: QueuedFault[], method: string, path: string): Fault | undefined {
  const i = queue.findIndex(
    (q) => (!q.method || q.method === method) && (!q.path || (typeof q.path === 'string' ? q.path === path : q.path.test(path))),
  );
  if (i < 0) return undefined;
  const q = queue[i] as QueuedFault;
  q.times = (q.times ?? 1) - 1;
  if (q.times <= 0) queue.splice(i, 1);
  return q.fault;
}

/** Applies an HTTP-level fault. `truncated`/`not-json` are applied by the success path (they need a body). */
export async function applyFault(fault: Fault, res: ServerResponse): Promise<boolean> {
  switch (fault.type) {
    case 'slow':
      await delay(fault.ms);
      return false;
    case 'rate-limit':
      sendError(res, 429, GRPC.exhausted, 'Too many requests: rate limit exceeded for this model. Please slow down.', fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      return true;
    case 'status': {
      if (fault.body !== undefined) {
        send(res, fault.status, fault.body, { 'content-type': fault.contentType ?? 'application/json', ...(fault.retryAfter ? { 'retry-after': fault.retryAfter } : {}) });
      } else if (fault.status === 503) sendError(res, 503, GRPC.unavailable, 'The service is temporarily unavailable. Please retry later.');
      else sendError(res, fault.status, GRPC.internal, 'An internal error occurred while generating.', fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
      return true;
    }
    case 'html':
      send(res, fault.status ?? 502, HTML_PAGE, { 'content-type': 'text/html' });
      return true;
    case 'hang':
      // Never answer: the socket stays open until the client aborts or the simulator closes.
      return true;
    case 'reset':
      res.socket?.destroy();
      return true;
    case 'truncated':
    case 'not-json':
      return false;
  }
}

/** Sends a 200 body the way a body fault asks (cut JSON or plain text), else as JSON. */
export function sendOk(res: ServerResponse, value: unknown, bodyFault: Fault | undefined): void {
  const json = JSON.stringify(value);
  if (bodyFault?.type === 'truncated') send(res, 200, json.slice(0, Math.max(1, Math.floor(json.length / 2))), { 'content-type': 'application/json' });
  else if (bodyFault?.type === 'not-json') sendText(res, 200, 'upstream returned something that is not JSON');
  else send(res, 200, json, { 'content-type': 'application/json' });
}
