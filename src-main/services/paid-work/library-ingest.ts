import type { LibraryQueryInput, LibraryRecord } from '@contract';
import type { IngestInput } from '../library/ingest';

/** The part of the library paid work needs; `query`/`records` let recovery find items filed just before a crash. */
export interface LibraryIngest {
  ingest(input: IngestInput): Promise<LibraryRecord>;
  query?(input: LibraryQueryInput): { ids: string[] };
  records?(ids: readonly string[]): LibraryRecord[];
  /**
   * Resolves when the library's start-up check has run (it adopts items a crashed process saved up to their
   * sidecar but not their row): staged recovery waits for it, so it never files such an image a second time.
   */
  checked?(): Promise<void>;
}
