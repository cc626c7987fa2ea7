import type { Clock, Logger } from '../../core/ports';
import type { ImagineApi } from '../../core/xai';
import { createXaiImagineClient } from '../xai';

/**
 * The video service's view of the API: the client for the connection in effect (demo mode switches base URL and
 * key at runtime), one per base URL. Unlike the image queue's client it keeps the transport's default retries: polls
 * are safe GETs, and the downloader needs them to resume a broken transfer with a Range request.
 */
export function createVideoApi(deps: {
  baseUrl: () => string;
  getApiKey: () => Promise<string | null>;
  clock: Clock;
  logger: Logger;
}): () => ImagineApi {
  const clients = new Map<string, ImagineApi>();
  return () => {
    const url = deps.baseUrl();
    let client = clients.get(url);
    if (!client) {
      client = createXaiImagineClient({ baseUrl: url, getApiKey: deps.getApiKey, clock: deps.clock, logger: deps.logger });
      clients.set(url, client);
    }
    return client;
  };
}
