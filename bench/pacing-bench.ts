/**
 * Pacing against the simulator's per-model rate limit (issue 15.6): 60 single-image prompts on one model, the
 * simulator limiting every model to its published requests/second at tier 0 (`rps: published`: images 6/s, 429
 * beyond), the client paced by its token bucket at the same tier. Target: 0 × 429 and a wall time ≤ 1.25 × 60/6 s.
 * Beside it the same batch unpaced, to show what the bucket prevents (429s answered by the adaptive back-off).
 * Real HTTP, real client, real SQLite job store; renders warmed first so the simulator costs only its latency.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILT_IN_TABLE, findModel, publishedRps, type LibraryRecord } from '../src-preload/contract';
import { SqliteJobStore } from '../src-main/adapters/jobs/sqlite-job-store';
import { createXaiImagineClient, systemClock } from '../src-main/adapters/xai';
import type { Logger } from '../src-main/core/ports';
import { createGenerationService } from '../src-main/services/generation/generation-service';
import { createModelPacing } from '../src-main/services/paid-work/model-pacing';
import { clearRenderCache, startSimulator } from '../src-main/simulator';
import { rpsFromOption } from '../src-main/simulator/rate-limit';
import type { BenchModule } from './run';

const PROMPTS = 60;
const MODEL = 'grok-imagine-image';
const LATENCY_MS = 200;
const CONCURRENCY = 4;
const silent: Logger = { info() {}, warn() {}, error() {} };
const discard = { ingest: async () => ({ id: '0'.repeat(32), thumb: null, width: null, height: null }) as unknown as LibraryRecord };
const prompts = Array.from({ length: PROMPTS }, (_, i) => `pacing ${i}`);

async function warm(): Promise<void> {
  const sim = await startSimulator({ latencyMs: 0 });
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-bench', clock: systemClock });
  for (const prompt of prompts) await api.generateImages({ prompt, model: MODEL, n: 1, aspect_ratio: '1:1', resolution: '1k', response_format: 'b64_json' });
  await sim.close();
}

async function batch(paced: boolean) {
  const sim = await startSimulator({ latencyMs: LATENCY_MS, rps: rpsFromOption('published', BUILT_IN_TABLE), rateLimitRetryAfterSeconds: 0 });
  const dir = await mkdtemp(path.join(tmpdir(), 'pacing-bench-'));
  const store = new SqliteJobStore(path.join(dir, 'jobs.db'));
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-bench', clock: systemClock, retry: { maxAttempts: 1 } });
  const service = createGenerationService({
    api, store, library: discard, clock: systemClock, events: { emit() {} }, logger: silent,
    settings: () => ({ concurrency: CONCURRENCY, budgetCapUsd: null, requestTimeoutSec: 60 }),
    ...(paced ? { pacing: createModelPacing({ tier: () => 0 }) } : {}),
  });
  const t0 = performance.now();
  service.submit({ prompts, n: 1, model: MODEL, aspectRatio: '1:1', resolution: '1k' });
  await service.idle();
  const wallMs = Math.round(performance.now() - t0);
  const jobs = service.list().batches.flatMap((b) => b.jobs);
  const http = sim.requests.filter((r) => r.path === '/v1/images/generations');
  await service.dispose();
  store.close();
  await sim.close();
  await rm(dir, { recursive: true, force: true });
  return { wallMs, httpCalls: http.length, rateLimited: http.length - PROMPTS, succeeded: jobs.filter((j) => j.state === 'succeeded').length };
}

export const pacingBench: BenchModule = {
  name: 'pacing',
  async run() {
    const spec = findModel(MODEL, 'image');
    const rps = spec ? publishedRps(spec, 0) : 6;
    await warm();
    const paced = await batch(true);
    const unpaced = await batch(false);
    clearRenderCache();
    const targetWallMs = 1.25 * (PROMPTS / rps) * 1000;
    return {
      setup: { prompts: PROMPTS, model: MODEL, publishedRps: rps, simulatorRps: 'published (tier 0)', latencyMs: LATENCY_MS, concurrency: CONCURRENCY },
      paced: {
        ...paced, idealWallMs: (PROMPTS / rps) * 1000, targetWallMs, targetRateLimited: 0,
        meetsTarget: paced.rateLimited === 0 && paced.wallMs <= targetWallMs && paced.succeeded === PROMPTS,
      },
      unpaced,
    };
  },
};
