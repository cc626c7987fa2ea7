/**
 * The crash trials' Stability AI and MiniMax part (issue 18): their simulators, the host's keys and origins for them,
 * text→image batches of their models beside xAI's, and the count of what each simulator delivered against what the
 * library holds. The rules are xAI's (crash-trials.ts), on the host's own log: an answer the simulator sent in full but
 * the host never logged as read (`stability request` / `minimax request`, written once the body is in) is
 * `notReceived`; one whose images are not all in the library is lost when the host logged it past staging
 * (`generation: result staged`; not its job's request id, which recovery also sets from a staging a kill cut short),
 * or when no kill came within the in-flight window after the host read it; one a kill caught before (or during)
 * staging within that window is `notStaged` (the bytes were in memory, or, for MiniMax, still being downloaded from
 * its links). More rows than images for one request id are duplicates.
 */
import { startStabilitySimulator, type StabilitySimulator } from '../../../../src-main/simulator/stability';
import { startMinimaxSimulator, type MinimaxSimulator } from '../../../../src-main/simulator/minimax';
import type { seededRandom } from './prng';
import type { HostClient } from './ws-client';

export interface ProviderSims {
  stability: StabilitySimulator;
  minimax: MinimaxSimulator;
  close(): Promise<void>;
}

export interface ProviderImageFigures {
  /** Requests answered 200 in full, and the images they carried. */
  requests: number;
  delivered: number;
  found: number;
  notReceived: number;
  notStaged: number;
  lost: number;
  duplicates: number;
  /** Prompts answered 200 more than once: a billed POST sent again without the user. */
  retried: number;
}

export const PROVIDER_KEYS = { STABILITY_API_KEY: 'sk-crash-trials-stability-key', MINIMAX_API_KEY: 'mm-crash-trials-minimax-key' };

/** Both simulators, slow enough that kills land mid-request; MiniMax's per-minute cap out of the way (it answers 1002 as a 200). */
export async function startProviderSims(): Promise<ProviderSims> {
  const [stability, minimax] = await Promise.all([
    startStabilitySimulator({ latencyMs: 250 }),
    startMinimaxSimulator({ latencyMs: 250, requestsPerMinute: 10_000 }),
  ]);
  return { stability, minimax, close: async () => void (await Promise.all([stability.close(), minimax.close()])) };
}

/** What the host needs to call them: their keys (read from the environment) and origins. */
export const providerEnv = (sims: ProviderSims): Record<string, string> => ({
  ...PROVIDER_KEYS, IMAGINE_STABILITY_BASE_URL: sims.stability.url, IMAGINE_MINIMAX_BASE_URL: sims.minimax.url,
  // Creative upscales poll every 300 ms here (Stability's own rule is 10 s), so kills land before and after collection.
  IMAGINE_STABILITY_POLL_MS: '300',
});

/** On some trials, a Stability batch (one request per prompt) and a MiniMax batch (one request), with unique prompts. */
export function submitProviderImages(client: HostClient, trial: number, rng: ReturnType<typeof seededRandom>): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  if (rng.next() < 0.6) {
    // One image per prompt: Stability sends one request per image, so a prompt answered twice is a POST sent again.
    const prompts = Array.from({ length: rng.int(1, 3) }, (_, p) => `crash trial ${trial} stability prompt ${p}`);
    pending.push(client.invoke('jobs:submit', { prompts, n: 1, model: rng.pick(['stable-image-core', 'sd3.5-medium']), aspectRatio: '1:1', resolution: '1k' }));
  }
  if (rng.next() < 0.6) {
    pending.push(client.invoke('jobs:submit', { prompts: [`crash trial ${trial} minimax prompt`], n: rng.int(1, 3), model: 'image-01', aspectRatio: '16:9', resolution: '1k' }));
  }
  for (const p of pending) p.catch(() => {});
  return pending;
}

interface Delivery { id: string; images: number; prompt: string; at: number }

function count(deliveries: readonly Delivery[], rows: Record<string, number>, seen: HostSeen, kills: readonly number[], windowMs: number, label: string, details: string[]) {
  const f: ProviderImageFigures = { requests: deliveries.length, delivered: 0, found: 0, notReceived: 0, notStaged: 0, lost: 0, duplicates: 0, retried: 0 };
  const perPrompt = new Map<string, number>();
  for (const d of deliveries) {
    perPrompt.set(d.prompt, (perPrompt.get(d.prompt) ?? 0) + 1);
    const found = rows[d.id] ?? 0;
    f.delivered += d.images;
    f.found += Math.min(found, d.images);
    f.duplicates += Math.max(0, found - d.images);
    const missing = Math.max(0, d.images - found);
    if (missing === 0) continue;
    const at = seen.received.get(d.id);
    const kill = kills.find((k) => k >= (at ?? d.at));
    if (at === undefined) f.notReceived += missing;
    else if (kill !== undefined && kill - at <= windowMs && !seen.pastStaging.has(d.id)) f.notStaged += missing;
    else {
      f.lost += missing;
      details.push(`${missing}/${d.images} ${label} images of ${d.id} ("${d.prompt}"), ${kill === undefined ? 'with no kill after' : `read ${kill - at} ms before a kill`}`);
    }
  }
  // Every prompt is unique: a prompt answered 200 twice is a billed POST sent again without the user.
  f.retried = [...perPrompt.values()].reduce((s, c) => s + c - 1, 0);
  for (const [prompt, c] of perPrompt) if (c > 1) details.push(`${label} prompt "${prompt}" was answered 200 ${c} times`);
  return f;
}

/** What the host's log says of a request id: when it had read the answer, and whether it got past staging. */
interface HostSeen {
  received: ReadonlyMap<string, number>;
  pastStaging: ReadonlySet<string>;
}

/** The host's `stability request` / `minimax request` lines for answers it read in full (200, with their id). */
export function providerReceipts(log: readonly Record<string, unknown>[]): Map<string, number> {
  const received = new Map<string, number>();
  for (const line of log) {
    const id = line.message === 'stability request' && line.status === 200 ? line.requestId : line.message === 'minimax request' ? line.traceId : undefined;
    if (typeof id === 'string' && !received.has(id)) received.set(id, Date.parse(String(line.at)));
  }
  return received;
}

/** Stability's and MiniMax's image answers against the library rows (`rows`: count per request id). */
export function compareProviderImages(sims: ProviderSims, rows: Record<string, number>, seen: HostSeen, kills: readonly number[], inFlightMs: number) {
  const lostDetails: string[] = [];
  const stabilityDelivered: Delivery[] = sims.stability.requests
    .filter((r) => r.method === 'POST' && r.path.startsWith('/v2beta/stable-image/generate/') && r.status === 200 && r.requestId)
    .map((r) => ({ id: r.requestId as string, images: 1, prompt: String(r.fields.prompt ?? ''), at: r.answeredAt ?? r.receivedAt }));
  const minimaxDelivered: Delivery[] = sims.minimax.requests
    .filter((r) => r.method === 'POST' && r.path === '/v1/image_generation' && r.status === 200 && r.traceId)
    .map((r) => {
      const body = r.body as { n?: number; prompt?: string };
      return { id: r.traceId as string, images: body.n ?? 1, prompt: body.prompt ?? '', at: r.answeredAt ?? r.receivedAt };
    });
  const stability = count(stabilityDelivered, rows, seen, kills, inFlightMs, 'Stability', lostDetails);
  // MiniMax answers with links: the host still downloads every image before it can stage them.
  const minimax = count(minimaxDelivered, rows, seen, kills, inFlightMs * 2, 'MiniMax', lostDetails);
  return { stability, minimax, billedPostsRetried: stability.retried + minimax.retried, lostDetails };
}
