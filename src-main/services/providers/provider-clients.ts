/**
 * The other providers' clients at the origin in effect (the public host, a start-up override, or the demo simulator),
 * one per origin, built once and shared by every service that calls them (image operations, text→image), so all
 * Stability calls share one throttle under its published 150 requests per 10 s. Keys are read per call in main from
 * that provider's keychain account (ApiConnection.getProviderKey).
 */
import { createMinimaxClient } from '../../adapters/minimax';
import { createStabilityClient } from '../../adapters/stability';
import type { MinimaxApi } from '../../core/minimax/types';
import type { Clock, Logger } from '../../core/ports';
import { createWindowThrottle } from '../../core/providers/throttle';
import type { StabilityApi } from '../../core/stability/types';
import type { ApiConnection } from '../demo/api-connection';

export interface ProviderClients {
  stability(): StabilityApi;
  minimax(): MinimaxApi;
}

export function createProviderClients(deps: { connection: ApiConnection; clock: Clock; logger: Logger; version: string }): ProviderClients {
  const throttle = createWindowThrottle({ max: 140, windowMs: 10_000, clock: deps.clock });
  const cached = <T>(map: Map<string, T>, baseUrl: string, make: () => T): T => {
    let client = map.get(baseUrl);
    if (!client) map.set(baseUrl, (client = make()));
    return client;
  };
  const stabilities = new Map<string, StabilityApi>();
  const minimaxes = new Map<string, MinimaxApi>();
  return {
    stability: () => {
      const baseUrl = deps.connection.providerBaseUrl('stability');
      return cached(stabilities, baseUrl, () => createStabilityClient({
        baseUrl, getApiKey: () => deps.connection.getProviderKey('stability'), clock: deps.clock, logger: deps.logger, throttle, appVersion: deps.version,
      }));
    },
    minimax: () => {
      const baseUrl = deps.connection.providerBaseUrl('minimax');
      return cached(minimaxes, baseUrl, () => createMinimaxClient({
        baseUrl, getApiKey: () => deps.connection.getProviderKey('minimax'), clock: deps.clock, logger: deps.logger,
      }));
    },
  };
}
