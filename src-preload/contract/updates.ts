import { z } from 'zod';
import { Empty } from './common';

/**
 * Where the app's updates stand. The desktop app checks a release feed (electron-updater, `build.publish` in
 * package.json), downloads in the background and then offers "Restart to update"; the browser host and development
 * runs have no updater (`unavailable`, with the reason in words). `manual`: the user asked (menu or About), so the
 * outcome is worth a notice; automatic checks stay quiet until an update is ready.
 */
export const UpdateStatus = z.discriminatedUnion('state', [
  z.object({ state: z.literal('unavailable'), reason: z.string() }),
  z.object({ state: z.literal('idle') }),
  z.object({ state: z.literal('checking'), manual: z.boolean() }),
  z.object({ state: z.literal('up-to-date'), version: z.string(), checkedAt: z.number().int(), manual: z.boolean() }),
  z.object({ state: z.literal('downloading'), version: z.string(), percent: z.number().min(0).max(100), manual: z.boolean() }),
  z.object({ state: z.literal('ready'), version: z.string() }),
  z.object({ state: z.literal('error'), message: z.string(), checkedAt: z.number().int(), manual: z.boolean() }),
]);
export type UpdateStatus = z.infer<typeof UpdateStatus>;

export const updatesChannels = {
  /** Where updates stand now. */
  'updates:status': { input: Empty, output: UpdateStatus },
  /** Checks now (the user asked); answers once the check is done (a found update keeps downloading). */
  'updates:check': { input: Empty, output: UpdateStatus },
  /** Quits and installs the downloaded update, then starts the new version. Refused unless one is ready. */
  'updates:install': { input: Empty, output: z.object({ restarting: z.literal(true) }) },
} as const;

export const updatesEvents = {
  'updates:status': UpdateStatus,
} as const;
