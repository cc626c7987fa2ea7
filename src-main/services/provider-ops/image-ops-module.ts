import { ImageOperationEstimateInput, ImageOperationInput } from '@contract';
import type { Handlers } from '../../ipc/handlers';
import { halveImage } from '../../adapters/stability';
import type { LibraryFiles } from '../../core/library/ports';
import type { Clock, Logger } from '../../core/ports';
import type { ProviderClients } from '../providers/provider-clients';
import type { SpendLedger } from '../ledger/spend';
import type { ImageOpJournal } from '../../core/jobs/image-op-job';
import type { EventSink } from '../../core/ports';
import type { LibraryService } from '../library/library-service';
import type { CapabilitySource } from '../models/capability-service';
import type { PaidWork } from '../paid-work/paid-work';
import { createImageOpsService } from './image-ops-service';

/** Builds the image operations of other providers (Stability AI so far) from the shared ports and clients. */
export function createImageOpsModule(deps: {
  clients: ProviderClients;
  library: LibraryService;
  files: LibraryFiles;
  work: PaidWork;
  spend: SpendLedger;
  /** The journal of creative upscales (`<dataDir>/image-op-jobs.db`). */
  journal?: ImageOpJournal;
  events?: EventSink;
  /** Delay between polls of a creative upscale (default Stability's 10 s). */
  pollMs?: number;
  clock: Clock;
  logger: Logger;
  capabilities?: CapabilitySource;
}): { handlers: Pick<Handlers, 'edit:operation' | 'edit:operation-estimate' | 'edit:operations-collecting'>; resume(): number; busyCount(): number; dispose(): Promise<void> } {
  const service = createImageOpsService({
    stability: deps.clients.stability, work: deps.work, spend: deps.spend, clock: deps.clock, logger: deps.logger, halve: halveImage,
    library: { ingest: deps.library.ingest, item: deps.library.item, read: (record) => deps.files.read(record.file) },
    ...(deps.capabilities ? { capabilities: deps.capabilities } : {}),
    ...(deps.journal ? { journal: deps.journal } : {}),
    ...(deps.events ? { events: deps.events } : {}),
    ...(deps.pollMs !== undefined ? { pollMs: deps.pollMs } : {}),
    findBySourceJob(jobId, since) {
      const { ids } = deps.library.query({ filter: { kind: 'image', from: since, trashed: false }, sort: 'newest', limit: 500 });
      return deps.library.records(ids).find((r) => r.sourceJobId === jobId);
    },
  });
  // Parsed again here so in-process callers (tests, the CLI) get the schema's defaults (provider: Stability) too.
  return {
    resume: service.resume,
    busyCount: service.busyCount,
    dispose: service.dispose,
    handlers: {
      'edit:operation': (input) => service.run(ImageOperationInput.parse(input)),
      'edit:operation-estimate': (input) => service.estimate(ImageOperationEstimateInput.parse(input)),
      'edit:operations-collecting': () => Promise.resolve(service.collecting()),
    },
  };
}
