import type { AppInfo, ChannelOutput, ShellKind } from '@contract';
import type { Clock } from '../../core/ports';

/** Facts about this running app, for the About panel and diagnostics. */
export function createAppService(deps: {
  shell: ShellKind;
  version: string;
  versions: Record<string, string>;
  dataDir: string;
  /** The library folder in effect, read per call: demo mode switches it. */
  libraryDir: () => string;
  platform: string;
  clock: Clock;
}) {
  return {
    info(): AppInfo {
      return {
        name: 'Imagine Studio',
        version: deps.version,
        shell: deps.shell,
        versions: deps.versions,
        dataDir: deps.dataDir,
        libraryDir: deps.libraryDir(),
        platform: deps.platform,
      };
    },
    ping(message: string): ChannelOutput<'app:ping'> {
      return { message, at: deps.clock.now() };
    },
  };
}
export type AppService = ReturnType<typeof createAppService>;
