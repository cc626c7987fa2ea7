import { ImageOperationEstimateInput, ImageOperationInput } from '@contract';
import type { Handlers } from '../../ipc/handlers';
import { createStabilityClient, halveImage } from '../../adapters/stability';
import { createWindowThrottle } from '../../core/providers/throttle';
import type { LibraryFiles } from '../../core/library/ports';
import type { Clock, Logger } from '../../core/ports';
import type { StabilityApi } from '../../core/stability/types';
import type { ApiConnection } from '../demo/api-connection';
import type { SpendPort } from '../ledger/spend';
import type { LibraryService } from '../library/library-service';
import type { CapabilitySource } from '../models/capability-service';
import type { PaidWork } from '../paid-work/paid-work';
import { createImageOpsService } from './image-ops-service';

/**
 * Builds the image operations of other providers (Stability AI so far) from the shared ports. One Stability client per
 * origin (the public host, or the demo simulator), all sharing one throttle under the published 150 requests per 10 s.
 */
export function createImageOpsModule(deps: {
  connection: ApiConnection;
  library: LibraryService;
  files: LibraryFiles;
  work: PaidWork;
  spend: SpendPort;
  clock: Clock;
  logger: Logger;
  version: string;
  capabilities?: CapabilitySource;
}): { handlers: Pick<Handlers, 'edit:operation' | 'edit:operation-estimate'> } {
  const throttle = createWindowThrottle({ max: 140, windowMs: 10_000, clock: deps.clock });
  const clients = new Map<string, StabilityApi>();
  const stability = (): StabilityApi => {
    const baseUrl = deps.connection.providerBaseUrl('stability');
    let client = clients.get(baseUrl);
    if (!client) {
      client = createStabilityClient({
        baseUrl, getApiKey: () => deps.connection.getProviderKey('stability'), clock: deps.clock, logger: deps.logger, throttle, appVersion: deps.version,
      });
      clients.set(baseUrl, client);
    }
    return client;
  };
  const service = createImageOpsService({
    stability, work: deps.work, spend: deps.spend, clock: deps.clock, logger: deps.logger, halve: halveImage,
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
