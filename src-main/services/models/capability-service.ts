/**
 * The capability table in effect for this process: the built-in table, with what xAI's listing endpoints publish
 * (prices, aliases, prompt limits) merged over it whenever they answer (`/v1/image-generation-models`,
 * `/v1/video-generation-models`). Offline, or before the first answer, the built-in table is in effect and says so
 * (`priceSource: 'built-in'`), which the UI shows beside its prices. Every service reads `current()` per call.
 */
import { BUILT_IN_TABLE, type CapabilitiesView, type CapabilityTable } from '@contract';
import { mergeListings } from '../../core/models/merge-listing';
import type { Clock, EventSink, Logger } from '../../core/ports';
import type { ImagineApi } from '../../core/xai';

/** The part of the service other services read. */
export interface CapabilitySource {
  /** The table in effect right now. */
  current(): CapabilityTable;
}

/** Listings are asked again at most this often (a refresh inside it answers the table in effect). */
export const REFRESH_MIN_INTERVAL_MS = 60_000;

export function createCapabilityService(deps: { api: () => ImagineApi; clock: Clock; events: EventSink; logger: Logger; base?: CapabilityTable }) {
  const base = deps.base ?? BUILT_IN_TABLE;
  let table = base;
  let refreshedAt: number | null = null;
  let lastTry = -Infinity;
  let inFlight: Promise<CapabilitiesView> | null = null;

  const view = (): CapabilitiesView => ({ table, refreshedAt });

  async function ask(): Promise<CapabilitiesView> {
    lastTry = deps.clock.now();
    try {
      const api = deps.api();
      const [images, videos] = await Promise.all([api.listImageModels({ timeoutMs: 8000 }), api.listVideoModels({ timeoutMs: 8000 })]);
      const next = mergeListings(base, 'xai', { images, videos });
      const changed = JSON.stringify(next) !== JSON.stringify(table);
      table = next;
      refreshedAt = deps.clock.now();
      if (changed) deps.events.emit('models:changed', view());
    } catch (err) {
      // Offline or refused: keep what is in effect (the built-in table until a listing has answered).
      deps.logger.warn('models: listing unavailable, keeping the table in effect', { error: String(err), priceSource: table.priceSource });
    }
    return view();
  }

  return {
    current: (): CapabilityTable => table,
    view,
    /** Asks the listings again unless that was done in the last minute (`force`: regardless, e.g. after a key or base URL change). */
    refresh(force = false): Promise<CapabilitiesView> {
      if (inFlight) return inFlight;
      if (!force && deps.clock.now() - lastTry < REFRESH_MIN_INTERVAL_MS) return Promise.resolve(view());
      inFlight = ask().finally(() => (inFlight = null));
      return inFlight;
    },
    /** Back to the built-in table (the connection changed: what the old one published no longer applies). */
    reset(): void {
      if (table === base) return;
      table = base;
      refreshedAt = null;
      deps.events.emit('models:changed', view());
    },
  };
}

export type CapabilityService = ReturnType<typeof createCapabilityService>;
