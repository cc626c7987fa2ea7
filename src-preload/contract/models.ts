import { z } from 'zod';
import { Empty } from './common';
import { CapabilityTableSchema } from './capabilities';

/*
 * The capability table in effect: the built-in one (./capability-table.ts) with what the providers' listing
 * endpoints publish (prices) merged over it. The renderer derives every picker's options from it.
 */

export const CapabilitiesView = z.object({
  table: CapabilityTableSchema,
  /** When a listing last answered (ms since epoch); null: never this session, prices are the built-in ones. */
  refreshedAt: z.number().int().nullable(),
});
export type CapabilitiesView = z.infer<typeof CapabilitiesView>;

export const modelsChannels = {
  /** The table in effect; `table.priceSource` says whether prices come from xAI's listing or the built-in table. */
  'models:capabilities': { input: Empty, output: CapabilitiesView },
  /** Asks the listing endpoints again (at most once a minute; otherwise answers the table in effect). */
  'models:refresh': { input: Empty, output: CapabilitiesView },
} as const;

export const modelsEvents = {
  /** The table in effect changed (a listing answered with other prices). */
  'models:changed': CapabilitiesView,
} as const;
