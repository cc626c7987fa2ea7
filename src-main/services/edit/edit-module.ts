import path from 'node:path';
import type { Handlers } from '../../ipc/handlers';
import type { LibraryFiles } from '../../core/library/ports';
import type { Clock, Logger } from '../../core/ports';
import type { ImagineApi } from '../../core/xai';
import { createFsEditSourceStore } from '../../adapters/edit/fs-edit-source-store';
import { createSharpSourceNormalizer } from '../../adapters/edit/sharp-source-normalizer';
import type { ResultStaging } from '../../core/jobs/result-staging';
import type { SpendPort } from '../ledger/spend';
import type { PaidWork } from '../paid-work/paid-work';
import type { LibraryService } from '../library/library-service';
import { createEditHandlers, type EditChannel } from './edit-handlers';
import { createEditService } from './edit-service';
import { createEditSessionStore } from './edit-session';
import type { CapabilitySource } from '../models/capability-service';

/** Folder (inside the data dir, outside the library) where prepared sources wait for an edit. */
export const EDIT_SOURCES_DIR = 'edit-sources';

/** Builds the edit feature from the shared client and library; the composition root spreads its handlers. */
export function createEditModule(deps: {
  dataDir: string;
  api: ImagineApi;
  library: LibraryService;
  files: LibraryFiles;
  clock: Clock;
  logger: Logger;
  /** The ledger and budget shared with image batches (and videos). */
  spend: SpendPort;
  /** The staging area shared with the image queue (whose start-up recovery files staged edits too). */
  staging?: ResultStaging;
  /** The paid-work pipeline shared with the queue and videos (its staging, ledger and pacing). */
  work?: PaidWork;
  /** The request timeout from settings, as image batches use it. */
  timeoutMs?: () => number;
  /** The capability table in effect. */
  capabilities?: CapabilitySource;
}): { handlers: Pick<Handlers, EditChannel> } {
  const sources = createFsEditSourceStore(path.join(deps.dataDir, EDIT_SOURCES_DIR));
  const service = createEditService({
    api: deps.api,
    library: { ingest: deps.library.ingest, item: deps.library.item, read: (record) => deps.files.read(record.file) },
    normalizer: createSharpSourceNormalizer(),
    sources,
    clock: deps.clock,
    logger: deps.logger,
    spend: deps.spend,
    ...(deps.staging ? { staging: deps.staging } : {}),
    ...(deps.work ? { work: deps.work } : {}),
    ...(deps.timeoutMs ? { timeoutMs: deps.timeoutMs } : {}),
    ...(deps.capabilities ? { capabilities: deps.capabilities } : {}),
  });
  // Old prepared sources are only clutter: sweep them in the background, never delaying start-up.
  void service.sweep().catch((err: unknown) => deps.logger.warn('edit: sweep failed', { error: String(err) }));
  const session = createEditSessionStore({
    dataDir: deps.dataDir,
    exists: async (id) => (await sources.get(id)) !== null,
    prepareItem: (itemId) => service.prepare({ itemId }),
    logger: deps.logger,
  });
  return { handlers: createEditHandlers(service, session) };
}
