import type { LibraryRecord } from '@contract';
import { fail } from '../../core/app-error';
import type { FrameExtractor } from '../../core/video/frame';
import type { VideoLibrary } from './video-inputs';

/**
 * "Use this frame": the frame at `seconds` of a library video becomes a library image with a `frame-of` edge, ready
 * to start the next image→video (chaining shots) or to edit.
 */
export async function useFrame(deps: { library: VideoLibrary; extract: FrameExtractor }, itemId: string, seconds: number): Promise<LibraryRecord> {
  const video = deps.library.record(itemId);
  if (!video || video.kind !== 'video' || video.missing) fail({ kind: 'not-found', message: 'That video is no longer in the library.' });
  const last = Math.max(0, (video.durationMs ?? 0) / 1000 - 0.05);
  const at = Math.min(Math.max(0, seconds), last);
  let bytes: Uint8Array;
  try {
    bytes = await deps.extract(deps.library.absolute(video.file), at);
  } catch {
    fail({ kind: 'storage', message: 'That frame could not be read from the video.' });
  }
  return deps.library.ingest({
    bytes, kind: 'image', origin: 'extracted', prompt: video.prompt, model: video.model,
    params: { frameOf: video.id, seconds: Math.round(at * 1000) / 1000 },
    parents: [{ kind: 'frame-of', parentId: video.id }],
  });
}
