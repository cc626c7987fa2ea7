/**
 * The image model list for the picker: xAI's own listing when reachable (it knows new models and prices), else the
 * built-in table, always with plain notes about deprecated ids. The last good listing also feeds the cost estimate.
 */
import type { ImageModelView } from '@contract';
import type { Logger } from '../../core/ports';
import { IMAGE_MODELS, findImageModel, type ImageModelListing, type ImagineApi } from '../../core/xai';

/** Notes per canonical id: what users of the old ids need to know. */
const NOTES: Record<string, string> = {
  'grok-imagine-image-quality': 'Replaces grok-imagine-image-pro (deprecated 2026-05-15); the -pro id still works as an alias of this model.',
  'grok-2-image-1212': 'Legacy model: 1k only, cannot edit. Prefer grok-imagine-image.',
};

function fromTable(): ImageModelView[] {
  return IMAGE_MODELS.map((m) => ({
    id: m.id, aliases: [...m.aliases], maxPromptLength: m.maxPromptLength, pricePerImageTicks: m.pricePerImageTicks,
    resolutions: [...m.resolutions], note: NOTES[m.id] ?? null,
  }));
}

/** `image_price` is documented as cents but observed in ticks (doc §14.9). */
const priceTicks = (p: number) => (p < 1_000_000 ? p * 100_000_000 : p);

function fromListing(listing: ImageModelListing[]): ImageModelView[] {
  return listing.map((l) => {
    const caps = findImageModel(l.id);
    const aliases = [...new Set([...l.aliases, ...(caps?.aliases ?? [])])];
    return {
      id: l.id,
      aliases,
      maxPromptLength: l.maxPromptLength ?? caps?.maxPromptLength ?? 1024,
      pricePerImageTicks: l.imagePriceTicks !== undefined ? priceTicks(l.imagePriceTicks) : (caps?.pricePerImageTicks ?? 0),
      resolutions: [...(caps?.resolutions ?? ['1k', '2k'])],
      note: NOTES[l.id] ?? (l.id.endsWith('-pro') ? 'Deprecated: use grok-imagine-image-quality.' : null),
    };
  });
}

export function createModelCatalog(deps: { api: ImagineApi; logger: Logger }) {
  let listing: ImageModelListing[] | undefined;
  return {
    async list(): Promise<{ models: ImageModelView[]; source: 'api' | 'fallback' }> {
      try {
        const got = await deps.api.listImageModels({ timeoutMs: 8000 });
        // Only models our validation knows can be submitted; unknown new ids would fail pre-flight.
        const usable = got.filter((m) => findImageModel(m.id));
        if (usable.length === 0) return { models: fromTable(), source: 'fallback' };
        listing = usable;
        return { models: fromListing(usable), source: 'api' };
      } catch (err) {
        deps.logger.warn('models: listing unavailable, using the built-in list', { error: String(err) });
        return { models: fromTable(), source: 'fallback' };
      }
    },
    /** The last good listing, for price lookups. */
    listing: () => listing,
  };
}

export type ModelCatalog = ReturnType<typeof createModelCatalog>;
