import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { ShellKind } from '@contract';
import type { Clock, EventSink, Logger } from './core/ports';
import type { Handlers } from './ipc/handlers';
import { createLibraryAdapters } from './adapters/library';
import { createAppService } from './services/app/app-service';
import { createLibraryHandlers } from './services/library/library-handlers';
import { createLibraryService } from './services/library/library-service';

/** What a shell hands to the core: where data lives and the platform-specific ports. */
export interface CoreOptions {
  shell: ShellKind;
  dataDir: string;
  version: string;
  versions: Record<string, string>;
  events: EventSink;
  clock: Clock;
  logger: Logger;
  /** xAI API base URL override (proxies, the simulator). */
  apiBaseUrl?: string;
}

export interface AppCore {
  handlers: Handlers;
  libraryDir: string;
  dispose(): Promise<void>;
}

/**
 * The composition root shared by both shells: builds every service from its ports and binds each contract
 * channel to a handler. The shells only add transport (ipcMain or WebSocket) and platform adapters.
 */
export async function createAppCore(options: CoreOptions): Promise<AppCore> {
  const { dataDir, clock } = options;
  const libraryDir = path.join(dataDir, 'library');
  mkdirSync(libraryDir, { recursive: true });

  const app = createAppService({
    shell: options.shell,
    version: options.version,
    versions: options.versions,
    dataDir,
    libraryDir,
    platform: process.platform,
    clock,
  });

  const libraryAdapters = createLibraryAdapters(libraryDir);
  const library = createLibraryService({ ...libraryAdapters, clock, events: options.events, logger: options.logger });
  // Files deleted or added behind the app's back are found before anything new is ingested: a concurrent
  // ingest's file would otherwise look like an orphan to the sweep.
  await library.reconcile().catch((err: unknown) => {
    options.logger.error('library: reconcile failed', { error: String(err) });
  });

  const handlers: Handlers = {
    'app:info': () => app.info(),
    'app:ping': ({ message }) => app.ping(message),
    ...createLibraryHandlers(library),
  };

  return {
    handlers,
    libraryDir,
    async dispose() {
      libraryAdapters.store.close();
    },
  };
}
