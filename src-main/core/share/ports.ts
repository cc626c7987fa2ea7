import type { CallOptions } from '../xai';

/** Public URLs allowed by xAI: one hour to thirty days (updates doc §5.2, #85). */
export const SHARE_MIN_SECONDS = 3_600;
export const SHARE_MAX_SECONDS = 2_592_000;
/** xAI serves public URLs for files of at most 50 MiB, PNG, JPEG, MP4 or PDF only (#87). */
export const SHARE_MAX_BYTES = 50 * 1024 * 1024;
export const SHAREABLE_MIME = ['image/png', 'image/jpeg', 'video/mp4'] as const;

/** xAI's Files API, as far as share links need it. Implemented by the HTTP adapter and checked against the simulator. */
export interface FilesApi {
  /** `POST /v1/files` (multipart): the file id. */
  upload(file: { bytes: Uint8Array; name: string; mime: string }, o?: CallOptions): Promise<{ fileId: string }>;
  /** `POST /v1/files/{id}/public-url` with `expires_after`: the URL and its end (ms). */
  createPublicUrl(fileId: string, expiresAfterSec: number, o?: CallOptions): Promise<{ url: string; expiresAt: number | null }>;
  /** `POST /v1/files/{id}/public-url/revoke`: true when a live URL was taken down (never an error, #86). */
  revokePublicUrl(fileId: string, o?: CallOptions): Promise<{ revoked: boolean }>;
  /** `DELETE /v1/files/{id}`: the file is gone (its URL with it); a file already gone is not an error. */
  deleteFile(fileId: string, o?: CallOptions): Promise<void>;
}

/** A share link as the index keeps it. */
export interface ShareRow {
  id: string;
  itemId: string;
  fileId: string;
  url: string;
  createdAt: number;
  expiresAt: number;
  revokedAt: number | null;
  /** The uploaded file was deleted from xAI (after a revoke or once expired). */
  fileDeleted: boolean;
  bytes: number;
  mime: string;
}
