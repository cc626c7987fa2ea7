/**
 * Options of the local MiniMax simulator (tests and demo mode), following the simulator conventions of
 * /work/shared/minimax-api.md §8. Every error is HTTP 200 with a non-zero `base_resp.status_code`.
 *
 * Keys: `Bearer mm-…` is valid; `mm-invalid…` → 2049; a key without `mm-` or no `Authorization` → 1004;
 * `mm-nobalance…` → 1008 on generation calls.
 *
 * Hooks (whole words in a prompt): `BLOCKED` → 1026 at creation (images and video); `BLOCKED_OUTPUT` → one image
 * withheld (`failed_count` "1"), or a video task that ends `Fail` with 1027; `FAIL_TASK` → the video task ends `Fail`.
 */

export interface MinimaxSimulatorOptions {
  port?: number;
  /** Polls answered Preparing → Queueing → Processing before the final state (default 3). */
  pendingPolls?: number;
  /** Also wait this long after creation before a task can finish (demo realism; default 0). */
  minTaskMs?: number;
  /** Requests per key and per API within a sliding minute before 1002 (default 20, reference §8). */
  requestsPerMinute?: number;
  /** Lifetime of download links: images 24 h, videos 1 h (reference §3, §4.3). */
  imageUrlTtlMs?: number;
  videoUrlTtlMs?: number;
  /** Frames per second of rendered clips (default 4: small and fast; MiniMax's are 24). */
  fps?: number;
  latencyMs?: number;
  now?: () => number;
}

export type ResolvedMinimaxOptions = Required<MinimaxSimulatorOptions>;

export function resolveMinimaxOptions(o: MinimaxSimulatorOptions): ResolvedMinimaxOptions {
  return {
    port: o.port ?? 0,
    pendingPolls: o.pendingPolls ?? 3,
    minTaskMs: o.minTaskMs ?? 0,
    requestsPerMinute: o.requestsPerMinute ?? 20,
    imageUrlTtlMs: o.imageUrlTtlMs ?? 86_400_000,
    videoUrlTtlMs: o.videoUrlTtlMs ?? 3_600_000,
    fps: o.fps ?? 4,
    latencyMs: o.latencyMs ?? 0,
    now: o.now ?? Date.now,
  };
}

export const MINIMAX_HOOKS = ['BLOCKED', 'BLOCKED_OUTPUT', 'FAIL_TASK'] as const;
export type MinimaxHook = (typeof MINIMAX_HOOKS)[number];

/** Hooks in a prompt, as whole words (so `BLOCKED_OUTPUT` does not also mean `BLOCKED`). */
export function hooksIn(prompt: unknown): Set<MinimaxHook> {
  const found = new Set<MinimaxHook>();
  if (typeof prompt !== 'string') return found;
  for (const h of MINIMAX_HOOKS) if (new RegExp(`(^|[^A-Za-z0-9_])${h}([^A-Za-z0-9_]|$)`).test(prompt)) found.add(h);
  return found;
}

export type MinimaxKeyClass = { ok: true; key: string; noBalance: boolean } | { ok: false; code: 1004 | 2049; message: string };

export function classifyKey(authorization: string | undefined): MinimaxKeyClass {
  const key = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
  if (!key) return { ok: false, code: 1004, message: "login fail: Please carry the API secret key in the 'Authorization' field of the request header" };
  if (key.startsWith('mm-invalid')) return { ok: false, code: 2049, message: 'invalid api key' };
  if (!key.startsWith('mm-')) return { ok: false, code: 1004, message: 'login fail: not authorized, token not match group' };
  return { ok: true, key, noBalance: key.startsWith('mm-nobalance') };
}
