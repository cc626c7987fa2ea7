import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload } from '@contract';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { SqliteJobStore } from '../../../src-main/adapters/jobs/sqlite-job-store';
import { createXaiImagineClient } from '../../../src-main/adapters/xai';
import type { Clock, EventSink, Logger } from '../../../src-main/core/ports';
import { createGenerationService, type GenerationSettings } from '../../../src-main/services/generation/generation-service';
import { createLibraryService } from '../../../src-main/services/library/library-service';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../src-main/simulator';

export const silent: Logger = { info() {}, warn() {}, error() {} };

const SPEED = 20;
const origin = Date.now();
/** Time running 20× faster than the wall clock (sleeps and `now` agree), so Retry-After: 1 costs 50 ms in tests. */
export const fastClock: Clock = {
  now: () => origin + (Date.now() - origin) * SPEED,
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const t = setTimeout(resolve, ms / SPEED);
      signal?.addEventListener('abort', () => {
        clearTimeout(t);
        reject(signal.reason);
      }, { once: true });
    }),
};

export interface Recorded extends EventSink {
  log: { event: EventName; payload: unknown }[];
  of<E extends EventName>(event: E): EventPayload<E>[];
}

export function recorder(): Recorded {
  const log: { event: EventName; payload: unknown }[] = [];
  return {
    log,
    emit: (event, payload) => void log.push({ event, payload }),
    of: <E extends EventName>(event: E) => log.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
  };
}

/**
 * The generation service with every real part: the simulator over HTTP, the xAI client, the library (SQLite, sharp,
 * files) and the SQLite job store, in a temp data dir. `reopen()` builds a new service on the same files (a restart).
 */
export async function openHarness(opts: { sim?: SimulatorOptions; settings?: Partial<GenerationSettings>; dir?: string } = {}) {
  const sim: Simulator = await startSimulator(opts.sim ?? {});
  const dir = opts.dir ?? mkdtempSync(path.join(os.tmpdir(), 'gen-'));
  const settings: GenerationSettings = { concurrency: 4, budgetCapUsd: null, requestTimeoutSec: 30, ...opts.settings };
  const open = () => {
    const events = recorder();
    const adapters = createLibraryAdapters(path.join(dir, 'library'));
    const library = createLibraryService({ ...adapters, clock: fastClock, events, logger: silent });
    const store = new SqliteJobStore(path.join(dir, 'jobs.db'));
    const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-test', clock: fastClock, retry: { maxAttempts: 1 } });
    const service = createGenerationService({ api, store, library, clock: fastClock, events, logger: silent, settings: () => settings, random: () => 0 });
    return { service, library, events, store, adapters };
  };
  let current = open();
  return {
    sim, dir, settings,
    get service() { return current.service; },
    get library() { return current.library; },
    get events() { return current.events; },
    get store() { return current.store; },
    /** Stops the service without finishing in-flight work, as a quit would, then opens a fresh one. */
    async reopen(): Promise<void> {
      await current.service.dispose();
      await current.library.idle();
      current.store.close();
      current.adapters.store.close();
      current = open();
    },
    async close(): Promise<void> {
      await current.service.dispose();
      await current.library.idle();
      current.store.close();
      current.adapters.store.close();
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const imageRequests = (sim: Simulator) => sim.requests.filter((r) => r.path === '/v1/images/generations');

export async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}
