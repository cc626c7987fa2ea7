/**
 * Pure rules of a video job: the wire body a submit becomes, how patiently to poll, and every ending put in words.
 * No I/O here; the service resolves library media to data URLs first and passes them in.
 */
import type { LineageKind, VideoSubmit } from '@contract';
import type { MinimaxVideoRequest } from '../minimax/types';
import { billedNote, sentence } from '../paid-work/billed-failure';
import type { VideoEditRequest, VideoExtendRequest, VideoGenerateRequest } from '../xai/types';

/** Which endpoint a submit goes to, with its body. */
export type WireCall =
  | { endpoint: 'generate'; body: VideoGenerateRequest }
  /** MiniMax's Hailuo video (services/video/minimax-video.ts): its request, before the wire body. */
  | { endpoint: 'minimax'; body: MinimaxVideoRequest }
  | { endpoint: 'edit'; body: VideoEditRequest }
  | { endpoint: 'extend'; body: VideoExtendRequest };

/** Media the service resolved for a submit: data URLs (or web URLs) of the stills and of the source video. */
export interface ResolvedMedia {
  image?: string;
  lastImage?: string;
  references?: string[];
  video?: string;
}

/** Builds the request body for a submit. Edit and extend send no shape fields: the server inherits them. */
export function wireCall(submit: VideoSubmit, media: ResolvedMedia): WireCall {
  const prompt = submit.prompt;
  switch (submit.mode) {
    case 'text':
      return { endpoint: 'generate', body: { prompt, model: submit.model, duration: submit.duration, aspect_ratio: submit.aspectRatio, resolution: submit.resolution } };
    case 'image':
      // An empty I2V prompt is allowed (the image alone drives it); send none rather than "".
      return {
        endpoint: 'generate',
        body: {
          ...(prompt.trim() ? { prompt } : {}), model: submit.model, duration: submit.duration, resolution: submit.resolution, image: { url: media.image ?? '' },
          ...(submit.lastImage ? { last_frame: { url: media.lastImage ?? '' } } : {}),
        },
      };
    case 'reference':
      return {
        endpoint: 'generate',
        body: {
          prompt, model: submit.model, duration: submit.duration, aspect_ratio: submit.aspectRatio, resolution: submit.resolution,
          reference_images: (media.references ?? []).map((url) => ({ url })),
        },
      };
    case 'edit':
      return { endpoint: 'edit', body: { prompt, model: submit.model, video: { url: media.video ?? '' } } };
    case 'extend':
      return { endpoint: 'extend', body: { prompt, model: submit.model, video: { url: media.video ?? '' }, duration: submit.extendSeconds } };
  }
}

/** Replaces embedded media with a short marker, so the journal and the library keep the request, not megabytes. */
export function redact(value: unknown): unknown {
  if (typeof value === 'string') {
    const m = /^data:([^;,]*)[;,]/.exec(value);
    return m ? `data:${m[1]};… (${value.length} chars, not stored)` : value;
  }
  if (Array.isArray(value)) return value.map(redact);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redact(v)]));
  return value;
}

/** Library items a submit uses, and the lineage edge the new video gets to each. */
export function sourcesOf(submit: VideoSubmit): { parentId: string; kind: LineageKind }[] {
  switch (submit.mode) {
    case 'image':
      return [submit.image, submit.lastImage].flatMap((s) => (s && 'itemId' in s ? [{ parentId: s.itemId, kind: 'animated-from' as const }] : []));
    case 'reference':
      return submit.references.flatMap((r) => ('itemId' in r ? [{ parentId: r.itemId, kind: 'reference-of' as const }] : []));
    case 'edit':
      return [{ parentId: submit.videoId, kind: 'edited-from' }];
    case 'extend':
      return [{ parentId: submit.videoId, kind: 'extended-from' }];
    default:
      return [];
  }
}

/** How often to ask. Defaults follow the SDKs (5 s); tests pass tiny values or a fake clock. */
export interface PollTiming {
  intervalMs: number;
  /** Polling slows down for long jobs, up to this. */
  maxIntervalMs: number;
  /** Back-off ceiling while xAI is unreachable or answers errors. */
  maxErrorDelayMs: number;
  /** How long a finished result can still be downloaded (xAI keeps result links 24 h). */
  resultTtlMs: number;
}

export const DEFAULT_POLL_TIMING: PollTiming = {
  intervalMs: 5_000,
  maxIntervalMs: 30_000,
  maxErrorDelayMs: 300_000,
  resultTtlMs: 24 * 3_600_000,
};

/** Delay before the next poll of a pending job: steady for the first minute's worth of polls, then 1.2× per poll. */
export function pendingDelay(t: PollTiming, polls: number): number {
  const slow = Math.max(0, polls - 12);
  return Math.min(t.maxIntervalMs, Math.round(t.intervalMs * 1.2 ** slow));
}

/** Delay after `errors` consecutive failed attempts: doubling from the interval, capped. Never gives up. */
export function errorDelay(t: PollTiming, errors: number): number {
  return Math.min(t.maxErrorDelayMs, t.intervalMs * 2 ** Math.max(0, errors - 1));
}

const seconds = (ms: number) => (ms >= 60_000 ? `${Math.round(ms / 60_000)} min` : `${Math.max(1, Math.round(ms / 1000))} s`);

/** A message set inside a sentence: without closing punctuation of its own, so nothing reads "policy.)." */
export const clause = (message: string) => message.trim().replace(/[\s.!?…]+$/u, '');

/** What to change after a refusal: the words always, the pictures only when the job sent some (issue 14.12). */
const ADVICE: Record<VideoSubmit['mode'], string> = {
  text: 'rephrase the prompt',
  image: 'rephrase the prompt or use another image',
  reference: 'rephrase the prompt or use other reference images',
  edit: 'rephrase the edit instruction or use another video',
  extend: 'rephrase the prompt or use another video',
};
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Every ending of a job, in words a person can act on. */
export const reasons = {
  failed: (code: string, message: string, mode: VideoSubmit['mode']) => {
    const policy = code === 'permission_denied' || /moderat|policy|content/i.test(message);
    return policy
      ? `xAI refused this video (${clause(message)}). It may break xAI's content rules; ${ADVICE[mode]}.`
      : `xAI could not make this video: ${clause(message)} (${code}).`;
  },
  blocked: (reason: string, mode: VideoSubmit['mode']) =>
    `xAI's content moderation withheld this video (${clause(reason)}). Nothing was downloaded; xAI may still bill the job. ${capital(ADVICE[mode])}.`,
  expired: 'xAI let this job expire before it finished, so there is nothing to download. Submit it again.',
  linkExpired: 'The finished video could not be downloaded: its link expired (xAI keeps results for 24 hours).',
  lost: 'xAI no longer knows this job (it answered "not found"); it may have expired. Submit it again.',
  lostAtStart:
    'Imagine Studio stopped while sending this job, before xAI answered with an id. It may still have run and been billed; check the usage page of your xAI console.',
  cancelled:
    'You stopped waiting for this video. xAI cannot cancel a started video: it may still finish on xAI and be billed, but it will not be downloaded.',
  startFailed: (message: string, provider = 'xAI') => `${provider} did not start this video: ${sentence(message)}`,
  /** The start call failed after it may have reached xAI (timeout, broken connection, 5xx, unreadable answer). */
  startUnsure: (message: string, provider = 'xAI') => `${sentence(message)} ${billedNote('video', provider)}`,
  unreachable: (message: string, delayMs: number) => `${sentence(message)} Checking again in ${seconds(delayMs)}.`,
} as const;
