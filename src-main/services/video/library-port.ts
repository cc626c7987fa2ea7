import type { LibraryFiles } from '../../core/library/ports';
import type { LibraryService } from '../library/library-service';
import type { VideoLibrary } from './video-inputs';

/** The video service's view of the library service and its folder. */
export function videoLibraryFrom(library: LibraryService, files: LibraryFiles): VideoLibrary {
  return {
    record: (id) => library.records([id])[0],
    read: (p) => files.read(p),
    absolute: (p) => files.absolute(p),
    ingest: library.ingest,
    findBySourceJob(jobId, since) {
      // Items are few in a minute's window; the grid query is indexed by date, so this stays cheap at any size.
      const { ids } = library.query({ filter: { kind: 'video', from: since, trashed: false }, sort: 'newest', limit: 500 });
      return library.records(ids).find((r) => r.sourceJobId === jobId);
    },
  };
}
