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

/** The library service's methods, listed (not discovered): a new one fails to compile until it is added here. */
const SERVICE_METHODS = [
  'ingest', 'idle', 'maintenanceStatus', 'query', 'queryLatest', 'noteBrowsing', 'position', 'facets', 'records', 'item', 'setFavorite', 'setRating', 'changeTags',
  'tags', 'trash', 'restore', 'emptyTrash', 'startBackground', 'stopBackground', 'duplicates', 'beginImport',
  'importFiles', 'cancelImport', 'exportItems', 'reconcile', 'checked', 'rebuild', 'close', 'shareableFile',
] as const;
/** Groups of methods, forwarded the same way one level down. */
const SERVICE_GROUPS = {
  collections: ['list', 'create', 'rename', 'remove', 'add', 'removeItems'],
  shareLinks: ['put', 'list'],
  smart: ['list', 'create', 'update', 'remove'],
} as const satisfies { [G in keyof LibraryService]?: readonly (keyof LibraryService[G])[] };
const FILES_METHODS = ['writeAtomic', 'syncDir', 'read', 'exists', 'remove', 'list', 'listShard', 'modifiedAt', 'absolute'] as const;

type Method = (...args: never[]) => unknown;
type Covered<T, K extends readonly PropertyKey[]> = Exclude<keyof T, K[number]> extends never ? true : Exclude<keyof T, K[number]>;
// Compile-time proof that the lists above cover every member (the error names what is missing).
const serviceCovered: Covered<LibraryService, [...typeof SERVICE_METHODS, keyof typeof SERVICE_GROUPS, 'onDeletingForever']> = true;
const collectionsCovered: Covered<LibraryService['collections'], typeof SERVICE_GROUPS.collections> = true;
const shareLinksCovered: Covered<LibraryService['shareLinks'], typeof SERVICE_GROUPS.shareLinks> = true;
const smartCovered: Covered<LibraryService['smart'], typeof SERVICE_GROUPS.smart> = true;
const filesCovered: Covered<LibraryFiles, typeof FILES_METHODS> = true;
void [serviceCovered, filesCovered, collectionsCovered, shareLinksCovered, smartCovered];

/** An object whose listed methods call the same method on `current()` at call time. */
function forwarding<T>(current: () => T, keys: readonly (keyof T)[]): Record<PropertyKey, Method> {
  const out: Record<PropertyKey, Method> = {};
  for (const key of keys) out[key as PropertyKey] = (...args: never[]) => (current()[key] as Method)(...args);
  return out;
}

/**
 * Demo mode and a user-chosen library folder mean the open library can change while the app runs. Everything
 * else (handlers, the queue, edits, video, the media routes) holds this switch and reaches the library in effect
 * through `current()` — directly, or through `service`/`files`, whose every method asks `current()` at call time
 * (so consumers that keep `library.ingest` in a variable still reach the library open when they call it) — so a
 * switch never leaves one service writing into the old folder. Hooks registered with `onDeletingForever` follow
 * the switch: they are registered again on each library opened.
 */
export function createLibrarySwitch(first: OpenLibrary, deps: { open(dir: string): Promise<OpenLibrary>; logger: Logger }) {
  let open = first;
  let switching: Promise<void> | null = null;
  const current = () => open;
  const hooks: Parameters<LibraryService['onDeletingForever']>[0][] = [];

  const service = {
    ...forwarding(() => open.service, SERVICE_METHODS),
    collections: forwarding(() => open.service.collections, SERVICE_GROUPS.collections),
    shareLinks: forwarding(() => open.service.shareLinks, SERVICE_GROUPS.shareLinks),
    smart: forwarding(() => open.service.smart, SERVICE_GROUPS.smart),
    onDeletingForever(hook: Parameters<LibraryService['onDeletingForever']>[0]) {
      hooks.push(hook);
      open.service.onDeletingForever(hook);
    },
  } as unknown as LibraryService;

  return {
    /** The library open right now. */
    current,
    /** The library service in effect; every method call goes to the library open at that moment. */
    service,
    files: forwarding(() => open.files, FILES_METHODS) as unknown as LibraryFiles,
    dir: () => open.dir,
    /** Closes the open library (after its background work) and opens the one in `dir`. */
    async switchTo(dir: string): Promise<void> {
      if (switching) await switching;
      if (dir === open.dir) return;
      switching = (async () => {
        const next = await deps.open(dir);
        for (const hook of hooks) next.service.onDeletingForever(hook);
        const previous = open;
        open = next;
        await previous.close();
        deps.logger.info('library: switched', { from: previous.dir, to: dir });
      })();
      try {
        await switching;
      } finally {
        switching = null;
      }
    },
    close: () => open.close(),
  };
}
export type LibrarySwitch = ReturnType<typeof createLibrarySwitch>;
