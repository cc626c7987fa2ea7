import type { LibraryFiles } from '../../core/library/ports';
import type { Logger } from '../../core/ports';
import type { LibraryService } from './library-service';

/** One open library: its folder, its service, its files, and how to close it. */
export interface OpenLibrary {
  dir: string;
  service: LibraryService;
  files: LibraryFiles;
  close(): Promise<void>;
}

/**
 * A stand-in whose methods look up the target at call time, not when they are read: consumers that keep
 * `library.ingest` in a variable must still reach the library open when they call it.
 */
function lateBound<T extends object>(target: () => T): T {
  const read = () => target() as Record<PropertyKey, unknown>;
  return new Proxy({} as T, {
    get: (_t, key) => {
      const value = read()[key];
      if (typeof value === 'function') {
        return (...args: unknown[]) => (read()[key] as (...a: unknown[]) => unknown).apply(read(), args);
      }
      // Nested groups of methods (e.g. `collections`) are late-bound the same way.
      if (value !== null && typeof value === 'object') return lateBound(() => read()[key] as object);
      return value;
    },
  });
}

/**
 * Demo mode and a user-chosen library folder mean the open library can change while the app runs. Everything
 * else (handlers, the queue, edits, video, the media routes) holds this switch and reaches the library in effect
 * through it, so a switch never leaves one service writing into the old folder.
 */
export function createLibrarySwitch(first: OpenLibrary, deps: { open(dir: string): Promise<OpenLibrary>; logger: Logger }) {
  let current = first;
  let switching: Promise<void> | null = null;

  return {
    /** The library service in effect; every method call goes to the library open at that moment. */
    service: lateBound(() => current.service),
    files: lateBound(() => current.files),
    dir: () => current.dir,
    /** Closes the open library (after its background work) and opens the one in `dir`. */
    async switchTo(dir: string): Promise<void> {
      if (switching) await switching;
      if (dir === current.dir) return;
      switching = (async () => {
        const next = await deps.open(dir);
        const previous = current;
        current = next;
        await previous.close();
        deps.logger.info('library: switched', { from: previous.dir, to: dir });
      })();
      try {
        await switching;
      } finally {
        switching = null;
      }
    },
    close: () => current.close(),
  };
}
export type LibrarySwitch = ReturnType<typeof createLibrarySwitch>;
