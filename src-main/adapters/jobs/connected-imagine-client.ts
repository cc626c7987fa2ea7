import type { Clock, Logger } from '../../core/ports';
import type { ImagineApi } from '../../core/xai';
import { createXaiImagineClient } from '../xai';

/**
 * An `ImagineApi` that follows the connection in effect (demo mode switches the base URL and the key at runtime),
 * with one HTTP client per base URL. The transport makes a single attempt: the generation scheduler owns 429
 * handling (Retry-After, back-off, lowering concurrency for everyone), and a transport retry would sit on a slot.
 */
export function createConnectedImagineClient(deps: {
  baseUrl: () => string;
  getApiKey: () => Promise<string | null>;
  clock: Clock;
  logger: Logger;
}): ImagineApi {
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
  return new Proxy({} as ImagineApi, {
    get: (_target, prop: keyof ImagineApi) => {
      const client = current();
      const member = client[prop];
      return typeof member === 'function' ? (member as (...a: unknown[]) => unknown).bind(client) : member;
    },
  });
}
