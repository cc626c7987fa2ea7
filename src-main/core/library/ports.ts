import type { VideoProbe } from '../media/refusals';

/**
 * Ports the library service needs besides the store: the library folder, files outside it (import/export) and
 * media processing. Adapters: `NodeLibraryFiles`, `NodeExternalFiles`, `SharpFfmpegMediaProcessor`.
 */

/** Files inside the library root, by root-relative path (`media/ab/<id>.jpg`). */
export interface LibraryFiles {
  /**
   * Writes via a temp file in the same folder + rename, so a crash leaves the old file or the new one. `sync`
   * says what must survive a power cut before this resolves: the data and the directory entry (default), only the
   * data (the caller syncs the folder once for several files with `syncDir`), or nothing (derived files that
   * reconcile can remake).
   */
  writeAtomic(relPath: string, bytes: Uint8Array, sync?: 'file+dir' | 'file' | 'none'): Promise<void>;
  /** Flushes the directory entries of the folder holding `relPath` (renames done with `sync: 'file'`). */
  syncDir(relPath: string): Promise<void>;
  read(relPath: string): Promise<Uint8Array>;
  exists(relPath: string): Promise<boolean>;
  /** Removes a file; a file that is already gone is not an error. */
  remove(relPath: string): Promise<void>;
  /** Every file under `media/`, `thumbs/` and `previews/` (temp files included), as root-relative paths. */
  list(): Promise<string[]>;
  /** The files of one id shard (`media/<shard>/…`, `thumbs/<shard>/…`, `previews/<shard>/…`), temp files included. */
  listShard(shard: string): Promise<string[]>;
  /** Last modification time (ms since the epoch), or null when the file is gone. */
  modifiedAt(relPath: string): Promise<number | null>;
  /** The absolute path, for tools that want one (ffmpeg). */
  absolute(relPath: string): string;
}

/** Files the user chose outside the library. Implementations validate paths and refuse the library itself. */
export interface ExternalFiles {
  /** Reads a regular file by absolute path, refusing anything larger than `maxBytes`. */
  read(absPath: string, maxBytes: number): Promise<Uint8Array>;
  /** Creates `name` in `dir` without overwriting (adds ` (2)`, ` (3)`… on collision); returns the path written. */
  writeNew(dir: string, name: string, bytes: Uint8Array): Promise<string>;
  /** Throws a validation AppError unless `dir` is an existing absolute directory outside the library. */
  checkTargetDir(dir: string): Promise<void>;
  /**
   * Every file under `dir` and its subfolders whose extension is one of `extensions`, sorted by path; hidden
   * entries and symbolic links are skipped. Same folder rules as `checkTargetDir` (never the library itself).
   */
  listFolder(dir: string, extensions: readonly string[]): Promise<string[]>;
}

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export interface ImageInfo {
  format: ImageFormat;
  width: number;
  height: number;
}

/** Decoding, resizing and encoding of images, and probing of videos. */
export interface MediaProcessor {
  /**
   * Reads the header only (cheap); null when the bytes are not an image we accept. Throws a `validation` AppError
   * when the header declares more pixels than may be decoded (a decompression bomb), so the refusal says why.
   */
  probeImage(bytes: Uint8Array): Promise<ImageInfo | null>;
  /**
   * The grid thumbnail (512 px short side WebP, `renditionSize`) from one decode that shrinks on load. It reads the
   * whole body, so it is also the check that the image is complete: null when it cannot be decoded. `upright`: the
   * size `probeImage` just read (the header is then not parsed again).
   */
  thumbnail(bytes: Uint8Array, upright?: { width: number; height: number }): Promise<Uint8Array | null>;
  /** The lightbox preview (~1024 px WebP); made after the item is saved, off the ingest path. */
  preview(bytes: Uint8Array): Promise<Uint8Array>;
  /** Re-encodes to `format`, embedding the XMP packet when given and dropping all other metadata. */
  encode(bytes: Uint8Array, format: Exclude<ImageFormat, 'gif'>, xmp: string | null): Promise<Uint8Array>;
  /**
   * What ffprobe finds in video bytes (streams, codec, frame size, the longest declared length); null when it
   * cannot read them at all. `videoRefusal` (core/media/refusals) judges the answer.
   */
  probeVideo(bytes: Uint8Array): Promise<VideoProbe | null>;
  /** The same streams in an MP4 box (stream copy, no re-encoding), for MOV files; null when ffmpeg cannot. */
  toMp4(bytes: Uint8Array): Promise<Uint8Array | null>;
  /** The perceptual signature (64-bit pHash + mean colour, 22 hex digits) of any rendition; null when undecodable. */
  perceptualHash(bytes: Uint8Array): Promise<string | null>;
  /** A poster frame (PNG) from early in the video (the first frame when the clip is shorter than the usual skip). */
  videoPoster(absPath: string): Promise<Uint8Array>;
}

/** Points in the ingest sequence where a fault-injection hook may simulate the process dying. */
export type IngestStep = 'before-media' | 'after-media' | 'after-renditions' | 'after-sidecar' | 'after-row';

/**
 * Thrown by a fault-injection hook to simulate the process dying at that point: the service does no cleanup for it,
 * exactly as a killed process would not, so tests can prove that `reconcile()` restores consistency.
 */
export class SimulatedCrash extends Error {
  constructor(readonly step: IngestStep) {
    super(`simulated crash at ${step}`);
    this.name = 'SimulatedCrash';
  }
}
