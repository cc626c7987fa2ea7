import type { Handlers } from '../../ipc/handlers';
import type { ShareService } from './share-service';

export type ShareChannel = 'share:prepare' | 'share:create' | 'share:list' | 'share:revoke';

/** Maps parsed contract inputs onto the share service. */
export function createShareHandlers(service: ShareService): Pick<Handlers, ShareChannel> {
  return {
    'share:prepare': ({ id }) => service.prepare(id),
    'share:create': ({ token, expiresInSec }) => service.create(token, expiresInSec),
    'share:list': ({ itemId, includeEnded }) => ({ links: service.list({ itemId, includeEnded }) }),
    'share:revoke': ({ id }) => service.revoke(id),
  };
}
