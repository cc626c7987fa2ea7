import { z } from 'zod';
import { LibraryId } from './library';

/** Share link ids: 32 lowercase hex characters. */
export const ShareId = z.string().regex(/^[0-9a-f]{32}$/, 'Not a share link id.');

/** A public link to one item, made through xAI's Files API. */
export const ShareLink = z.object({
  id: ShareId,
  itemId: LibraryId,
  url: z.string(),
  createdAt: z.number().int(),
  expiresAt: z.number().int(),
  /** `live` until it expires or is revoked. */
  state: z.enum(['live', 'expired', 'revoked']),
  bytes: z.number().int(),
  mime: z.string(),
});
export type ShareLink = z.infer<typeof ShareLink>;

/** What would leave this computer, shown in the warning before anything is sent. */
export const SharePreview = z.object({
  /** Single use, bound in main to this item and these bytes; expires in 10 minutes. */
  token: z.string().regex(/^[A-Za-z0-9_-]{32,64}$/),
  itemId: LibraryId,
  name: z.string(),
  mime: z.string(),
  bytes: z.number().int(),
  /** WebP and GIF are sent as JPEG / PNG (xAI's public links refuse them). */
  convertedFrom: z.string().nullable(),
  /** Demo mode: the link is made by the built-in simulator and works on this computer only. */
  simulated: z.boolean(),
});
export type SharePreview = z.infer<typeof SharePreview>;

/** Link lifetimes xAI accepts: one hour to thirty days. */
export const ShareExpiry = z.number().int().min(3_600).max(2_592_000);

export const shareChannels = {
  /**
   * Step 1 of "Create share link": main prepares the file of one item (converted when needed, without the prompt
   * and settings) and says what would be sent. Nothing leaves the computer yet.
   */
  'share:prepare': { input: z.object({ id: LibraryId }).strict(), output: SharePreview },
  /** Step 2, after the user confirmed the warning: uploads exactly the prepared file and makes its public link. */
  'share:create': {
    input: z.object({ token: SharePreview.shape.token, expiresInSec: ShareExpiry }).strict(),
    output: ShareLink,
  },
  /** Links, newest first: live ones (or also ended ones), of one item or of the whole library. */
  'share:list': {
    input: z.object({ itemId: LibraryId.optional(), includeEnded: z.boolean().default(false) }).strict(),
    output: z.object({ links: z.array(ShareLink) }),
  },
  /** Takes the link down at xAI (and deletes the uploaded file); the link stops working at once. */
  'share:revoke': { input: z.object({ id: ShareId }).strict(), output: ShareLink },
} as const;

export const shareEvents = {
  /** Links were made or revoked (the Shared view and the viewer refresh). */
  'share:changed': z.object({ itemId: LibraryId.optional() }),
} as const;
