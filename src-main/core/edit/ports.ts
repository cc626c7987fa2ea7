/**
 * Ports of the edit feature: turning arbitrary bytes into a source xAI accepts, and keeping prepared sources in a
 * temp area until an edit sends them.
 */

/** Formats xAI accepts as edit input (doc §4.1). */
export type EditMime = 'image/png' | 'image/jpeg' | 'image/webp';

/** A source that passed every check: bytes to send as they are. */
export interface NormalizedSource {
  ok: true;
  bytes: Uint8Array;
  mime: EditMime;
  width: number;
  height: number;
  /** What was changed to make it acceptable, in words. */
  notices: string[];
  /** A small WebP for the canvas card. */
  thumb: Uint8Array;
}

/** Why a file cannot be a source, in words a person can act on. */
export interface RefusedSource {
  ok: false;
  reason: string;
}

/** Rotation and crop applied to a source right before sending. */
export interface SourceTransform {
  rotate: 0 | 90 | 180 | 270;
  crop: { x: number; y: number; width: number; height: number } | null;
}

/** Validates and normalises image bytes. Never throws and never runs longer than its time limit. */
export interface SourceNormalizer {
  normalize(bytes: Uint8Array): Promise<NormalizedSource | RefusedSource>;
  /** Applies a rotation/crop to an already normalised source, keeping it within the limits. */
  transform(bytes: Uint8Array, mime: EditMime, t: SourceTransform): Promise<{ bytes: Uint8Array; mime: EditMime }>;
}

/** What the temp area remembers about a prepared source. */
export interface StoredSourceMeta {
  id: string;
  name: string;
  mime: EditMime;
  width: number;
  height: number;
  bytes: number;
  libraryItemId: string | null;
  notices: string[];
  createdAt: number;
}

/** Prepared sources, kept outside the library until an edit imports them. */
export interface EditSourceStore {
  put(meta: StoredSourceMeta, bytes: Uint8Array): Promise<void>;
  get(id: string): Promise<{ meta: StoredSourceMeta; bytes: Uint8Array } | null>;
  /** Records the library item a source became, so a second edit does not import it again. */
  setLibraryItem(id: string, itemId: string): Promise<void>;
  /** Removes sources older than `before` (ms since epoch); answers how many went. */
  sweep(before: number): Promise<number>;
}
