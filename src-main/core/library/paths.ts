/**
 * Where an item's files live, relative to the library root. Sharded by the first two hex chars of the (random) id:
 * 256 folders, so 300k items make ~1.2k files per folder instead of one folder no file manager can open.
 */
export const LIBRARY_DIRS = ['media', 'thumbs', 'previews'] as const;
export type LibraryDir = (typeof LIBRARY_DIRS)[number];

export function shardOf(id: string): string {
  return id.slice(0, 2);
}

export function mediaPath(id: string, ext: string): string {
  return `media/${shardOf(id)}/${id}.${ext}`;
}
export function sidecarPath(id: string): string {
  return `media/${shardOf(id)}/${id}.json`;
}
export function thumbPath(id: string): string {
  return `thumbs/${shardOf(id)}/${id}.webp`;
}
export function previewPath(id: string): string {
  return `previews/${shardOf(id)}/${id}.webp`;
}

/** Temp files are dot-files ending in `.tmp` in the target's own folder (same file system, so rename is atomic). */
export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith('.tmp');
}

/** Splits `media/ab/<id>.<ext>` into id and extension, or null for names that are not ours. */
export function parseLibraryName(relPath: string): { dir: string; id: string; ext: string } | null {
  const m = /^(media|thumbs|previews)\/([0-9a-f]{2})\/([0-9a-f]{32})\.([a-z0-9]{2,5})$/.exec(relPath);
  if (!m || m[3]?.slice(0, 2) !== m[2]) return null;
  return { dir: m[1] ?? '', id: m[3] ?? '', ext: m[4] ?? '' };
}

const EXT_BY_MIME: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
};
const MIME_BY_EXT: Record<string, string> = Object.fromEntries(Object.entries(EXT_BY_MIME).map(([m, e]) => [e, m]));

export function extForMime(mime: string): string | null {
  return EXT_BY_MIME[mime] ?? null;
}
export function mimeForExt(ext: string): string | null {
  return MIME_BY_EXT[ext] ?? null;
}
