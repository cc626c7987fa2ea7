/** What the app asks MiniMax for (image-01, Hailuo v1 video) and what comes back (minimax-api.md §3–§4). */
import type { ImageRatio } from '@contract';
import type { CallOptions } from '../xai/types';

/** One of image-01's ratios (the capability table's `minimax` models list them). */
export type MinimaxImageRatio = ImageRatio;

export interface MinimaxImageRequest {
  model: 'image-01' | 'image-01-live';
  prompt: string;
  aspectRatio?: MinimaxImageRatio;
  n?: number;
  seed?: number;
  promptOptimizer?: boolean;
  /** One front-facing portrait (`data:` URL or https URL): subject reference. */
  subjectReference?: string;
}

export interface MinimaxImageResult {
  /** Bytes of every image that came back (URLs are downloaded at once: they expire in 24 h). */
  images: { bytes: Uint8Array; mime: string }[];
  /** Images the content filter withheld (`failed_count`). */
  withheld: number;
  traceId?: string;
}

export type MinimaxVideoMode = 'text' | 'image' | 'first-last' | 'subject';

export interface MinimaxVideoRequest {
  model: string;
  prompt?: string;
  /** `data:` or https URL; image→video and first/last frame. */
  firstFrame?: string;
  lastFrame?: string;
  /** One face image: subject reference (S2V-01). */
  subject?: string;
  duration?: number;
  resolution?: '512P' | '720P' | '768P' | '1080P';
  promptOptimizer?: boolean;
}

export type MinimaxTaskPoll =
  | { status: 'pending'; stage: string; traceId?: string }
  | { status: 'done'; fileId: string; width: number | null; height: number | null; traceId?: string }
  | { status: 'failed'; code: number; message: string; filtered: boolean; traceId?: string };

export interface MinimaxApi {
  generateImages(req: MinimaxImageRequest, opts?: CallOptions): Promise<MinimaxImageResult>;
  /** Creates a video task; persist the task id at once (the create call is the paid step). */
  startVideo(req: MinimaxVideoRequest, opts?: CallOptions): Promise<{ taskId: string; traceId?: string }>;
  pollVideo(taskId: string, opts?: CallOptions): Promise<MinimaxTaskPoll>;
  /** A fresh download URL for a finished file (they last an hour). */
  retrieveFile(fileId: string, opts?: CallOptions): Promise<{ url: string; bytes: number | null }>;
  /** Downloads a finished video, re-resolving the URL once when it has expired. */
  downloadVideo(fileId: string, opts?: CallOptions): Promise<Uint8Array>;
}
