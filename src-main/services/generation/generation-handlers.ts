import type { Handlers } from '../../ipc/handlers';
import type { GenerationService } from './generation-service';

export type GenerationChannel =
  | 'jobs:queue' | 'jobs:pause' | 'jobs:move' | 'jobs:reorder' | 'jobs:compare'
  | 'jobs:submit' | 'jobs:list' | 'jobs:cancel' | 'jobs:retry' | 'jobs:clear-finished' | 'jobs:estimate';

/** Maps parsed contract inputs onto the queue; the composition root spreads these in. */
export function createGenerationHandlers(service: GenerationService): Pick<Handlers, GenerationChannel> {
  return {
    'jobs:queue': () => service.queue.view(),
    'jobs:compare': async (input) => {
      await service.requireKeys(input.combinations.map((c) => c.model));
      return service.compare(input);
    },
    'jobs:pause': (input) => service.queue.setPaused(input.paused),
    'jobs:move': (input) => service.queue.move(input),
    'jobs:reorder': (input) => service.queue.reorder(input.ids),
    'jobs:submit': async (input) => {
      await service.requireKeys([input.model]);
      return service.submit(input);
    },
    'jobs:list': () => service.list(),
    'jobs:cancel': (input) => ({ count: service.cancel(input) }),
    'jobs:retry': (input) => ({ count: service.retry(input) }),
    'jobs:clear-finished': () => ({ count: service.clearFinished() }),
    'jobs:estimate': (input) => service.estimate(input),
  };
}
