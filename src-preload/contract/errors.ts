import { z } from 'zod';

/**
 * Every failure that crosses the IPC boundary, as data. Electron forwards only the message of a thrown error
 * (electron/electron#24427), so typed errors travel inside the envelope instead.
 */
export const AppErrorSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('validation'),
    message: z.string(),
    /** zod issues: where in the input, and what was wrong. */
    issues: z.array(z.object({ path: z.string(), message: z.string() })).default([]),
  }),
  z.object({ kind: z.literal('missing-key'), message: z.string() }),
  z.object({ kind: z.literal('unauthorized'), message: z.string(), requestId: z.string().optional() }),
  z.object({ kind: z.literal('forbidden'), message: z.string(), requestId: z.string().optional() }),
  z.object({
    kind: z.literal('rate-limited'),
    message: z.string(),
    /** Milliseconds the server asked us to wait, when it said. */
    retryAfterMs: z.number().int().nonnegative().optional(),
    requestId: z.string().optional(),
  }),
  z.object({ kind: z.literal('network'), message: z.string() }),
  z.object({ kind: z.literal('timeout'), message: z.string() }),
  z.object({
    kind: z.literal('api'),
    message: z.string(),
    status: z.number().int(),
    code: z.string().optional(),
    requestId: z.string().optional(),
  }),
  z.object({ kind: z.literal('moderated'), message: z.string(), requestId: z.string().optional() }),
  z.object({ kind: z.literal('cancelled'), message: z.string() }),
  z.object({ kind: z.literal('not-found'), message: z.string() }),
  z.object({ kind: z.literal('keychain-unavailable'), message: z.string() }),
  z.object({ kind: z.literal('storage'), message: z.string() }),
  z.object({ kind: z.literal('forbidden-sender'), message: z.string() }),
  z.object({ kind: z.literal('internal'), message: z.string() }),
]);

/** A failure as the renderer sees it: a `kind` to branch on and a message a person can read. */
export type AppError = z.infer<typeof AppErrorSchema>;
export type AppErrorKind = AppError['kind'];

/** The result of every invoke: never a thrown error across the boundary. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Builds the envelope schema for one channel's output (used by the bridge and the contract tests). */
export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.union([
    z.object({ ok: z.literal(true), value }),
    z.object({ ok: z.literal(false), error: AppErrorSchema }),
  ]);
}
