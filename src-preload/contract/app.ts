import { z } from 'zod';
import { Empty, ShellKind } from './common';

/** Facts for the About panel and for diagnostics. Contains no secrets. */
export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  shell: ShellKind,
  versions: z.record(z.string(), z.string()),
  dataDir: z.string(),
  libraryDir: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appChannels = {
  /** Versions, shell kind and data locations. */
  'app:info': { input: Empty, output: AppInfo },
  /** Echo, for health checks and tests of the bridge. */
  'app:ping': {
    input: z.object({ message: z.string().max(1000) }).strict(),
    output: z.object({ message: z.string(), at: z.number() }),
  },
} as const;

export const appEvents = {
  /** A short notice from main for the user (repairs, warnings). */
  'app:notice': z.object({ level: z.enum(['info', 'warning', 'error']), message: z.string() }),
} as const;
