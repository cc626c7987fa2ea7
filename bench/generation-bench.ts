/**
 * Queue throughput against the simulator (real HTTP, real client, real SQLite job store): 200 single-image requests
 * at 200 ms simulated latency with concurrency 4, ideal = 50 waves × 200 ms. Runs twice: `queue` saves nothing (the
 * scheduler and client alone, the number the 1.10× target is about) and `full` ingests every image into a real
 * library (sharp renditions, files, SQLite). Then the same with 20% of requests answered 429 + Retry-After: 1.
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
import type { LibraryIngest } from '../src-main/services/generation/run-job';
import { createLibraryService } from '../src-main/services/library/library-service';
import { startSimulator } from '../src-main/simulator';
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

async function run(opts: { save: boolean; rateLimitShare: number }) {
  const sim = await startSimulator({ latencyMs: LATENCY_MS, rateLimitRetryAfterSeconds: 1 });
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
  // Every 5th prompt carries RATE_LIMIT_ONCE: the simulator answers 429 (Retry-After: 1) the first time it sees it.
  const every = opts.rateLimitShare > 0 ? Math.round(1 / opts.rateLimitShare) : 0;
  const prompts = Array.from({ length: REQUESTS }, (_, i) => `bench ${i}${every && i % every === 0 ? ' RATE_LIMIT_ONCE' : ''}`);
  const t0 = performance.now();
  service.submit({ prompts, n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' });
  await service.idle();
  const wallMs = performance.now() - t0;
  const jobs = service.list().batches.flatMap((b) => b.jobs);
  const http = sim.requests.filter((r) => r.path === '/v1/images/generations');
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
  };
}

/**
 * What one request really takes from the simulator (latency + rendering and encoding a 1024×1024 JPEG), measured
 * one at a time: the simulator's own work is beyond the configured 200 ms, so the ratio is also given against this.
 */
async function serverTimeMs(): Promise<number> {
  const sim = await startSimulator({ latencyMs: LATENCY_MS });
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-bench', clock: systemClock });
  const samples: number[] = [];
  for (let i = 0; i < 12; i++) {
    const t = performance.now();
    await api.generateImages({ prompt: `probe ${i}`, model: 'grok-imagine-image', n: 1, aspect_ratio: '1:1', resolution: '1k', response_format: 'b64_json' });
    samples.push(performance.now() - t);
  }
  await sim.close();
  return samples.slice(2).sort((a, b) => a - b)[5] ?? 0;
}

export const generationBench: BenchModule = {
  name: 'generation',
  async run() {
    const perRequestMs = await serverTimeMs();
    const measuredIdealMs = (REQUESTS / CONCURRENCY) * perRequestMs;
    const queue = await run({ save: false, rateLimitShare: 0 });
    const full = await run({ save: true, rateLimitShare: 0 });
    const storm = await run({ save: false, rateLimitShare: 0.2 });
    return {
      setup: { requests: REQUESTS, latencyMs: LATENCY_MS, concurrency: CONCURRENCY, targetRatio: 1.1, measuredRequestMs: Math.round(perRequestMs) },
      queue: { ...queue, meetsTarget: queue.ratio <= 1.1, ratioVsMeasuredRequest: round(queue.wallMs / measuredIdealMs) },
      full: { ...full, ratioVsMeasuredRequest: round(full.wallMs / measuredIdealMs) },
      rateLimited20pct: { ...storm, allSucceeded: storm.failed === 0 },
    };
  },
};
