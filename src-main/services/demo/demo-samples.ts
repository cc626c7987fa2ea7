/**
 * Demo mode's sample library (issue 14.11): on the first entry into demo mode, the demo library is filled with work
 * the simulator makes — images in several aspect ratios, an edit of an edit (lineage two deep), an image → video and
 * an extension of that video, and a text → video — so a new user lands on something to browse rather than an empty
 * page.
 *
 * Made through the real paths, never hand-made rows: the xAI client sends each request to the demo simulator (its
 * address comes from demo mode itself, and the key is the demo key, so no request can reach the real API or spend
 * money), the request bodies come from the same builders as real work (`wireCall` for videos), and every result is
 * filed by the library's own ingest with the same fields and lineage as a real result (`ingestInputOf` for images).
 * The samples are not the user's jobs: they stay out of the queue, the job list and the ledger.
 *
 * Idempotent and resumable: `<dataDir>/demo-samples.json` records each finished step with the ids it filed. A step
 * recorded is never made again (items the user deleted stay deleted); a run stopped half-way (demo mode switched off,
 * the app quit) goes on with the missing steps at the next entry. A demo library that already had items before the
 * first run is left as it is.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { LibraryRecord } from '@contract';
import type { StagedMeta } from '../../core/jobs/result-staging';
import type { Clock, Logger } from '../../core/ports';
import { wireCall, redact } from '../../core/video/plan';
import { bytesToDataUri, waitForVideo, type ImageResult, type ImagineApi } from '../../core/xai';
import type { IngestInput } from '../library/ingest';
import { ingestInputOf, servedOf } from '../paid-work/ingest-input';

/** The demo library, only while it is the library in effect. */
export interface SampleLibrary {
  ingest(input: IngestInput): Promise<LibraryRecord>;
  record(id: string): LibraryRecord | undefined;
  read(relPath: string): Promise<Uint8Array>;
  /** Items in the library, trashed ones included. */
  count(): number;
}

export interface DemoSamplesDeps {
  /** The demo simulator's API base URL (`…/v1`) while demo mode runs, else null. Never the real API. */
  simulatorUrl(): string | null;
  /** The demo library while it is the library in effect, else null. */
  library(): SampleLibrary | null;
  /** An xAI client for the simulator at `baseUrl` with the demo key. */
  client(baseUrl: string): ImagineApi;
  /** Where the progress is kept. */
  progressFile: string;
  clock: Clock;
  logger: Logger;
  /** Delay between video polls (the simulator renders a clip in a few seconds). */
  pollMs?: number;
}

const IMAGE_MODEL = 'grok-imagine-image';
const VIDEO_MODEL = 'grok-imagine-video';

/** One image request of the recipe. */
interface ImageStep { name: string; prompt: string; ratio: string; n: number }
/** The images first (several shapes), then the edits, then the videos. */
export const SAMPLE_IMAGES: readonly ImageStep[] = [
  { name: 'lighthouse', prompt: 'a lighthouse on a rocky cliff at dusk, warm beam over a stormy sea, oil painting', ratio: '16:9', n: 2 },
  { name: 'fox', prompt: 'a red fox curled up in fresh snow, soft morning light, wildlife photo', ratio: '1:1', n: 2 },
  { name: 'street', prompt: 'a narrow neon-lit street in the rain at night, reflections on wet stones, cinematic', ratio: '9:16', n: 1 },
  { name: 'ramen', prompt: 'a steaming bowl of ramen on a dark wooden table, top-down food photo', ratio: '4:3', n: 1 },
  { name: 'greenhouse', prompt: 'an astronaut tending tomato plants in a greenhouse on Mars, watercolor', ratio: '3:2', n: 1 },
  { name: 'boat', prompt: 'a paper boat on a calm lake at sunrise, minimalist, pastel colours', ratio: '2:3', n: 1 },
  { name: 'nook', prompt: 'a cozy reading nook with a sleeping cat under a warm lamp, illustration', ratio: '3:4', n: 1 },
];
export const SAMPLE_EDITS = [
  { name: 'edit-winter', from: 'lighthouse', instruction: 'make it a snowy winter night' },
  { name: 'edit-aurora', from: 'edit-winter', instruction: 'add green northern lights in the sky' },
] as const;
export const SAMPLE_VIDEOS = {
  animate: { name: 'animate', from: 'fox', prompt: 'the fox lifts its head as fresh snow starts to fall', duration: 6 },
  extend: { name: 'extend', prompt: 'the fox stands up, shakes off the snow and trots away into the forest', seconds: 4 },
  text: { name: 'balloon', prompt: 'a hot air balloon rising past a misty cliff at sunrise, vertical video', duration: 5, ratio: '9:16' },
} as const;

/** The progress file: finished steps and the ids each filed; `skipped` when the library had items before. */
interface Progress { steps: Record<string, string[]>; skipped?: boolean }

class Stopped extends Error {}

export function createDemoSamples(deps: DemoSamplesDeps) {
  const { clock, logger } = deps;
  let running: Promise<void> | null = null;
  let abort: AbortController | null = null;

  const load = (): Progress | null => {
    try {
      const parsed = JSON.parse(readFileSync(deps.progressFile, 'utf8')) as Partial<Progress>;
      return { steps: typeof parsed.steps === 'object' && parsed.steps ? parsed.steps : {}, ...(parsed.skipped ? { skipped: true } : {}) };
    } catch {
      return null;
    }
  };
  const save = (p: Progress) => {
    const tmp = `${deps.progressFile}.tmp`;
    writeFileSync(tmp, JSON.stringify(p), { mode: 0o600 });
    renameSync(tmp, deps.progressFile);
  };

  async function run(controller: AbortController): Promise<void> {
    const signal = controller.signal;
    const first = deps.library();
    const url = deps.simulatorUrl();
    if (!first || !url) return;
    let progress = load();
    if (!progress) {
      progress = first.count() > 0 ? { steps: {}, skipped: true } : { steps: {} };
      save(progress);
    }
    if (progress.skipped) return;
    const p = progress;
    const api = deps.client(url);
    /** The demo library now, or stop: demo mode went off (or the run was stopped) meanwhile. */
    const lib = (): SampleLibrary => {
      const l = signal.aborted ? null : deps.library();
      if (!l) throw new Stopped();
      return l;
    };
    const done = (name: string, ids: string[]) => {
      p.steps[name] = ids;
      save(p);
    };
    /** The first item a finished step filed, if it is still in the library. */
    const itemOf = (step: string): LibraryRecord | undefined => {
      const id = p.steps[step]?.[0];
      const r = id ? lib().record(id) : undefined;
      return r && r.trashedAt === null && !r.missing ? r : undefined;
    };

    /** Files every image of an answer in hand (a stop waits for this, so a step is never half filed). */
    const fileImages = async (into: SampleLibrary, meta: StagedMeta, result: ImageResult): Promise<string[]> => {
      const ids: string[] = [];
      for (const [i, item] of result.items.entries()) {
        if (!item.ok || !item.bytes) continue;
        ids.push((await into.ingest(ingestInputOf(meta, item.bytes, i))).id);
      }
      return ids;
    };
    const metaOf = (name: string, result: ImageResult, prompt: string, params: Record<string, unknown>, ratio: string | null): StagedMeta => ({
      jobId: `demo-sample-${name}`, attempt: 1, requestId: result.requestId ?? null, costTicks: result.costTicks,
      share: result.costTicks === null ? null : Math.round(result.costTicks / Math.max(1, result.items.length)),
      prompt, model: IMAGE_MODEL, params, aspectRatio: ratio, slots: [], stagedAt: clock.now(), demo: true, ...servedOf(result, null),
    });

    /** Starts a video with the same request builder as real work, waits for it and files it. */
    const video = async (name: string, submit: Parameters<typeof wireCall>[0], media: Parameters<typeof wireCall>[1], parents: IngestInput['parents']) => {
      const into = lib();
      const call = wireCall(submit, media);
      const start = call.endpoint === 'extend'
        ? await api.extendVideo(call.body as Parameters<ImagineApi['extendVideo']>[0], { signal })
        : await api.startVideo(call.body as Parameters<ImagineApi['startVideo']>[0], { signal });
      const end = await waitForVideo(api, start.videoRequestId, { clock, signal, intervalMs: deps.pollMs ?? 1000 });
      if (end.status !== 'done') {
        logger.warn('demo samples: a video did not finish', { step: name, status: end.status });
        return done(name, []);
      }
      const { bytes } = await api.download(end.url, { signal });
      const record = await into.ingest({
        bytes, kind: 'video', origin: 'generated', prompt: submit.prompt, model: end.model ?? submit.model,
        params: { mode: submit.mode, ...(redact(call.body) as Record<string, unknown>) }, costTicks: end.costTicks,
        requestId: start.videoRequestId, moderation: 'passed', sourceJobId: `demo-sample-${name}`, parents,
      });
      done(name, [record.id]);
    };

    // The text → video renders beside the image → video (its failure is kept for the end). Both start after the
    // images and edits, so every video is newer than every image: the landing mixes shapes the same way each time.
    const t = SAMPLE_VIDEOS.text;
    let textVideo: Promise<unknown> = Promise.resolve(null);

    try {
      for (const s of SAMPLE_IMAGES) {
        if (p.steps[s.name]) continue;
        const req = { prompt: s.prompt, model: IMAGE_MODEL, n: s.n, aspect_ratio: s.ratio, resolution: '1k', response_format: 'b64_json' } as const;
        const into = lib();
        const result = await api.generateImages(req as Parameters<ImagineApi['generateImages']>[0], { signal });
        done(s.name, await fileImages(into, metaOf(s.name, result, s.prompt, { ...req }, s.ratio), result));
      }

      for (const e of SAMPLE_EDITS) {
        if (p.steps[e.name]) continue;
        const source = itemOf(e.from);
        if (!source) {
          done(e.name, []);
          continue;
        }
        const into = lib();
        const image = bytesToDataUri(await into.read(source.file), source.mime);
        const req = { prompt: e.instruction, model: IMAGE_MODEL, n: 1, resolution: '1k', response_format: 'b64_json', image: { url: image } } as const;
        const result = await api.editImages(req, { signal });
        const meta: StagedMeta = {
          ...metaOf(e.name, result, e.instruction, redact(req) as Record<string, unknown>, source.aspectRatio ?? null),
          kind: 'edit',
          edit: { instruction: e.instruction, parents: [source.id], revisedPrompts: result.items.map((i) => (i.ok ? i.revisedPrompt ?? null : null)) },
        };
        done(e.name, await fileImages(into, meta, result));
      }

      if (!p.steps[t.name]) {
        textVideo = video(t.name, { mode: 'text', prompt: t.prompt, model: VIDEO_MODEL, duration: t.duration, aspectRatio: t.ratio, resolution: '480p' }, {}, [])
          .then(() => null, (err: unknown) => err);
      }

      // The image → video of the fox (square, so the landing's first row holds four tiles), then its extension.
      const a = SAMPLE_VIDEOS.animate;
      const x = SAMPLE_VIDEOS.extend;
      if (!p.steps[a.name]) {
        const still = itemOf(a.from);
        if (!still) done(a.name, []);
        else {
          const image = bytesToDataUri(await lib().read(still.file), still.mime);
          await video(a.name, { mode: 'image', prompt: a.prompt, model: VIDEO_MODEL, duration: a.duration, resolution: '480p', image: { itemId: still.id } }, { image },
            [{ kind: 'animated-from', parentId: still.id }]);
        }
      }
      if (!p.steps[x.name]) {
        const clip = itemOf(a.name);
        if (!clip) done(x.name, []);
        else {
          const source = bytesToDataUri(await lib().read(clip.file), 'video/mp4');
          await video(x.name, { mode: 'extend', prompt: x.prompt, model: VIDEO_MODEL, videoId: clip.id, extendSeconds: x.seconds }, { video: source },
            [{ kind: 'extended-from', parentId: clip.id }]);
        }
      }
    } catch (err) {
      // Nothing may still be filing when the run ends: a stop waits for the run, then the library may switch.
      controller.abort();
      await textVideo;
      throw err;
    }
    const failed = await textVideo;
    if (failed) throw failed;
  }

  return {
    /**
     * Makes the missing samples in the background (a second call while a run is going joins it). Failures are logged,
     * never thrown: the samples are a welcome, not something demo mode depends on.
     */
    ensure(): Promise<void> {
      if (running) return running;
      const controller = new AbortController();
      abort = controller;
      const t0 = clock.now();
      running = run(controller)
        .then(() => {
          if (!controller.signal.aborted) logger.info('demo samples: ready', { ms: clock.now() - t0 });
        })
        .catch((err: unknown) => {
          if (err instanceof Stopped || controller.signal.aborted) logger.info('demo samples: stopped; the rest follow at the next entry');
          else logger.warn('demo samples: could not make them', { error: String(err) });
        })
        .finally(() => {
          running = null;
          abort = null;
        });
      return running;
    },
    /** Stops a run (demo mode is being switched off) and waits until it no longer touches the library. */
    async stop(): Promise<void> {
      abort?.abort();
      await running;
    },
    /** A run is going. */
    busy: () => running !== null,
  };
}
export type DemoSamples = ReturnType<typeof createDemoSamples>;
