/**
 * The pickers' options, derived from the capability table in effect (never a list of its own): which models are
 * offered, with friendly name, id and price; which ratios, resolutions and qualities a model takes; and how a form
 * value is moved onto what a newly chosen model takes. Pure, so forms, Settings and tests share it.
 */
import {
  SERVED_BY_KIND, VIDEO_PROVIDERS, XAI_ONLY, currentModels, findModel, findOperation, providerOf, type ProviderId, imageFromPrice, imagePriceTicks, qualityLabel, servedQuality, videoPricePerSecond,
  type CapabilityTable, type ImageAspectRatio, type ImageModelSpec, type ImageQuality, type ImageResolution, type VideoModelSpec,
  type VideoMode,
} from '@contract';
import { useStudio } from '../../stores/store';

/** The table in effect (from main; the built-in one until main answers). */
export const useCapabilityTable = (): CapabilityTable => useStudio((s) => s.capabilities.table);

/** One entry of a "Model" picker. */
export interface ModelChoice {
  id: string;
  name: string;
  /** "$0.04/image" or "$0.05/s"; "from …" when it depends on quality or resolution. */
  price: string;
  note: string | null;
}

const money = (ticks: number) => {
  const v = ticks / 1e10;
  return `$${v !== 0 && v < 0.01 ? v.toFixed(3) : v.toFixed(2)}`;
};

/** The option text: friendly name, id and price ("Grok Imagine Image 2.0 · grok-imagine-image-2.0 · from $0.04/image"). */
export const modelOptionText = (c: ModelChoice): string => `${c.name} · ${c.id} · ${c.price}`;

function imageChoice(m: ImageModelSpec): ModelChoice {
  const varies = new Set(m.prices.map((p) => p.ticks)).size > 1;
  return { id: m.id, name: m.name, price: `${varies ? 'from ' : ''}${money(imageFromPrice(m))}/image`, note: m.note ?? null };
}

function videoChoice(m: VideoModelSpec): ModelChoice {
  const rates = Object.values(m.pricePerSecond);
  const varies = new Set(rates).size > 1;
  return { id: m.id, name: m.name, price: `${varies ? 'from ' : ''}${money(Math.min(...rates))}/s`, note: m.note ?? null };
}

/**
 * Image models offered for generating, of some providers (default: every provider whose text→image is served), or
 * (`edit`) those that edit by instruction, which only xAI's do.
 */
export function imageModelChoices(table: CapabilityTable, use: 'generate' | 'edit' = 'generate', providers?: readonly ProviderId[]): ModelChoice[] {
  if (use === 'edit') return currentModels('image', table, XAI_ONLY).filter((m) => m.maxEditSources > 0).map(imageChoice);
  const offered = (providers ?? imageProviders(table)).filter((p) => findOperation(p, 'generate', table));
  return currentModels('image', table, offered).filter((m) => generates(table, m.id)).map(imageChoice);
}

/** Whether a model is listed for its provider's text→image (Stability's and MiniMax's `generate` operation). */
const generates = (table: CapabilityTable, id: string): boolean => {
  const p = providerOf(id, table);
  return p === 'xai' || (!!p && !!findOperation(p, 'generate', table)?.models.includes(id));
};

/** Providers the Generate page offers, in picker order: those whose text→image runs through the queue. */
export const imageProviders = (table: CapabilityTable): ProviderId[] =>
  SERVED_BY_KIND.image.filter((p) => table.providers[p] && findOperation(p, 'generate', table));

/** Whether an image model takes a subject reference (its provider lists `subject-image` for it: MiniMax image-01). */
export const takesSubject = (table: CapabilityTable, id: string): boolean =>
  findOperation(imageProviderOf(table, id), 'subject-image', table)?.models.includes(id) === true;

/** The provider of an image model (xAI for an id the table does not know). */
export const imageProviderOf = (table: CapabilityTable, id: string): ProviderId => providerOf(id, table) ?? 'xai';

/** Video models offered for a mode (all current ones when no mode is given), of one provider when given. */
export function videoModelChoices(table: CapabilityTable, mode?: VideoMode, provider?: ProviderId): ModelChoice[] {
  return currentModels('video', table)
    .filter((m) => (!mode || m.modes.includes(mode)) && (!provider || providerOf(m.id, table) === provider))
    .map(videoChoice);
}

/** Providers that make video, for the Video form's "Provider" choice (xAI first). */
export function videoProviders(table: CapabilityTable): { id: ProviderId; name: string }[] {
  return VIDEO_PROVIDERS.filter((p) => table.providers[p]?.defaultVideoModel).map((id) => ({ id, name: table.providers[id].name }));
}

export const imageSpec = (table: CapabilityTable, id: string): ImageModelSpec | undefined => findModel(id, 'image', table);
export const videoSpec = (table: CapabilityTable, id: string): VideoModelSpec | undefined => findModel(id, 'video', table);

/** Price of one image at a choice, in words ("$0.06/image"); null when unknown. */
export function imagePriceText(model: ImageModelSpec, quality: ImageQuality | undefined, resolution: ImageResolution, call: 'generate' | 'edit'): string | null {
  const ticks = imagePriceTicks(model, servedQuality(model, quality, call), resolution);
  return ticks === undefined ? null : `${money(ticks)}/image`;
}

export const videoRateText = (model: VideoModelSpec, resolution: keyof VideoModelSpec['pricePerSecond']) => `${money(videoPricePerSecond(model, resolution))}/s`;

/** The Quality choices of a model (none: no Quality control), with what Auto serves. */
export function qualityChoices(model: ImageModelSpec | undefined, call: 'generate' | 'edit'): { value: ImageQuality; label: string }[] {
  if (!model || model.qualities.length === 0) return [];
  return model.qualities.map((q) => ({
    value: q,
    label: q === 'auto' ? `Auto (${qualityLabel(model.autoQuality?.[call] ?? 'low').toLowerCase()})` : qualityLabel(q),
  }));
}

/** What an image form holds that depends on the model. */
export interface ImageShape {
  aspectRatio: ImageAspectRatio;
  resolution: ImageResolution;
  quality: ImageQuality;
}

/**
 * Moves a form's ratio, resolution and quality onto what `model` takes: kept when it takes them, else the nearest
 * offered (the first ratio, the highest resolution not above the current one, Auto). Notes say what changed.
 */
export function fitImageShape<T extends Partial<ImageShape>>(model: ImageModelSpec, shape: T): { shape: T; notes: string[] } {
  const out = { ...shape };
  const notes: string[] = [];
  if (shape.aspectRatio !== undefined && !model.ratios.includes(shape.aspectRatio)) {
    const next = model.ratios.includes('1:1') ? '1:1' : (model.ratios[0] as ImageAspectRatio);
    notes.push(`${model.name} does not take ${shape.aspectRatio}; using ${next}.`);
    out.aspectRatio = next;
  }
  if (shape.resolution !== undefined && !model.resolutions.includes(shape.resolution)) {
    out.resolution = model.resolutions[model.resolutions.length - 1] as ImageResolution;
  }
  if (shape.quality !== undefined && model.qualities.length > 0 && !model.qualities.includes(shape.quality)) out.quality = 'auto';
  return { shape: out, notes };
}
