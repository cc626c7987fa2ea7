/**
 * `imagine video "PROMPT" [--image FILE|ID] [--model M] [--duration S] [--resolution 480p|720p] [--aspect-ratio R]`:
 * the app's video service on the CLI's pipeline and the app's video journal (video-jobs.db). The start call is
 * paced, budgeted and worded by the pipeline; the job is journaled before the call and followed here until the
 * video is in the library (progress on stderr). If the command is stopped meanwhile, the job stays in the journal
 * and the app picks it up at its next start, as it does its own.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VideoSubmit, type VideoJobView } from '@contract';
import { systemClock } from '../../adapters/system-clock';
import { createFfmpegFrameExtractor, createVideoApi, createVideoJobStore } from '../../adapters/video';
import { fail } from '../../core/app-error';
import { videoLibraryFrom } from '../../services/video/library-port';
import { createVideoService } from '../../services/video/video-service';
import { openPaidWork, quiet, type PaidCommandContext } from './paid-context';

const MIME: Record<string, string> = { '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.webp': 'image/webp' };

export async function videoCommand(
  ctx: PaidCommandContext,
  prompt: string,
  opts: { image: string | undefined; model: string; duration: number; resolution: string; aspectRatio: string | undefined },
): Promise<number> {
  const paid = openPaidWork(ctx);
  let settle: (job: VideoJobView) => void = () => {};
  const settled = new Promise<VideoJobView>((resolve) => (settle = resolve));
  let mine: string | null = null;
  let lastNote = '';
  const video = createVideoService({
    api: createVideoApi({ baseUrl: () => ctx.baseUrl, getApiKey: ctx.getApiKey, clock: systemClock, logger: quiet }),
    store: createVideoJobStore(ctx.dataDir),
    library: videoLibraryFrom(ctx.library.service, ctx.library.files),
    extractFrame: createFfmpegFrameExtractor(),
    clock: systemClock,
    logger: quiet,
    spend: paid.spend,
    work: paid.work,
    // The app's test-only knob (e2e and tests with the simulator); the 5 s default follows the SDKs.
    ...(process.env.IMAGINE_VIDEO_POLL_MS ? { timing: { intervalMs: Number(process.env.IMAGINE_VIDEO_POLL_MS) } } : {}),
    events: {
      emit(event, payload) {
        const job = (payload as { job?: VideoJobView }).job;
        if (!job || job.id !== mine) return;
        const note = `Video ${job.state}${job.progress === null ? '' : ` ${job.progress}%`}`;
        if (event === 'video:progress' && note !== lastNote) ctx.out.progress((lastNote = note));
        if (event === 'video:settled') settle(job);
      },
    },
  });
  try {
    const image = opts.image === undefined ? undefined : existsSync(opts.image)
      ? { dataUrl: `data:${MIME[path.extname(opts.image).toLowerCase()] ?? 'image/png'};base64,${readFileSync(opts.image).toString('base64')}` }
      : { itemId: opts.image };
    const submit = VideoSubmit.parse(image
      ? { mode: 'image', prompt, model: opts.model, duration: opts.duration, resolution: opts.resolution, image }
      : { mode: 'text', prompt, model: opts.model, duration: opts.duration, resolution: opts.resolution, aspectRatio: opts.aspectRatio ?? '16:9' });
    ctx.out.progress(`Starting a ${opts.duration} s video with ${opts.model}…`);
    const started = await video.submit(submit);
    mine = started.id;
    const job = await settled;
    const reason = job.reason ?? `The video ended ${job.state}.`;
    if (job.state === 'blocked') return fail({ kind: 'moderated', message: reason });
    if (job.state !== 'done') return fail({ kind: 'api', status: 200, code: `video-${job.state}`, message: reason });
    const item = job.itemId ? ctx.library.service.records([job.itemId])[0] : undefined;
    ctx.out.result({ job, path: item ? path.join(ctx.library.dir, ...item.file.split('/')) : null }, () => [item ? path.join(ctx.library.dir, ...item.file.split('/')) : job.id]);
    return 0;
  } finally {
    await video.dispose();
    paid.close();
  }
}
