import { ImageOperationEstimateInput, ImageOperationInput } from '@contract';
import type { Handlers } from '../../ipc/handlers';
import { halveImage } from '../../adapters/stability';
import type { LibraryFiles } from '../../core/library/ports';
import type { Clock, Logger } from '../../core/ports';
import type { ProviderClients } from '../providers/provider-clients';
import type { SpendPort } from '../ledger/spend';
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
  spend: SpendPort;
  clock: Clock;
  logger: Logger;
  capabilities?: CapabilitySource;
}): { handlers: Pick<Handlers, 'edit:operation' | 'edit:operation-estimate'> } {
  const service = createImageOpsService({
    stability: deps.clients.stability, work: deps.work, spend: deps.spend, clock: deps.clock, logger: deps.logger, halve: halveImage,
    library: { ingest: deps.library.ingest, item: deps.library.item, read: (record) => deps.files.read(record.file) },
    ...(deps.capabilities ? { capabilities: deps.capabilities } : {}),
  });
  // Parsed again here so in-process callers (tests, the CLI) get the schema's defaults (provider: Stability) too.
  return {
    handlers: {
      'edit:operation': (input) => service.run(ImageOperationInput.parse(input)),
      'edit:operation-estimate': (input) => service.estimate(ImageOperationEstimateInput.parse(input)),
    },
  };
}
