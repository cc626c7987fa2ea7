/**
 * Merges what a provider's listing endpoints publish over the built-in capability table. The listings carry ids,
 * aliases, prompt limits and (images only) prices, but nothing about ratios, edit sources or durations (updates §3.5,
 * §6 #96), so the table stays the source of those; a listed price replaces the table's for the same quality and
 * resolution. Listed models the table does not know are ignored: the app could not validate requests to them.
 */
import type { CapabilityTable, ImageModelSpec, ImagePrice, ModelSpec, ProviderId } from '@contract';
import { IMAGE_QUALITIES, IMAGE_RESOLUTIONS } from '@contract';
import type { ImageModelListing, VideoModelListing } from '../xai/types';

/** `image_price` is documented as cents but observed in ticks (reference §14.9): values below a million can only be cents. */
export const listedPriceTicks = (p: number): number => (p < 1_000_000 ? Math.round(p * 100_000_000) : p);

const matches = (m: ModelSpec, l: { id: string; aliases: string[] }) =>
  m.id === l.id || m.aliases.includes(l.id) || l.aliases.includes(m.id);

/** The listing's prices for a model, in the table's terms; undefined when it publishes none the table can use. */
function listedPrices(model: ImageModelSpec, l: ImageModelListing): ImagePrice[] | undefined {
  const resolutions = IMAGE_RESOLUTIONS as readonly string[];
  if (l.pricing.length > 0) {
    const rows = l.pricing.flatMap((p): ImagePrice[] => {
      const resolution = p.resolution ?? '1k';
      if (!resolutions.includes(resolution) || !model.resolutions.includes(resolution as ImagePrice['resolution'])) return [];
      const quality = model.qualities.length > 0 ? p.quality : undefined;
      // A billed quality the table knows (never `auto`, which is not a price, nor `high`, which 2.0 does not take).
      const known = quality === undefined || (quality !== 'auto' && (IMAGE_QUALITIES as readonly string[]).includes(quality));
      if (!known) return [];
      return [{ resolution: resolution as ImagePrice['resolution'], ticks: p.pricePerImageTicks, ...(quality ? { quality: quality as ImagePrice['quality'] } : {}) }];
    });
    return rows.length > 0 ? rows : undefined;
  }
  // One headline price: it is the price of every resolution only for a model without quality tiers.
  if (l.imagePriceTicks === undefined || model.qualities.length > 0) return undefined;
  const ticks = listedPriceTicks(l.imagePriceTicks);
  return model.resolutions.map((resolution) => ({ resolution, ticks }));
}

/** Table rows replaced by listed ones (same quality and resolution); rows the listing does not mention stay. */
function mergePrices(own: readonly ImagePrice[], listed: ImagePrice[]): ImagePrice[] {
  const key = (p: ImagePrice) => `${p.quality ?? ''}/${p.resolution}`;
  const byKey = new Map(own.map((p) => [key(p), p]));
  for (const p of listed) byKey.set(key(p), p);
  return [...byKey.values()];
}

/** The table with `provider`'s listings merged in; `priceSource` becomes `listing` when a listed price was used. */
export function mergeListings(
  table: CapabilityTable,
  provider: ProviderId,
  listings: { images: readonly ImageModelListing[]; videos: readonly VideoModelListing[] },
): CapabilityTable {
  let priced = false;
  const models = table.providers[provider].models.map((m): ModelSpec => {
    const listing = (m.kind === 'image' ? listings.images : listings.videos).find((l) => matches(m, l));
    if (!listing) return m;
    const aliases = [...new Set([...m.aliases, ...listing.aliases.filter((a) => a !== m.id)])];
    if (m.kind === 'video' || m.status !== 'current') return { ...m, aliases };
    const img = listing as ImageModelListing;
    const prices = listedPrices(m, img);
    if (prices) priced = true;
    return { ...m, aliases, promptLimit: img.maxPromptLength ?? m.promptLimit, ...(prices ? { prices: mergePrices(m.prices, prices) } : {}) };
  });
  return {
    ...table,
    providers: { ...table.providers, [provider]: { ...table.providers[provider], models } },
    priceSource: priced ? 'listing' : table.priceSource,
  };
}
