import { randomBytes } from 'node:crypto';
import type { ShareLink, SharePreview } from '@contract';
import { fail } from '../../core/app-error';
import type { Clock, EventSink, Logger } from '../../core/ports';
import { SHARE_MAX_BYTES, SHAREABLE_MIME, type FilesApi, type ShareRow } from '../../core/share/ports';
import type { LibraryService } from '../library/library-service';

/** How long the warning may stay open before its prepared file is dropped. */
const GRANT_MS = 10 * 60_000;
/** Files of ended links deleted from xAI per listing (the rest on later listings). */
const CLEANUP_PER_LIST = 5;

interface Grant {
  itemId: string;
  file: { name: string; bytes: Uint8Array; mime: string };
  until: number;
}

const newId = () => randomBytes(16).toString('hex');
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/**
 * Share links: one item uploaded through xAI's Files API and given a public URL that expires (1 hour–30 days).
 * The upload costs nothing but sends the file out, so it is a two-step use case decided in main: `prepare` makes
 * the exact file (from main's own index, never a renderer path) and hands the renderer a single-use grant to show
 * in its warning; only `create` with that grant uploads, and only those bytes. Links live in the library index.
 */
export function createShareService(deps: {
  library: LibraryService;
  files: FilesApi;
  clock: Clock;
  events: EventSink;
  logger: Logger;
  simulated: () => boolean;
}) {
  const { library, clock } = deps;
  const grants = new Map<string, Grant>();

  const stateOf = (row: ShareRow, now: number): ShareLink['state'] =>
    row.revokedAt !== null ? 'revoked' : row.expiresAt <= now ? 'expired' : 'live';
  const toLink = (row: ShareRow, now: number): ShareLink => ({
    id: row.id, itemId: row.itemId, url: row.url, createdAt: row.createdAt, expiresAt: row.expiresAt,
    state: stateOf(row, now), bytes: row.bytes, mime: row.mime,
  });
  const find = (id: string) => library.shareLinks.list({}).find((r) => r.id === id) ?? fail({ kind: 'not-found', message: 'This share link no longer exists.' });

  /** Deletes the uploaded file of a link that has ended; failures are retried on a later listing. */
  async function deleteUpload(row: ShareRow): Promise<void> {
    try {
      await deps.files.deleteFile(row.fileId);
      library.shareLinks.put({ ...row, fileDeleted: true });
    } catch (err) {
      deps.logger.warn('share: could not delete an ended link\'s file at xAI', { link: row.id, error: String(err) });
    }
  }

  async function revokeRow(row: ShareRow, now: number): Promise<void> {
    await deps.files.revokePublicUrl(row.fileId);
    const revoked = { ...row, revokedAt: now };
    library.shareLinks.put(revoked);
    await deleteUpload(revoked);
    deps.logger.info('share: link revoked', { link: row.id });
    deps.events.emit('share:changed', { itemId: row.itemId });
  }

  /**
   * Deleting an item forever ends its live links: a public copy of something the user deleted would outlive their
   * intent. A link xAI could not revoke now (offline) stays listed, live, in the Shared view with its Revoke button.
   */
  library.onDeletingForever(async (ids) => {
    const now = clock.now();
    const doomed = new Set(ids);
    const live = library.shareLinks.list({ liveAt: now }).filter((r) => doomed.has(r.itemId));
    for (const row of live) {
      await revokeRow(row, now).catch((err: unknown) => {
        deps.logger.warn('share: could not revoke the link of an item deleted forever', { link: row.id, error: String(err) });
      });
    }
  });

  return {
    async prepare(itemId: string): Promise<SharePreview> {
      const now = clock.now();
      for (const [token, g] of grants) if (g.until <= now) grants.delete(token);
      const file = await library.shareableFile(itemId);
      if (!(SHAREABLE_MIME as readonly string[]).includes(file.mime)) {
        fail({ kind: 'validation', message: `Files of type ${file.mime} cannot be shared with a link.`, issues: [] });
      }
      if (file.bytes.byteLength > SHARE_MAX_BYTES) {
        fail({ kind: 'validation', message: `This file is ${mb(file.bytes.byteLength)}; xAI share links take files up to 50 MB.`, issues: [] });
      }
      const token = randomBytes(24).toString('base64url');
      grants.set(token, { itemId, file, until: now + GRANT_MS });
      return {
        token, itemId, name: file.name, mime: file.mime, bytes: file.bytes.byteLength, convertedFrom: file.convertedFrom,
        simulated: deps.simulated(),
      };
    },

    async create(token: string, expiresInSec: number): Promise<ShareLink> {
      const grant = grants.get(token);
      grants.delete(token); // single use, whatever happens next
      if (!grant || grant.until <= clock.now()) {
        fail({ kind: 'validation', message: 'This share request has expired. Choose "Create share link" again.', issues: [] });
      }
      const { fileId } = await deps.files.upload(grant.file);
      let url: { url: string; expiresAt: number | null };
      try {
        url = await deps.files.createPublicUrl(fileId, expiresInSec);
      } catch (err) {
        // No link, so the upload must not stay at xAI either.
        await deps.files.deleteFile(fileId).catch(() => {});
        throw err;
      }
      const now = clock.now();
      const row: ShareRow = {
        id: newId(), itemId: grant.itemId, fileId, url: url.url, createdAt: now, expiresAt: url.expiresAt ?? now + expiresInSec * 1000,
        revokedAt: null, fileDeleted: false, bytes: grant.file.bytes.byteLength, mime: grant.file.mime,
      };
      library.shareLinks.put(row);
      deps.logger.info('share: link created', { link: row.id, item: row.itemId, expiresAt: row.expiresAt });
      deps.events.emit('share:changed', { itemId: row.itemId });
      return toLink(row, now);
    },

    list(filter: { itemId?: string | undefined; includeEnded: boolean }): ShareLink[] {
      const now = clock.now();
      const rows = library.shareLinks.list({
        ...(filter.itemId ? { itemId: filter.itemId } : {}),
        ...(filter.includeEnded ? {} : { liveAt: now }),
      });
      // Ended links whose upload is still at xAI: delete those files now, a few per listing, in the background.
      const ended = library.shareLinks.list({}).filter((r) => !r.fileDeleted && stateOf(r, now) !== 'live').slice(0, CLEANUP_PER_LIST);
      for (const row of ended) void deleteUpload(row);
      return rows.map((r) => toLink(r, now));
    },

    async revoke(id: string): Promise<ShareLink> {
      const row = find(id);
      const now = clock.now();
      if (row.revokedAt === null) await revokeRow(row, now);
      return toLink(find(id), now);
    },
  };
}

export type ShareService = ReturnType<typeof createShareService>;
