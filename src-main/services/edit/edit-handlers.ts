import type { Handlers } from '../../ipc/handlers';
import type { EditService } from './edit-service';

/** The edit channels this module answers; the composition root spreads them into the full `Handlers` map. */
export type EditChannel = 'edit:prepare-source' | 'edit:submit' | 'edit:estimate' | 'edit:vary';

export function createEditHandlers(service: EditService): Pick<Handlers, EditChannel> {
  return {
    'edit:prepare-source': (input) => service.prepare(input),
    'edit:submit': (input) => service.submit(input),
    'edit:estimate': (input) => service.estimate(input),
    'edit:vary': (input) => service.vary(input),
  };
}
