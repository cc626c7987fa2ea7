/**
 * The generation queue, the video journal and the library wired the way `createAppCore` wires them (SQLite job
 * store and video journal in the data folder, staging in `<dataDir>/staging`, the real xAI client against the
 * simulator), with the seams fault tests need: a wrapper around the library's files adapter (ENOSPC, EACCES), a
 * wrapper around the library ingest (a process that dies mid-save), short request timeouts and fast polls.
 * `restart()` opens fresh services on the same folder, as a relaunch would (after `abandon()`, as a crash would).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { EventName, EventPayload, LibraryRecord } from '@contract';
import { createLibraryAdapters } from '../../../../src-main/adapters/library';
import { FsResultStaging } from '../../../../src-main/adapters/jobs/fs-result-staging';
import { SqliteJobStore } from '../../../../src-main/adapters/jobs/sqlite-job-store';
import { createFfmpegFrameExtractor, createVideoJobStore } from '../../../../src-main/adapters/video';
import { createXaiImagineClient, type XaiClientOptions } from '../../../../src-main/adapters/xai';
import type { ResultStaging } from '../../../../src-main/core/jobs/result-staging';
import type { LibraryFiles } from '../../../../src-main/core/library/ports';
import type { EventSink } from '../../../../src-main/core/ports';
import { createGenerationService, type GenerationSettings } from '../../../../src-main/services/generation/generation-service';
import type { IngestInput } from '../../../../src-main/services/library/ingest';
import { createLibraryService } from '../../../../src-main/services/library/library-service';
import { videoLibraryFrom } from '../../../../src-main/services/video/library-port';
import { createPaidWork } from '../../../../src-main/services/paid-work/paid-work';
import { videoRecovery } from '../../../../src-main/services/video/video-recovery';
import { createVideoService } from '../../../../src-main/services/video/video-service';
import { startSimulator, type Simulator, type SimulatorOptions } from '../../../../src-main/simulator';

// The same quiet logger and 20×-fast clock as the generation tests: back-off and Retry-After sleeps run 20× faster
// than the wall clock (`now` agrees with them); real sockets keep real timeouts.
import { fastClock, silent as quiet } from '../../generation/harness';
export { fastClock, quiet };

export interface EventLog extends EventSink {
  of<E extends EventName>(event: E): EventPayload<E>[];
}
function eventLog(): EventLog {
  const log: { event: EventName; payload: unknown }[] = [];
  return {
    emit: (event, payload) => void log.push({ event, payload }),
    of: <E extends EventName>(event: E) => log.filter((e) => e.event === event).map((e) => e.payload as EventPayload<E>),
  };
}

export interface RigOptions {
  sim?: SimulatorOptions;
  settings?: Partial<GenerationSettings>;
  /** Wraps the library folder adapter (fault injection on writes). */
  files?: (real: LibraryFiles) => LibraryFiles;
  /** Wraps the library ingest the generation queue uses (e.g. never return, as a process killed mid-save). */
  ingest?: (real: (input: IngestInput) => Promise<LibraryRecord>) => (input: IngestInput) => Promise<LibraryRecord>;
  /** Wraps the staging area (a full disk there too). */
  staging?: (real: ResultStaging) => ResultStaging;
  /** Extra options for the video service's HTTP client (e.g. a throttled fetch). */
  videoClient?: Partial<XaiClientOptions>;
  videoPollMs?: number;
}

function open(dir: string, sim: Simulator, settings: GenerationSettings, o: RigOptions) {
  const events = eventLog();
  const adapters = createLibraryAdapters(path.join(dir, 'library'));
  const files = o.files ? o.files(adapters.files) : adapters.files;
  const library = createLibraryService({ ...adapters, files, clock: fastClock, events, logger: quiet });
  const jobStore = new SqliteJobStore(path.join(dir, 'jobs.db'));
  const api = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-rig-key', clock: fastClock, retry: { maxAttempts: 1 } });
  const ingest = o.ingest ? o.ingest(library.ingest) : library.ingest;
  const staging = (o.staging ?? ((x) => x))(new FsResultStaging(path.join(dir, 'staging')));
  const videoJobs = createVideoJobStore(dir);
  const generation = createGenerationService({
    api, store: jobStore, library: { ingest, query: library.query, records: library.records }, staging,
    clock: fastClock, events, logger: quiet, settings: () => settings, random: () => 0,
    recovery: { video: videoRecovery({ store: videoJobs, clock: fastClock, records: library.records }) },
  });
  const videoApi = createXaiImagineClient({ baseUrl: `${sim.url}/v1`, getApiKey: async () => 'xai-rig-key', clock: fastClock, ...o.videoClient });
  const videoLibrary = { ...videoLibraryFrom(library, files), ingest };
  // Videos file through the same staging folder (not the ledger: the rig's video spend is not what its tests count).
  const videoWork = createPaidWork({ staging, library: videoLibrary, spend: { record() {}, recordOnce: () => false }, clock: fastClock, logger: quiet });
  const video = createVideoService({
    api: () => videoApi, store: videoJobs, library: videoLibrary, extractFrame: createFfmpegFrameExtractor(),
    clock: fastClock, events, logger: quiet, timing: { intervalMs: o.videoPollMs ?? 50, maxIntervalMs: 200 }, work: videoWork,
  });
  return { events, adapters, library, jobStore, generation, video };
}

export type RigParts = ReturnType<typeof open>;

export async function openRig(o: RigOptions = {}) {
  const sim = await startSimulator(o.sim ?? {});
  const dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-rig-'));
  const settings: GenerationSettings = { concurrency: 4, budgetCapUsd: null, requestTimeoutSec: 30, ...o.settings };
  let parts: RigParts | null = null;
  const boot = async (over: RigOptions) => {
    parts = open(dir, sim, settings, over);
    await parts.library.reconcile();
    await parts.generation.start();
    parts.video.resume();
    return parts;
  };
  const close = async (p: RigParts) => {
    await p.video.dispose();
    await p.generation.dispose();
    await p.library.idle();
    p.jobStore.close();
    p.adapters.store.close();
  };
  await boot(o);
  return {
    sim, dir, settings,
    get parts(): RigParts {
      return parts as RigParts;
    },
    /** A graceful quit and a fresh start on the same folder, optionally with other seams. */
    async restart(over: RigOptions = {}) {
      await close(parts as RigParts);
      return boot(over);
    },
    /**
     * A crash: the old services are dropped without being told (work they had in flight never finishes; their
     * databases are closed under them), then fresh ones start on the same folder.
     */
    async crashAndRestart(over: RigOptions = {}) {
      const old = parts as RigParts;
      old.generation.dispose().catch(() => {});
      old.video.dispose().catch(() => {});
      old.jobStore.close();
      old.adapters.store.close();
      return boot(over);
    },
    async close() {
      if (parts) await close(parts).catch(() => {});
      await sim.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type Rig = Awaited<ReturnType<typeof openRig>>;

/** POSTs the simulator received for one prompt (every prompt in these tests is unique). */
export const postsFor = (sim: Simulator, prompt: string, route = '/v1/images/generations') =>
  sim.requests.filter((r) => r.method === 'POST' && r.path === route && (r.body as { prompt?: string } | undefined)?.prompt === prompt);

/** 200 answers the simulator sent in full for one prompt: billed requests. */
export const billedFor = (sim: Simulator, prompt: string, route = '/v1/images/generations') =>
  sim.delivered.filter((d) => d.method === 'POST' && d.path === route && d.status === 200 && (d.request.body as { prompt?: string } | undefined)?.prompt === prompt);

export async function until(check: () => boolean, timeoutMs = 15_000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An errno-style error as node:fs throws it. */
export const fsError = (code: string, syscall = 'write') =>
  Object.assign(new Error(`${code}: simulated by the test, ${syscall}`), { code, syscall, errno: code === 'ENOSPC' ? -28 : -13 });
