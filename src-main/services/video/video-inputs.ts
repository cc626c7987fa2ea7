/**
 * Turns a submit into what the API needs: library items become data URLs, and the source video's length is checked
 * against the edit/extend limits before anything is sent (xAI would otherwise fail the job after billing the call).
 */
import { BUILT_IN_TABLE, type CapabilityTable, type LibraryRecord, type StillSource, type VideoEstimate, type VideoSubmit } from '@contract';
import type { IngestInput } from '../library/ingest';
import { estimateVideoCost, estimateVideoInputCost } from '../../core/xai/cost';
import { LIMITS } from '../../core/xai/models';
import { videoEditIssues, videoExtendIssues, videoGenerateIssues, type Issue } from '../../core/xai/validate';
import { wireCall, type ResolvedMedia, type WireCall } from '../../core/video/plan';
import { inspectMinimax, minimaxModel, minimaxRequest } from './minimax-video';

/** What the video service needs from the library: look-ups, file bytes and ingest. */
export interface VideoLibrary {
  record(id: string): LibraryRecord | undefined;
  /** Bytes of a library-relative file (`record.file`). */
  read(relPath: string): Promise<Uint8Array>;
  /** Absolute path of a library-relative file, for ffmpeg. */
  absolute(relPath: string): string;
  ingest(input: IngestInput): Promise<LibraryRecord>;
  /** The video a job already filed (by `sourceJobId`), among items created since `since`; for crash recovery. */
  findBySourceJob(jobId: string, since: number): LibraryRecord | undefined;
}

const STILL_TYPES = ['image/png', 'image/jpeg', 'image/webp'];
/** A stand-in for media in estimates, so validation runs without reading files. */
const PLACEHOLDER = 'https://library.invalid/source';

function stillIssues(lib: VideoLibrary, source: StillSource, path: string): Issue[] {
  if (!('itemId' in source)) return [];
  const r = lib.record(source.itemId);
  if (!r || r.trashedAt !== null) return [{ path, message: 'That image is no longer in the library.' }];
  if (r.missing) return [{ path, message: 'That image’s file is missing from the library folder.' }];
  if (r.kind !== 'image') return [{ path, message: 'Choose an image, not a video.' }];
  if (!STILL_TYPES.includes(r.mime)) return [{ path, message: 'xAI accepts PNG, JPEG or WebP images; this one is not.' }];
  return [];
}

/** The source video of an edit or extension, with the length checks of doc §7.2/§7.3. */
function sourceVideo(lib: VideoLibrary, submit: Extract<VideoSubmit, { mode: 'edit' | 'extend' }>): { record?: LibraryRecord; issues: Issue[] } {
  const r = lib.record(submit.videoId);
  const bad = (message: string) => ({ issues: [{ path: 'video', message }] });
  if (!r || r.trashedAt !== null) return bad('That video is no longer in the library.');
  if (r.missing) return bad('That video’s file is missing from the library folder.');
  if (r.kind !== 'video') return bad('Choose a video, not an image.');
  // An imported WebM stays WebM in the library; xAI takes MP4 sources (doc §7.2).
  if (r.mime !== 'video/mp4') return bad('xAI takes MP4 videos; this one is WebM. Export it as MP4 (H.264) and import that.');
  const s = (r.durationMs ?? 0) / 1000;
  if (submit.mode === 'edit' && s > LIMITS.editInputMaxSeconds) {
    return { record: r, issues: [{ path: 'video', message: `This video is ${s.toFixed(1)} s; xAI edits videos up to ${LIMITS.editInputMaxSeconds} s.` }] };
  }
  const range = LIMITS.extensionInput;
  if (submit.mode === 'extend' && (s < range.min || s > range.max)) {
    return { record: r, issues: [{ path: 'video', message: `This video is ${s.toFixed(1)} s; xAI extends videos of ${range.min}–${range.max} s.` }] };
  }
  return { record: r, issues: [] };
}

function placeholders(submit: VideoSubmit): ResolvedMedia {
  if (submit.mode === 'image') {
    const last = submit.lastImage ? { lastImage: 'dataUrl' in submit.lastImage ? submit.lastImage.dataUrl : PLACEHOLDER } : {};
    return { image: 'dataUrl' in submit.image ? submit.image.dataUrl : PLACEHOLDER, ...last };
  }
  if (submit.mode === 'reference') return { references: submit.references.map((r) => ('dataUrl' in r ? r.dataUrl : PLACEHOLDER)) };
  if (submit.mode === 'edit' || submit.mode === 'extend') return { video: PLACEHOLDER };
  return {};
}

function requestIssues(call: WireCall, table: CapabilityTable): Issue[] {
  if (call.endpoint === 'minimax') return [];
  if (call.endpoint === 'generate') return videoGenerateIssues(call.body, table);
  return call.endpoint === 'edit' ? videoEditIssues(call.body, table) : videoExtendIssues(call.body, table);
}

/** Problems, the estimate and the expected output length of a submit, without reading any media. */
export function inspectSubmit(lib: VideoLibrary, submit: VideoSubmit, table: CapabilityTable = BUILT_IN_TABLE): VideoEstimate & { seconds: number | null } {
  const issues: Issue[] = [];
  if (submit.mode === 'image') issues.push(...stillIssues(lib, submit.image, 'image'));
  if (submit.mode === 'image' && submit.lastImage) issues.push(...stillIssues(lib, submit.lastImage, 'lastImage'));
  if (submit.mode === 'reference') submit.references.forEach((r, i) => issues.push(...stillIssues(lib, r, `references.${i}`)));
  const minimax = minimaxModel(submit.model, table);
  if (minimax) return inspectMinimax(submit, minimax, issues);
  const call = wireCall(submit, placeholders(submit));
  issues.push(...requestIssues(call, table));
  if (submit.mode === 'edit' || submit.mode === 'extend') {
    const { record, issues: sourceProblems } = sourceVideo(lib, submit);
    issues.push(...sourceProblems);
    const inputSeconds = Math.round((record?.durationMs ?? 0) / 1000);
    const extensionSeconds = submit.mode === 'extend' ? submit.extendSeconds : undefined;
    // The output keeps the source's resolution (capped at 720p), and the price follows it.
    const short = record?.width && record.height ? Math.min(record.width, record.height) : 720;
    const resolution = short <= 480 ? '480p' : '720p';
    const { ticks, usd, source } = estimateVideoInputCost({ model: submit.model, inputSeconds, resolution, ...(extensionSeconds ? { extensionSeconds } : {}) }, table);
    const seconds = record?.durationMs ? inputSeconds + (extensionSeconds ?? 0) : null;
    return { ticks, usd, source, issues, seconds };
  }
  const { ticks, usd, source } = estimateVideoCost(call.body as Parameters<typeof estimateVideoCost>[0], table);
  return { ticks, usd, source, issues, seconds: submit.duration };
}

function dataUrl(mime: string, bytes: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
}

async function stillUrl(lib: VideoLibrary, source: StillSource): Promise<string> {
  if ('dataUrl' in source) return source.dataUrl;
  const r = lib.record(source.itemId);
  if (!r) throw new Error('checked by inspectSubmit');
  return dataUrl(r.mime, await lib.read(r.file));
}

/** The wire call with real media: library files are read and embedded (xAI cannot reach the user's disk). */
export async function resolveSubmit(lib: VideoLibrary, submit: VideoSubmit, table: CapabilityTable = BUILT_IN_TABLE): Promise<WireCall> {
  const media: ResolvedMedia = {};
  if (submit.mode === 'image') media.image = await stillUrl(lib, submit.image);
  if (submit.mode === 'image' && submit.lastImage) media.lastImage = await stillUrl(lib, submit.lastImage);
  if (submit.mode === 'reference') media.references = await Promise.all(submit.references.map((r) => stillUrl(lib, r)));
  if (submit.mode === 'edit' || submit.mode === 'extend') {
    const r = lib.record(submit.videoId);
    if (!r) throw new Error('checked by inspectSubmit');
    media.video = dataUrl('video/mp4', await lib.read(r.file));
  }
  if (minimaxModel(submit.model, table)) return { endpoint: 'minimax', body: minimaxRequest(submit, media) };
  return wireCall(submit, media);
}
