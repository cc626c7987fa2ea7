/**
 * Configuration of the local xAI Imagine simulator (tests and the app's demo mode).
 *
 * Trigger words: put one of these UPPERCASE tokens anywhere in a prompt (whole word) to get the fault on that request.
 *
 * | Word              | Effect                                                                                  |
 * |-------------------|-----------------------------------------------------------------------------------------|
 * | `BLOCKED`         | images: the first item comes back `respect_moderation:false`, no url/b64; video: done but moderated |
 * | `BLOCKED_ALL`     | images: 200 with `data: []` (whole request moderated); video: as BLOCKED                |
 * | `RATE_LIMIT`      | 429 with `Retry-After` (`rateLimitRetryAfterSeconds`) every time                        |
 * | `RATE_LIMIT_ONCE` | 429 the first time this exact prompt is seen, success on the next try                   |
 * | `SERVER_ERROR`    | 500 `{code:"Internal error", error}`                                                    |
 * | `UNAVAILABLE`     | 503 `{code:"The service is currently unavailable", error}`                             |
 * | `SLOW`            | answers after `slowMs`                                                                  |
 * | `HANG`            | never answers (until the client gives up or the simulator closes)                       |
 * | `RESET`           | destroys the connection without an answer                                               |
 * | `TRUNCATED`       | 200 whose JSON body is cut in half                                                      |
 * | `NOT_JSON`        | 200 with a plain-text body                                                              |
 * | `HTML_ERROR`      | 502 with an HTML error page (as from a proxy)                                           |
 * | `VIDEO_FAIL`      | the video poll ends `status:"failed"` with `error.code:"internal_error"`                |
 * | `VIDEO_EXPIRE`    | the video poll ends `status:"expired"` (or 404 with `expiredAs:"404"`)                  |
 * | `DOWNLOAD_RESET`  | the first download of each result file breaks half way (tests Range resume)             |
 *
 * Special API keys: `xai-sim-invalid` → 400 "Incorrect API key provided"; `xai-sim-no-credits` → 403 no credits;
 * with `validKeys` set, any other key not in the list is also "incorrect".
 */

import { BUILT_IN_TABLE, type CapabilityTable } from '@contract';

/** A fault injected by configuration instead of a prompt word. */
export type Fault =
  | { type: 'status'; status: number; body?: string; contentType?: string; retryAfter?: string }
  | { type: 'rate-limit'; retryAfter?: string }
  | { type: 'hang' }
  | { type: 'reset' }
  | { type: 'truncated' }
  | { type: 'not-json' }
  | { type: 'html'; status?: number }
  | { type: 'slow'; ms: number };

/** A queued fault: applies to the next `times` requests whose method and path match. */
export interface QueuedFault {
  fault: Fault;
  method?: string;
  /** Exact path or a pattern, e.g. `/v1/images/generations` or /^\/v1\/videos\//. */
  path?: string | RegExp;
  times?: number;
}

/** Options of `startSimulator`; every field has a default suited to fast tests. */
export interface SimulatorOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Accepted keys. Undefined: any key except the special ones is accepted (demo mode). */
  validKeys?: string[];
  invalidKey?: string;
  noCreditsKey?: string;
  /** Added before every API answer (not file downloads). */
  latencyMs?: number;
  /** Delay of the `SLOW` trigger. */
  slowMs?: number;
  rateLimitRetryAfterSeconds?: number;
  /** Lifetime of `/files/img/*` URLs (default 1 h) and `/files/vid/*` URLs (default 24 h, doc §7.4). */
  imageUrlTtlMs?: number;
  videoUrlTtlMs?: number;
  video?: {
    /** Polls answered 202 with an empty body before progress appears (default 1, doc §13.51). */
    emptyPolls?: number;
    /** Polls answered 202 `{status:"pending",progress}` after that (default 2). */
    pendingPolls?: number;
    /** Also wait this long after the start before "done" (demo mode realism; default 0). */
    minMs?: number;
    /** Frames per second of rendered clips (default 4, small and fast). */
    fps?: number;
    /** How an expired job answers: `{status:"expired"}` (default) or 404. */
    expiredAs?: 'status' | '404';
  };
  /** Polls a deferred image answers 202 before it is done (default 1). */
  deferredImagePolls?: number;
  /** Clock for URL expiry and `minMs`; tests pass a fake to expire URLs without waiting. */
  now?: () => number;
  /**
   * Serve repeated renders (same prompt, caption, size, mime) from the process-wide render cache (default true).
   * Pixels are identical either way; false makes every request pay for its render, as the uncached bench does.
   */
  renderCache?: boolean;
  /** The capability table it enforces and bills by (default: the built-in one, src-preload/contract/capability-table.ts). */
  capabilities?: CapabilityTable;
  /**
   * Per-model rate limit in requests per second (`--rps`): a model's POSTs beyond it within one second answer 429
   * (no Retry-After, as documented: updates §4). A number applies to every model; a function picks per model id
   * (e.g. the table's published tier-0 figure). Default: unlimited.
   */
  rps?: number | ((model: string) => number | undefined);
}

export type ResolvedOptions = Required<Omit<SimulatorOptions, 'validKeys' | 'video' | 'rps'>> & {
  validKeys: string[] | undefined;
  rps: ((model: string) => number | undefined) | undefined;
  video: Required<NonNullable<SimulatorOptions['video']>>;
};

export function resolveOptions(o: SimulatorOptions): ResolvedOptions {
  return {
    port: o.port ?? 0,
    validKeys: o.validKeys,
    invalidKey: o.invalidKey ?? 'xai-sim-invalid',
    noCreditsKey: o.noCreditsKey ?? 'xai-sim-no-credits',
    latencyMs: o.latencyMs ?? 0,
    slowMs: o.slowMs ?? 1500,
    rateLimitRetryAfterSeconds: o.rateLimitRetryAfterSeconds ?? 1,
    imageUrlTtlMs: o.imageUrlTtlMs ?? 3_600_000,
    videoUrlTtlMs: o.videoUrlTtlMs ?? 86_400_000,
    video: {
      emptyPolls: o.video?.emptyPolls ?? 1,
      pendingPolls: o.video?.pendingPolls ?? 2,
      minMs: o.video?.minMs ?? 0,
      fps: o.video?.fps ?? 4,
      expiredAs: o.video?.expiredAs ?? 'status',
    },
    deferredImagePolls: o.deferredImagePolls ?? 1,
    now: o.now ?? Date.now,
    renderCache: o.renderCache ?? true,
    capabilities: o.capabilities ?? BUILT_IN_TABLE,
    rps: typeof o.rps === 'number' ? () => o.rps as number : o.rps,
  };
}

export const TRIGGER_WORDS = [
  'BLOCKED', 'BLOCKED_ALL', 'RATE_LIMIT', 'RATE_LIMIT_ONCE', 'SERVER_ERROR', 'UNAVAILABLE', 'SLOW', 'HANG', 'RESET',
  'TRUNCATED', 'NOT_JSON', 'HTML_ERROR', 'VIDEO_FAIL', 'VIDEO_EXPIRE', 'DOWNLOAD_RESET',
] as const;
export type TriggerWord = (typeof TRIGGER_WORDS)[number];

/** Trigger words present in a prompt, as whole words (so `BLOCKED_ALL` does not also mean `BLOCKED`). */
export function triggersIn(prompt: unknown): Set<TriggerWord> {
  const found = new Set<TriggerWord>();
  if (typeof prompt !== 'string') return found;
  for (const w of TRIGGER_WORDS) if (new RegExp(`\\b${w}\\b`).test(prompt)) found.add(w);
  return found;
}
