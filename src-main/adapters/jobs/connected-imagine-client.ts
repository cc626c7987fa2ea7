import type { Clock, Logger } from '../../core/ports';
import type { ImagineApi } from '../../core/xai';
import { createXaiImagineClient } from '../xai';

/** An `ImagineApi` whose calls go to the client of the connection in effect; `current()` names that client. */
export interface ConnectedImagineApi extends ImagineApi {
  current(): ImagineApi;
}

/**
 * An `ImagineApi` that follows the connection in effect (demo mode switches the base URL and the key at runtime),
 * with one HTTP client per base URL: every call asks `current()` for the client at that moment, written out per
 * method (the compiler checks that none is missing) rather than through a Proxy. The transport makes a single
 * attempt: the paid-work pipeline and the queue's scheduler own 429 handling (Retry-After, back-off, lowering
 * concurrency for everyone), and a transport retry would sit on a slot.
 */
export function createConnectedImagineClient(deps: {
  baseUrl: () => string;
  getApiKey: () => Promise<string | null>;
  clock: Clock;
  logger: Logger;
}): ConnectedImagineApi {
  const clients = new Map<string, ImagineApi>();
  const current = (): ImagineApi => {
    const url = deps.baseUrl();
    let client = clients.get(url);
    if (!client) {
      client = createXaiImagineClient({ baseUrl: url, getApiKey: deps.getApiKey, clock: deps.clock, logger: deps.logger, retry: { maxAttempts: 1 } });
      clients.set(url, client);
    }
    return client;
  };
  return {
    current,
    generateImages: (req, opts) => current().generateImages(req, opts),
    editImages: (req, opts) => current().editImages(req, opts),
    startVideo: (req, opts) => current().startVideo(req, opts),
    editVideo: (req, opts) => current().editVideo(req, opts),
    extendVideo: (req, opts) => current().extendVideo(req, opts),
    getVideo: (id, opts) => current().getVideo(id, opts),
    startDeferredImages: (req, opts) => current().startDeferredImages(req, opts),
    getDeferredImage: (id, n, opts) => current().getDeferredImage(id, n, opts),
    listImageModels: (opts) => current().listImageModels(opts),
    listVideoModels: (opts) => current().listVideoModels(opts),
    download: (url, opts) => current().download(url, opts),
  };
}
