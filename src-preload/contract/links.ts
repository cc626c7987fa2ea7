import { z } from 'zod';
import { Empty } from './common';
import { MAX_PROMPT_LENGTH } from './capabilities';
import { LibraryId } from './library';

/** The URL scheme the desktop app registers with the OS: imagine-studio://… */
export const DEEP_LINK_SCHEME = 'imagine-studio';

/**
 * What an `imagine-studio://` link asks for, once main has parsed and checked it (src-main/core/links/):
 *   imagine-studio://item/<id>          open a library item in the viewer
 *   imagine-studio://collection/<id>    open the Library on a collection
 *   imagine-studio://remix?prompt=<text> open Generate with that prompt filled in (nothing is sent until the user
 *                                       presses Generate: a link never spends money)
 */
export const DeepLink = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('item'), id: LibraryId }).strict(),
  z.object({ kind: z.literal('collection'), id: LibraryId }).strict(),
  z.object({
    kind: z.literal('remix'),
    prompt: z
      .string()
      .trim()
      .min(1, 'A remix link needs a prompt (…/remix?prompt=…).')
      .max(MAX_PROMPT_LENGTH, `The prompt is longer than ${MAX_PROMPT_LENGTH.toLocaleString('en-US')} characters.`),
  }).strict(),
]);
export type DeepLink = z.infer<typeof DeepLink>;

export const linksChannels = {
  /**
   * Links that arrived before the window could take them (the one that launched the app), and the reasons for
   * those refused meanwhile; each is answered once. From this call on, main sends `links:open` as links arrive.
   */
  'links:pending': { input: Empty, output: z.object({ links: z.array(DeepLink), refused: z.array(z.string()) }) },
} as const;

export const linksEvents = {
  /** A checked link to act on now. Refused links arrive as an `app:notice` warning saying why. */
  'links:open': DeepLink,
} as const;
