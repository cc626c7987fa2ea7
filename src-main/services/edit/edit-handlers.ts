import type { Handlers } from '../../ipc/handlers';
import type { EditService } from './edit-service';
import type { EditSessionStore } from './edit-session';

/** The edit channels this module answers; the composition root spreads them into the full `Handlers` map. */
export type EditChannel = 'edit:prepare-source' | 'edit:submit' | 'edit:estimate' | 'edit:session' | 'edit:save-session' | 'edit:vary';

export function createEditHandlers(service: EditService, session: EditSessionStore): Pick<Handlers, EditChannel> {
  return {
    'edit:prepare-source': (input) => service.prepare(input),
    'edit:submit': (input) => service.submit(input),
    'edit:estimate': (input) => service.estimate(input),
    'edit:session': () => session.load(),
    'edit:save-session': (input) => session.save(input.session),
    'edit:vary': (input) => service.vary(input),
  };
}
