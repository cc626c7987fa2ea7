/**
 * The first, byte-level verdict on a file offered to the library: which image format or video container it is, or
 * why it is refused, before any decoder runs. The import flow (and any import pipeline) calls this first, then the
 * decoders (`MediaProcessor.probeImage` / `probeVideo`) for what only decoding can tell.
 */
import { containerIntact } from './container-integrity';
import { notMediaRefusal, truncatedRefusal, unsupportedImageRefusal } from './refusals';
import { sniffMedia, type VideoContainer } from './sniff';

/** Image formats the library stores as they are. */
export type LibraryImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';
const STORED: ReadonlySet<string> = new Set<LibraryImageFormat>(['jpeg', 'png', 'webp', 'gif']);

export type LibraryVerdict =
  | { ok: true; kind: 'image'; format: LibraryImageFormat }
  | { ok: true; kind: 'video'; container: VideoContainer }
  | { ok: false; reason: string };

export function libraryVerdict(bytes: Uint8Array): LibraryVerdict {
  const sniffed = sniffMedia(bytes);
  if (sniffed.kind === 'none') return { ok: false, reason: notMediaRefusal(sniffed.why) };
  if (sniffed.kind === 'image') {
    return STORED.has(sniffed.format)
      ? { ok: true, kind: 'image', format: sniffed.format as LibraryImageFormat }
      : { ok: false, reason: unsupportedImageRefusal(sniffed.format) };
  }
  if (!containerIntact(bytes, sniffed.container)) return { ok: false, reason: truncatedRefusal(sniffed.container) };
  return { ok: true, kind: 'video', container: sniffed.container };
}
