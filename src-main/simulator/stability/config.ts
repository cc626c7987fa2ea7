/**
 * Options of the local Stability AI simulator (tests and demo mode), following the simulator conventions of
 * /work/shared/stability-api.md §10.
 *
 * Keys: `Bearer sk-…` is valid; `sk-invalid…` → 401 (v2beta body on v2beta paths, v1 body on `/v1/…`);
 * `sk-nocredit…` → balance 0 and 402 on paid calls; a missing header, a key without `Bearer` or a non-`sk-` key → 401.
 *
 * Hooks: whole uppercase words in any text field of a request.
 *
 * | Word            | Effect                                                            |
 * |-----------------|-------------------------------------------------------------------|
 * | `BLOCKED`       | 200 with finish reason `CONTENT_FILTERED` and a blurred image      |
 * | `FLAGGED`       | 403 `content_moderation` (not charged)                             |
 * | `PUBLIC_FIGURE` | 422 `public_figure`                                                |
 * | `FAIL500`       | 500 `internal_error`                                               |
 */

/** Options of `startStabilitySimulator`; every field has a default suited to fast tests. */
export interface StabilitySimulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Credits every new account (key) starts with (default 10,000). `sk-nocredit…` keys always start at 0. */
  startingCredits?: number;
  /** Polls of an async result answered 202 before it is done (default 2). */
  pendingPolls?: number;
  /** Requests per key within `windowMs` before 429 (default 150 per 10 s), and how long the time-out lasts (60 s). */
  rateLimit?: { requests?: number; windowMs?: number; timeoutMs?: number };
  /** How long a finished async result is kept (default 24 h, reference §4). */
  resultTtlMs?: number;
  /** Added before every answer (demo realism). */
  latencyMs?: number;
  /** Clock for rate windows and result expiry; tests pass a fake one. */
  now?: () => number;
}

export type ResolvedStabilityOptions = Required<Omit<StabilitySimulatorOptions, 'rateLimit'>> & {
  rateLimit: { requests: number; windowMs: number; timeoutMs: number };
};

export function resolveStabilityOptions(o: StabilitySimulatorOptions): ResolvedStabilityOptions {
  return {
    port: o.port ?? 0,
    startingCredits: o.startingCredits ?? 10_000,
    pendingPolls: o.pendingPolls ?? 2,
    rateLimit: { requests: o.rateLimit?.requests ?? 150, windowMs: o.rateLimit?.windowMs ?? 10_000, timeoutMs: o.rateLimit?.timeoutMs ?? 60_000 },
    resultTtlMs: o.resultTtlMs ?? 86_400_000,
    latencyMs: o.latencyMs ?? 0,
    now: o.now ?? Date.now,
  };
}

export const STABILITY_HOOKS = ['BLOCKED', 'FLAGGED', 'PUBLIC_FIGURE', 'FAIL500'] as const;
export type StabilityHook = (typeof STABILITY_HOOKS)[number];

/** Hooks present as whole words in any of the text values. */
export function hooksIn(texts: readonly string[]): Set<StabilityHook> {
  const found = new Set<StabilityHook>();
  for (const h of STABILITY_HOOKS) if (texts.some((t) => new RegExp(`(^|[^A-Za-z0-9_])${h}([^A-Za-z0-9_]|$)`).test(t))) found.add(h);
  return found;
}

/** Key classes of §10. */
export type KeyClass = 'valid' | 'invalid' | 'no-credit' | 'missing';

export function classifyKey(authorization: string | undefined): { cls: KeyClass; key: string | null } {
  const m = /^Bearer\s+(\S+)\s*$/.exec(authorization ?? '');
  const key = m?.[1] ?? null;
  if (!key || !key.startsWith('sk-')) return { cls: 'missing', key };
  if (key.startsWith('sk-invalid')) return { cls: 'invalid', key };
  if (key.startsWith('sk-nocredit')) return { cls: 'no-credit', key };
  return { cls: 'valid', key };
}
