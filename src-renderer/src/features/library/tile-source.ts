/**
 * Which file a tile shows: the smallest rendition with enough pixels for the tile on this display (its drawn width
 * × devicePixelRatio), so a tile is sharp on a 2× screen without decoding originals for small tiles. Thumbnail
 * (512 px short side), then the 1024 px preview, then the original image itself for tiles wider than both (a
 * panorama in a wide row at the largest size).
 */
import { LEGACY_THUMB_LONG_SIDE, PREVIEW_LONG_SIDE, renditionSize, type LibraryRecord } from '@contract';

export interface Rendition {
  path: string;
  /** Appended to the file's URL. */
  query?: string;
  /** Pixel width of the file (estimated from the item's size and the rendition's rule). */
  width: number;
}

/** A tile's candidates, smallest first; a thumbnail made to the current rule carries its rule in the URL. */
export function renditionsOf(record: LibraryRecord): Rendition[] {
  const w = record.width ?? 0;
  const h = record.height ?? 0;
  const known = w > 0 && h > 0;
  const size = (rule: Parameters<typeof renditionSize>[2]) => (known ? renditionSize(w, h, rule).width : 0);
  const out: Rendition[] = [];
  if (record.thumb) {
    const thumbWidth = record.thumbPx ? size('thumb') : size({ longSide: LEGACY_THUMB_LONG_SIDE });
    // The remade thumbnail keeps its path: the rule in the query string keeps a cached older one from showing.
    out.push({ path: record.thumb, width: thumbWidth, ...(record.thumbPx ? { query: `?px=${record.thumbPx}` } : {}) });
  }
  if (record.preview) out.push({ path: record.preview, width: size({ longSide: PREVIEW_LONG_SIDE }) });
  if (record.kind === 'image') out.push({ path: record.file, width: known ? w : Number.MAX_SAFE_INTEGER });
  return out;
}

/**
 * The rendition to show for `needed` device pixels of width: the first with at least 90 % of them, else the
 * largest; `failed` ones are skipped (a preview the background queue has not made yet, say).
 */
export function pickRendition(list: readonly Rendition[], needed: number, failed: readonly string[]): Rendition | undefined {
  const usable = list.filter((r) => !failed.includes(r.path));
  return usable.find((r) => r.width >= needed * 0.9) ?? usable.at(-1);
}

/** Drawn width of a picture of ratio `shape` in a `width`×`height` box with object-fit: cover. */
export function coverWidth(width: number, height: number, shape: number): number {
  return shape > 0 ? Math.max(width, height * shape) : width;
}
