import type { LibraryRecord, VideoJobView } from '@contract';
import { AppErrorException } from '../../../src-main/core/app-error';
import type { EventSink, Logger } from '../../../src-main/core/ports';
import type { VideoJobStore } from '../../../src-main/core/video/video-job';
import { InMemoryVideoJobStore } from '../../../src-main/core/video/video-job';
import type { Download, ImagineApi, VideoPoll } from '../../../src-main/core/xai/types';
import type { IngestInput } from '../../../src-main/services/library/ingest';
import type { VideoLibrary } from '../../../src-main/services/video/video-inputs';
import { createVideoService } from '../../../src-main/services/video/video-service';
import { FakeClock } from '../jobs/fake-clock';

export const silent: Logger = { info() {}, warn() {}, error() {} };

export function events(): EventSink & { log: { event: string; payload: unknown }[]; states: () => string[] } {
  const log: { event: string; payload: unknown }[] = [];
  return {
    log,
    emit: (event, payload) => void log.push({ event, payload }),
    states: () => log.filter((e) => e.event === 'video:progress').map((e) => (e.payload as { job: { state: string } }).job.state),
  };
}

export const appError = (kind: string, message = kind) => new AppErrorException({ kind, message } as never);

/** A scripted API: each `getVideo` answers the next poll (or throws it); downloads answer from `downloads`. */
export function scriptedApi(polls: (VideoPoll | Error)[], downloads: (Download | Error)[] = []) {
  const calls = { start: [] as unknown[], polls: 0, downloads: 0 };
  const mp4 = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112, 105, 115, 111, 109]);
  const api = {
    startVideo: async (body: unknown) => (calls.start.push(body), { videoRequestId: 'vid-1', requestId: 'req-1' }),
    editVideo: async (body: unknown) => (calls.start.push(body), { videoRequestId: 'vid-1' }),
    extendVideo: async (body: unknown) => (calls.start.push(body), { videoRequestId: 'vid-1' }),
    getVideo: async () => {
      calls.polls++;
      const next = polls.shift() ?? { status: 'pending', progress: null };
      if (next instanceof Error) throw next;
      return next;
    },
    download: async () => {
      calls.downloads++;
      const next = downloads.shift() ?? { bytes: mp4, mime: 'video/mp4', resumes: 0 };
      if (next instanceof Error) throw next;
      return next;
    },
  } as unknown as ImagineApi;
  return { api, calls };
}

export const done = (over: Partial<Extract<VideoPoll, { status: 'done' }>> = {}): VideoPoll =>
  ({ status: 'done', url: 'https://vidgen.example/v.mp4', durationSeconds: 4, model: 'grok-imagine-video', costTicks: 2_000_000_000, costUsd: 0.2, ...over });

/** An in-memory library: records by id, ingest appends a video record. */
export function fakeLibrary(records: Partial<LibraryRecord>[] = []) {
  const map = new Map<string, LibraryRecord>();
  const base = { kind: 'image', createdAt: 0, prompt: '', editInstruction: null, model: null, params: {}, width: 64, height: 64, aspectRatio: '1:1', durationMs: null, bytes: 10, mime: 'image/png', costTicks: null, requestId: null, moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [] as string[], trashedAt: null, missing: false, hasLineage: false, thumb: null, preview: null } as const;
  for (const r of records) map.set(r.id as string, { ...base, file: `media/${r.id}.bin`, ...r } as LibraryRecord);
  const ingested: IngestInput[] = [];
  let n = 0;
  const lib: VideoLibrary = {
    record: (id) => map.get(id),
    read: async () => new Uint8Array([137, 80, 78, 71]),
    absolute: (p) => `/library/${p}`,
    findBySourceJob: (jobId) => [...map.values()].find((r) => r.sourceJobId === jobId),
    ingest: async (input) => {
      ingested.push(input);
      const id = (++n).toString(16).padStart(32, 'f');
      const rec = { ...base, id, kind: 'video', mime: 'video/mp4', durationMs: 4000, file: `media/${id}.mp4`, thumb: `thumbs/${id}.webp`, sourceJobId: input.sourceJobId ?? null } as LibraryRecord;
      map.set(id, rec);
      return rec;
    },
  };
  return { lib, ingested };
}

/** A service on a fake clock, interval 1000 ms. */
export function harness(opts: { api: ImagineApi; store?: VideoJobStore; library?: VideoLibrary }) {
  const clock = new FakeClock();
  const ev = events();
  const store = opts.store ?? new InMemoryVideoJobStore();
  let id = 0;
  const service = createVideoService({
    api: () => opts.api, store, library: opts.library ?? fakeLibrary().lib, clock, events: ev, logger: silent,
    extractFrame: async () => new Uint8Array([137, 80, 78, 71]),
    timing: { intervalMs: 1000, maxIntervalMs: 5000, maxErrorDelayMs: 8000 }, newId: () => (++id).toString(16).padStart(32, 'a'),
  });
  return { service, clock, events: ev, store };
}

export const textSubmit = { mode: 'text', prompt: 'a paper boat', model: 'grok-imagine-video', duration: 4, aspectRatio: '16:9', resolution: '480p' } as const;

/** Waits (wall clock, 25 ms steps, `tries` of them) for a job of a service on the real clock to end; its view. */
export async function settled(service: { list(): VideoJobView[] }, id: string, tries = 400): Promise<VideoJobView> {
  for (let i = 0; i < tries; i++) {
    const job = service.list().find((j) => j.id === id);
    if (job && ['done', 'failed', 'expired', 'blocked', 'lost', 'cancelled'].includes(job.state)) return job;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('job did not settle');
}
