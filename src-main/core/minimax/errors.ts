/**
 * MiniMax's `base_resp` codes (minimax-api.md §2) mapped to the AppError union. Every message carries MiniMax's
 * own `status_msg` and the Trace-Id (behaviour 33). Which codes may be retried is decided here too.
 */
import type { AppError } from '@contract';

const AUTH = new Set([1004, 2049]);
const BILLING = new Set([1008, 1028, 1030, 2056, 2061]);
const RATE = new Set([1002, 1039, 1041, 2045]);
const POLICY = new Set([1026, 1027]);
/** Transient server-side codes: retried with back-off, as 1002 is (behaviour 31). */
export const RETRYABLE_CODES = new Set([1000, 1001, 1002, 1013, 1024, 1033, 1039, 1041, 2045]);

export function mapBaseResp(code: number, statusMsg: string, traceId: string | undefined): AppError {
  const trace = traceId ? ` (Trace-Id ${traceId})` : '';
  const said = `${statusMsg || 'no message'} [${code}]${trace}`;
  const rid = traceId ? { requestId: traceId } : {};
  if (AUTH.has(code)) return { kind: 'unauthorized', message: `MiniMax did not accept the API key (check that it belongs to the region you chose): ${said}`, ...rid };
  if (BILLING.has(code)) return { kind: 'forbidden', message: `MiniMax: not enough balance or quota for this request: ${said}`, ...rid };
  if (RATE.has(code)) return { kind: 'rate-limited', message: `MiniMax rate limit reached: ${said}`, ...rid };
  if (POLICY.has(code)) return { kind: 'moderated', message: `MiniMax's content policy refused this ${code === 1027 ? 'result' : 'request'}: ${said}`, ...rid };
  if (code === 2013 || code === 1042) return { kind: 'api', status: 200, code: String(code), message: `MiniMax refused the parameters: ${said}`, ...rid };
  return { kind: 'api', status: 200, code: String(code), message: `MiniMax reported an error: ${said}`, ...rid };
}

/** An HTTP-level failure from MiniMax's gateway (401/403/429/5xx or a non-JSON body). */
export function mapMinimaxHttp(status: number, bodyText: string, traceId: string | undefined): AppError {
  const rid = traceId ? { requestId: traceId } : {};
  const text = bodyText.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 200);
  if (status === 401) return { kind: 'unauthorized', message: `MiniMax did not accept the API key: ${text}`, ...rid };
  if (status === 429) return { kind: 'rate-limited', message: `MiniMax rate limit reached: ${text}`, ...rid };
  return { kind: 'api', status, message: `MiniMax answered HTTP ${status}: ${text || 'no details'}`, ...rid };
}
