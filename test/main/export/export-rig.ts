import path from 'node:path';
import type { ChannelName, Channels, Envelope } from '@contract';
import { NodeExportFiles } from '../../../src-main/adapters/export/node-export-files';
import { sharpToPng } from '../../../src-main/adapters/export/sharp-to-png';
import type { DesktopIntegration } from '../../../src-main/core/desktop/ports';
import { createDispatcher } from '../../../src-main/ipc/dispatcher';
import type { Handlers } from '../../../src-main/ipc/handlers';
import { createExportModule } from '../../../src-main/services/export/export-module';
import { tempDir } from '../library/fixtures';
import { openLibrary, silentLogger } from '../library/service-harness';

export const SENDER = { origin: 'app://test', isMainFrame: true, window: { id: 'window-1' } } as const;

/**
 * A real library (SQLite, sharp, ffmpeg) in a temp folder with the export module on top, called through the real
 * dispatcher so inputs are zod-parsed as in the app. `desktop` null is the browser host.
 */
export async function openExportRig(desktop: DesktopIntegration | null) {
  const { dir, cleanup } = await tempDir();
  const lib = openLibrary(path.join(dir, 'lib'));
  const module = createExportModule({
    dataDir: path.join(dir, 'data'),
    desktop,
    library: lib.service,
    files: lib.adapters.files,
    media: lib.adapters.media,
    out: new NodeExportFiles(),
    toPng: sharpToPng,
    clock: lib.clock,
    logger: silentLogger,
  });
  const dispatch = createDispatcher({
    handlers: module.handlers as unknown as Handlers,
    guard: () => null,
    logger: silentLogger,
  });
  return {
    dir,
    lib,
    module,
    call<C extends ChannelName>(channel: C, input: unknown): Promise<Envelope<ReturnType<Channels[C]['output']['parse']>>> {
      return dispatch(channel, input, SENDER) as never;
    },
    async close() {
      module.dispose();
      await lib.close();
      await cleanup();
    },
  };
}

/** Unwraps an envelope, failing the test with the error when it is not ok. */
export function ok<T>(env: Envelope<T>): T {
  if (!env.ok) throw new Error(`expected ok, got ${JSON.stringify(env.error)}`);
  return env.value;
}
