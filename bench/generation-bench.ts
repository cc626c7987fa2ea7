/**
 * Queue throughput against the simulator (real HTTP, real client, real SQLite job store): 200 single-image requests
 * at 200 ms simulated latency with concurrency 4, ideal = 50 waves × 200 ms.
 *
 * The simulator runs in this process and renders a real JPEG per request (~25 ms of CPU at 1024×1024). Against xAI
 * that work happens on xAI's machines, so it is not the queue's overhead; on a 2-core box it competes with the client
 * for CPU. Hence two figures:
 * - `queueUncached`: every request renders its image (what the bench measured before the render cache);
 * - `queue`: the renders were made once beforehand (a warm-up through a separate, zero-latency simulator fills the
 *   process-wide render cache), so each request costs the simulator only its latency and a JSON answer. This is the
 *   fair figure for the queue and the one the 1.10× target is about.
 * `full` (warm cache) also ingests every image into a real library (sharp renditions, files, SQLite), and
 * `rateLimited20pct` (warm cache, no saving) answers every 5th prompt 429 + Retry-After: 1 the first time.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLibraryAdapters } from '../src-main/adapters/library';
import { SqliteJobStore } from '../src-main/adapters/jobs/sqlite-job-store';
import { createXaiImagineClient, systemClock } from '../src-main/adapters/xai';
import type { LibraryRecord } from '../src-preload/contract';
import type { Logger } from '../src-main/core/ports';
import { createGenerationService } from '../src-main/services/generation/generation-service';
import type { LibraryIngest } from '../src-main/services/paid-work/library-ingest';
import { createLibraryService } from '../src-main/services/library/library-service';
import { clearRenderCache, renderCacheStats, startSimulator } from '../src-main/simulator';
import type { BenchModule } from './run';

const REQUESTS = 200;
const LATENCY_MS = 200;
const CONCURRENCY = 4;
const silent: Logger = { info() {}, warn() {}, error() {} };
const round = (n: number) => Math.round(n * 1000) / 1000;

/** Accepts every image without saving it: isolates the queue from the library's work. */
const discard: LibraryIngest = {
  ingest: async () => ({ id: '0'.repeat(32), thumb: null, width: null, height: null }) as unknown as LibraryRecord,
};

const promptsFor = (rateLimitShare: number) => {
  // Every 5th prompt carries RATE_LIMIT_ONCE: the simulator answers 429 (Retry-After: 1) the first time it sees it.
  const every = rateLimitShare > 0 ? Math.round(1 / rateLimitShare) : 0;
  return Array.from({ length: REQUESTS }, (_, i) => `bench ${i}${every && i % every === 0 ? ' RATE_LIMIT_ONCE' : ''}`);
};

const BENCH_REQUEST = { model: 'grok-imagine-image', n: 1, aspect_ratio: '1:1', resolution: '1k', response_format: 'b64_json' } as const;

/** Renders every prompt once through a zero-latency simulator, two at a time, so the measured one finds them cached. */
async function warmRenders(prompts: string[]): Promise<void> {
  const sim = await startSimulator({ latencyMs: 0, rateLimitRetryAfterSeconds: 0 });
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-bench', clock: systemClock, retry: { maxAttempts: 3 } });
  const todo = [...prompts];
  const worker = async () => {
    for (let p = todo.shift(); p !== undefined; p = todo.shift()) await api.generateImages({ ...BENCH_REQUEST, prompt: p });
  };
  await Promise.all([worker(), worker()]);
  await sim.close();
}

async function run(opts: { save: boolean; rateLimitShare: number; renderCache: boolean }) {
  const prompts = promptsFor(opts.rateLimitShare);
  clearRenderCache();
  if (opts.renderCache) await warmRenders(prompts);
  const cacheBefore = renderCacheStats();
  const sim = await startSimulator({ latencyMs: LATENCY_MS, rateLimitRetryAfterSeconds: 1, renderCache: opts.renderCache });
  const dir = await mkdtemp(path.join(tmpdir(), 'gen-bench-'));
  const events = { emit() {} };
  const adapters = opts.save ? createLibraryAdapters(path.join(dir, 'library')) : null;
  const real = adapters ? createLibraryService({ ...adapters, clock: systemClock, events, logger: silent }) : null;
  const library: LibraryIngest = real ?? discard;
  const store = new SqliteJobStore(path.join(dir, 'jobs.db'));
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-bench', clock: systemClock, retry: { maxAttempts: 1 } });
  const service = createGenerationService({
    api, store, library, clock: systemClock, events, logger: silent,
    settings: () => ({ concurrency: CONCURRENCY, budgetCapUsd: null, requestTimeoutSec: 60 }),
  });
  const t0 = performance.now();
  service.submit({ prompts, n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' });
  await service.idle();
  const wallMs = performance.now() - t0;
  const jobs = service.list().batches.flatMap((b) => b.jobs);
  const http = sim.requests.filter((r) => r.path === '/v1/images/generations');
  const cacheAfter = renderCacheStats();
  // Tiles are complete at this point; the library still makes large previews in the background.
  await real?.idle();
  await service.dispose();
  store.close();
  adapters?.store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  const idealMs = (REQUESTS / CONCURRENCY) * LATENCY_MS;
  return {
    requests: REQUESTS,
    httpCalls: http.length,
    rateLimited: http.length - REQUESTS,
    wallMs: Math.round(wallMs),
    idealMs,
    ratio: round(wallMs / idealMs),
    succeeded: jobs.filter((j) => j.state === 'succeeded').length,
    failed: jobs.filter((j) => j.state !== 'succeeded').length,
    renderCacheHits: cacheAfter.hits - cacheBefore.hits,
    renders: cacheAfter.misses - cacheBefore.misses + (opts.renderCache ? 0 : REQUESTS),
  };
}

/**
 * What one request really takes from the simulator (latency + rendering and encoding a 1024×1024 JPEG), measured
 * one at a time: the simulator's own work is beyond the configured 200 ms, so the ratio is also given against this.
 */
async function serverTimeMs(renderCache: boolean): Promise<number> {
  const prompts = Array.from({ length: 12 }, (_, i) => `probe ${i}`);
  clearRenderCache();
  if (renderCache) await warmRenders(prompts);
  const sim = await startSimulator({ latencyMs: LATENCY_MS, renderCache });
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-bench', clock: systemClock });
  const samples: number[] = [];
  for (const prompt of prompts) {
    const t = performance.now();
    await api.generateImages({ ...BENCH_REQUEST, prompt });
    samples.push(performance.now() - t);
  }
  await sim.close();
  return samples.slice(2).sort((a, b) => a - b)[5] ?? 0;
}

export const generationBench: BenchModule = {
  name: 'generation',
  async run() {
    const uncachedRequestMs = await serverTimeMs(false);
    const cachedRequestMs = await serverTimeMs(true);
    const idealFor = (ms: number) => (REQUESTS / CONCURRENCY) * ms;
    const queueUncached = await run({ save: false, rateLimitShare: 0, renderCache: false });
    const queue = await run({ save: false, rateLimitShare: 0, renderCache: true });
    const full = await run({ save: true, rateLimitShare: 0, renderCache: true });
    const storm = await run({ save: false, rateLimitShare: 0.2, renderCache: true });
    clearRenderCache();
    return {
      setup: {
        requests: REQUESTS, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, targetRatio: 1.1,
        measuredRequestMs: { uncached: Math.round(uncachedRequestMs), cachedRender: Math.round(cachedRequestMs) },
        fairFigure: 'queue.ratio (renders cached: the simulator costs only its latency, as xAI renders on its own machines)',
      },
      queue: { ...queue, meetsTarget: queue.ratio <= 1.1, ratioVsMeasuredRequest: round(queue.wallMs / idealFor(cachedRequestMs)) },
      queueUncached: { ...queueUncached, ratioVsMeasuredRequest: round(queueUncached.wallMs / idealFor(uncachedRequestMs)) },
      full: { ...full, ratioVsMeasuredRequest: round(full.wallMs / idealFor(cachedRequestMs)) },
      rateLimited20pct: { ...storm, allSucceeded: storm.failed === 0, meetsTarget: storm.failed === 0 && storm.ratio <= 2 },
    };
  },
};
