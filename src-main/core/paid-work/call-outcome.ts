/**
 * How a paid call that threw ends, decided once for every kind of work. A 429 was refused before any work was done,
 * so it is never billed and the work is tried again (after Retry-After when xAI sends one, else a back-off); an abort
 * is the user's cancel or the app shutting down; anything else is a failure, worded with what it may have cost
 * (./billed-failure.ts: a POST is never sent twice, so a timeout after sending may have been billed).
 */
import type { AppError } from '@contract';
import { toAppError } from '../app-error';
import { billedFailure, type BilledWhat } from './billed-failure';

/** Every variant carries the error as the user reads it (for `failed`, with the billed-failure words). */
export type CallFailure = { error: AppError } & (
  /** Refused by xAI's rate limit: not billed, safe to send again. */
  | { type: 'rate-limited'; retryAfterMs?: number }
  /** The app is closing: the work stays in flight and reads as interrupted at the next start. */
  | { type: 'interrupted' }
  /** The user cancelled while xAI had the request. */
  | { type: 'cancelled' }
  /** Failed for good; the message says when xAI may have billed it. */
  | { type: 'failed' }
);

export function classifyCallFailure(err: unknown, what: BilledWhat, state: { aborted: boolean; disposing?: boolean; provider?: string }): CallFailure {
  const error = toAppError(err);
  if (state.aborted && state.disposing) return { type: 'interrupted', error };
  if (state.aborted) return { type: 'cancelled', error: { kind: 'cancelled', message: 'Cancelled.' } };
  if (error.kind === 'rate-limited') return { type: 'rate-limited', error, ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }) };
  return { type: 'failed', error: billedFailure(error, what, state.provider) };
}
