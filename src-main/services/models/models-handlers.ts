import type { Handlers } from '../../ipc/handlers';
import type { CapabilityService } from './capability-service';

/** `models:*`: the capability table in effect, and a refresh from the listing endpoints. */
export function createModelsHandlers(service: CapabilityService): Pick<Handlers, 'models:capabilities' | 'models:refresh'> {
  return {
    'models:capabilities': () => service.view(),
    'models:refresh': () => service.refresh(),
  };
}
