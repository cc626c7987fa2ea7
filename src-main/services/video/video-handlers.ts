import type { Handlers } from '../../ipc/handlers';
import type { VideoService } from './video-service';

/** The video channels; the composition root spreads them into the full `Handlers` map. */
export type VideoChannel = 'video:submit' | 'video:list' | 'video:cancel' | 'video:clear-finished' | 'video:estimate' | 'video:use-frame';

/** Maps parsed contract inputs onto the video service. */
export function createVideoHandlers(service: VideoService): Pick<Handlers, VideoChannel> {
  return {
    'video:submit': (input) => service.submit(input),
    'video:list': () => ({ jobs: service.list() }),
    'video:cancel': ({ id }) => service.cancel(id),
    'video:clear-finished': () => ({ count: service.clearFinished() }),
    'video:estimate': (input) => service.estimate(input),
    'video:use-frame': ({ itemId, seconds }) => service.useFrame(itemId, seconds),
  };
}
