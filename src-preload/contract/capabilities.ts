/**
 * Everything derived from the capability table (./capability-table.ts): the enums as lists and zod schemas, model
 * look-ups that follow aliases and retirements, prices, and the words of a retirement notice. Pure functions over a
 * `CapabilityTable`, so main can pass the table with the prices xAI's listing published, and tests a changed one.
 */
import { z } from 'zod';
import {
  BUILT_IN_AS_OF, BUILT_IN_PROVIDERS, ENUMS, IMAGE_RATIO_SIZES_1K, OPERATION_LIST, type ImageModelSpec, type ImageRatio, type ModelSpec,
  type OperationName, type OperationSpec, type ProviderSpec, type ServedQuality, type TextModelSpec, type VideoModelSpec, type VideoRatio,
} from './capability-table';

export type {
  ImageModelSpec, ImagePrice, ImageRatio, ModelSpec, OperationName, OperationSpec, ProviderLimits, ProviderSpec, Retirement,
  ServedQuality, TextModelSpec, VideoModelSpec, VideoModeName, VideoRatio, VideoResolutionMode,
} from './capability-table';
export { OPERATION_LIST, videoResolutionsFor } from './capability-table';

export type ProviderId = keyof typeof BUILT_IN_PROVIDERS;
/** Where the prices in a table come from: the provider's own listing, or the table built into this release. */
export type PriceSource = 'listing' | 'built-in';

/** The table in effect: built in, or built in with the prices a listing published merged over it. */
export interface CapabilityTable {
  asOf: string;
  providers: Record<ProviderId, ProviderSpec>;
  priceSource: PriceSource;
}

export const BUILT_IN_TABLE: CapabilityTable = { asOf: BUILT_IN_AS_OF, providers: BUILT_IN_PROVIDERS, priceSource: 'built-in' };

const tuple = <T extends string>(list: readonly T[]) => list as unknown as [T, ...T[]];

/** Every provider in the table, in picker order. */
export const PROVIDER_IDS = Object.keys(BUILT_IN_PROVIDERS) as ProviderId[];
/** A provider id at a boundary (library records and filters, key channels). */
export const ProviderIdSchema = z.enum(PROVIDER_IDS as [ProviderId, ...ProviderId[]]);
/** An operation name at a boundary (what made a library item). */
export const OperationNameSchema = z.enum(OPERATION_LIST);
/** Operations in words, whoever serves them (the provider's own label may be longer: "Inpaint (mask)"). */
export const OPERATION_LABELS: Record<OperationName, string> = {
  generate: 'Generate', edit: 'Edit', inpaint: 'Inpaint', erase: 'Erase', outpaint: 'Outpaint', 'search-replace': 'Search and replace',
  'remove-background': 'Remove background', 'upscale-fast': 'Upscale (fast)', 'upscale-conservative': 'Upscale (conservative)',
  'upscale-creative': 'Upscale (creative)', 'text-video': 'Text to video', 'image-video': 'Image to video',
  'first-last-video': 'First and last frame to video', 'subject-image': 'Subject reference image', 'subject-video': 'Subject reference video',
};
/**
 * Providers whose work the contract's channels carry, per kind of model. Images: xAI, and Stability AI and MiniMax
 * text→image through the same queue (services/generation/provider-images.ts). Video: xAI, and MiniMax's Hailuo
 * through the same video journal (services/video/minimax-video.ts). The model look-ups and derived enums below default to these, so no picker offers a
 * model whose jobs are not wired; what only xAI serves (edits by instruction, the prompt enhancer, xAI's model
 * listing and validation) asks for `XAI_ONLY` explicitly.
 */
export const SERVED_BY_KIND: Readonly<Record<ModelSpec['kind'], readonly ProviderId[]>> = { image: ['xai', 'stability', 'minimax'], video: ['xai', 'minimax'] };
/** Every provider some channel serves (the union of SERVED_BY_KIND), in picker order. */
export const SERVED_PROVIDERS: readonly ProviderId[] = PROVIDER_IDS.filter((p) => Object.values(SERVED_BY_KIND).some((l) => l.includes(p)));
/** xAI alone: edits by instruction, the enhancer, xAI's own listing and request checks. */
export const XAI_ONLY: readonly ProviderId[] = ['xai'];
const servedFor = (kind: ModelSpec['kind'] | undefined): readonly ProviderId[] => (kind ? SERVED_BY_KIND[kind] : SERVED_PROVIDERS);
const builtInModels = (kind?: ModelSpec['kind']): ModelSpec[] => servedFor(kind).flatMap((p) => [...(BUILT_IN_PROVIDERS[p]?.models ?? [])]).filter((m) => !kind || m.kind === kind);
const xaiModels = (): ModelSpec[] => [...BUILT_IN_PROVIDERS.xai.models];
const usedBy = <T extends string>(list: readonly T[], kind: ModelSpec['kind'], pick: (m: ModelSpec) => readonly string[]) =>
  list.filter((v) => builtInModels(kind).some((m) => pick(m).includes(v)));
/** Providers whose video work the contract carries: MiniMax's Hailuo runs through the same video journal (issue 18 §3). */
export const VIDEO_PROVIDERS: readonly ProviderId[] = SERVED_BY_KIND.video;

/** Every image aspect ratio some model takes, in picker order. */
export const IMAGE_ASPECT_RATIOS: readonly ImageRatio[] = usedBy(Object.keys(IMAGE_RATIO_SIZES_1K) as ImageRatio[], 'image', (m) => m.ratios);
export const IMAGE_RESOLUTIONS = usedBy(ENUMS.imageResolutions, 'image', (m) => m.resolutions);
export const IMAGE_QUALITIES = ENUMS.qualities;
export const VIDEO_ASPECT_RATIOS: readonly VideoRatio[] = usedBy(ENUMS.videoRatios, 'video', (m) => m.ratios);
export const VIDEO_RESOLUTIONS = usedBy(ENUMS.videoResolutions, 'video', (m) => m.resolutions);
/** The resolutions xAI's video models render (what its wire and simulator take). */
export const XAI_VIDEO_RESOLUTIONS = ENUMS.videoResolutions.filter((r) => xaiModels().some((m) => m.kind === 'video' && m.resolutions.includes(r)));
export const VIDEO_MODES = ENUMS.videoModes;

export const ImageAspectRatio = z.enum(tuple(IMAGE_ASPECT_RATIOS));
export const ImageResolution = z.enum(tuple(IMAGE_RESOLUTIONS));
export const ImageQuality = z.enum(tuple(IMAGE_QUALITIES));
export const VideoAspectRatio = z.enum(tuple(VIDEO_ASPECT_RATIOS));
export const VideoResolution = z.enum(tuple(VIDEO_RESOLUTIONS));
export const VideoMode = z.enum(tuple(VIDEO_MODES));
/** A quality the server bills (what `auto` resolves to). */
const ServedQualitySchema = z.enum(tuple(IMAGE_QUALITIES.filter((q): q is ServedQuality => q !== 'auto')));
export type ImageAspectRatio = z.infer<typeof ImageAspectRatio>;
export type ImageResolution = z.infer<typeof ImageResolution>;
export type ImageQuality = z.infer<typeof ImageQuality>;
export type VideoAspectRatio = z.infer<typeof VideoAspectRatio>;
export type VideoResolution = z.infer<typeof VideoResolution>;
export type VideoMode = z.infer<typeof VideoMode>;

/** Limits of xAI's API that hold for every model (images per request, extension lengths, …). */
export const API_LIMITS = BUILT_IN_PROVIDERS.xai.limits;

/** Most edit sources any current model takes (what the contract lets through; each model's own cap is checked in main). */
export const MAX_EDIT_SOURCES = Math.max(...xaiModels().map((m) => (m.kind === 'image' && m.status === 'current' ? m.maxEditSources : 0)));
/** Most reference images any video model takes. */
export const MAX_VIDEO_REFERENCES = Math.max(...builtInModels('video').map((m) => (m.kind === 'video' ? m.maxReferences : 0)));
/** Video lengths every model takes (the widest range; each model's own range is checked in main). */
export const VIDEO_DURATIONS = {
  min: Math.min(...builtInModels('video').flatMap((m) => (m.kind === 'video' ? [m.durations.min] : []))),
  max: Math.max(...builtInModels('video').flatMap((m) => (m.kind === 'video' ? [m.durations.max] : []))),
};
/** The longest prompt any xAI model takes (the enhancer writes for xAI; deep links carry no more). */
export const MAX_PROMPT_LENGTH = Math.max(...xaiModels().map((m) => m.promptLimit));

/** Output size of an image at 1k for a ratio (2k doubles each side). */
export function imageSize1k(ratio: ImageRatio): readonly [number, number] {
  return IMAGE_RATIO_SIZES_1K[ratio];
}

/** Models of some providers (default: every served one, SERVED_PROVIDERS). */
export function allModels(table: CapabilityTable = BUILT_IN_TABLE, providers: readonly ProviderId[] = SERVED_PROVIDERS): ModelSpec[] {
  return providers.flatMap((p) => [...(table.providers[p]?.models ?? [])]);
}

/** A provider's operations (what its picker and the one-click actions may offer). */
export function operationsOf(provider: ProviderId, table: CapabilityTable = BUILT_IN_TABLE): readonly OperationSpec[] {
  return table.providers[provider]?.operations ?? [];
}

/** One operation of a provider; undefined when the provider cannot do it (e.g. Stability video). */
export function findOperation(provider: ProviderId, name: OperationName, table: CapabilityTable = BUILT_IN_TABLE): OperationSpec | undefined {
  return operationsOf(provider, table).find((o) => o.name === name);
}

/** Providers that can do an operation (e.g. which offer Remove background). */
export function providersFor(name: OperationName, table: CapabilityTable = BUILT_IN_TABLE): ProviderId[] {
  return PROVIDER_IDS.filter((p) => findOperation(p, name, table));
}

/** Price in ticks of one call of an operation: its own price, or the model's price for one 1k image. */
export function operationPriceTicks(provider: ProviderId, name: OperationName, model?: string, table: CapabilityTable = BUILT_IN_TABLE): number | undefined {
  const op = findOperation(provider, name, table);
  if (!op) return undefined;
  if (op.ticks !== undefined) return op.ticks;
  const spec = findModel(model ?? op.models[0], 'image', table, [provider]);
  return spec ? imagePriceTicks(spec, undefined, '1k') : undefined;
}

/** The provider a model id belongs to. */
export function providerOf(id: string, table: CapabilityTable = BUILT_IN_TABLE): ProviderId | undefined {
  return (Object.keys(table.providers) as ProviderId[]).find((p) => table.providers[p].models.some((m) => m.id === id || m.aliases.includes(id)));
}

/** A model by id or alias, current or retired; undefined when unknown. */
export function findModel<K extends ModelSpec['kind']>(id: string | null | undefined, kind: K, table: CapabilityTable = BUILT_IN_TABLE,
  providers: readonly ProviderId[] = SERVED_BY_KIND[kind]): Extract<ModelSpec, { kind: K }> | undefined {
  if (!id) return undefined;
  return allModels(table, providers).find((m): m is Extract<ModelSpec, { kind: K }> => m.kind === kind && (m.id === id || m.aliases.includes(id)));
}

/** Models offered for new work (retired ones are not). */
export function currentModels<K extends ModelSpec['kind']>(kind: K, table: CapabilityTable = BUILT_IN_TABLE,
  providers: readonly ProviderId[] = SERVED_BY_KIND[kind]): Extract<ModelSpec, { kind: K }>[] {
  return allModels(table, providers).filter((m): m is Extract<ModelSpec, { kind: K }> => m.kind === kind && m.status === 'current');
}

/** Chat models for the prompt enhancer (xAI's), cheapest first. */
export function textModels(table: CapabilityTable = BUILT_IN_TABLE): readonly TextModelSpec[] {
  return table.providers.xai.textModels ?? [];
}

/** A text model by id or alias; undefined when unknown. */
export function findTextModel(id: string | null | undefined, table: CapabilityTable = BUILT_IN_TABLE): TextModelSpec | undefined {
  return id ? textModels(table).find((m) => m.id === id || m.aliases.includes(id)) : undefined;
}

/** The default text model: the table's choice, else the cheapest per output token. */
export function defaultTextModel(table: CapabilityTable = BUILT_IN_TABLE): string {
  const list = textModels(table);
  const chosen = table.providers.xai.defaultTextModel;
  if (chosen && list.some((m) => m.id === chosen)) return chosen;
  return [...list].sort((a, b) => a.outputTokenTicks - b.outputTokenTicks)[0]?.id ?? '';
}

/** What a chat call costs from its token counts, at the table's price (when xAI reports no `cost_in_usd_ticks`). */
export function textCostTicks(model: TextModelSpec, promptTokens: number, completionTokens: number): number {
  return promptTokens * model.inputTokenTicks + completionTokens * model.outputTokenTicks;
}

/** The default model of a kind (the first provider's). */
export function defaultModel(kind: ModelSpec['kind'], table: CapabilityTable = BUILT_IN_TABLE): string {
  const first = Object.values(table.providers)[0] as ProviderSpec;
  return kind === 'image' ? first.defaultImageModel : first.defaultVideoModel;
}

const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const QUALITY_WORD: Record<ImageQuality, string> = { auto: 'Auto', low: 'Low', medium: 'Medium' };
export const qualityLabel = (q: ImageQuality): string => QUALITY_WORD[q];

/** What a requested model id becomes: itself, or (retired) its successor at a fixed quality, with the notice. */
export interface ResolvedModel<S extends ModelSpec = ModelSpec> {
  /** The model to send. */
  model: S;
  /** The quality to use instead of the user's, when a retirement fixes it. */
  quality?: ServedQuality;
  /** One line for the user, when the id was rewritten. */
  notice: string | null;
}

/**
 * Resolves an id for new work: aliases to their model, retired models to their successor ("grok-imagine-image-quality
 * was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality"). Undefined when unknown.
 */
export function resolveModel<K extends ModelSpec['kind']>(id: string | null | undefined, kind: K, table: CapabilityTable = BUILT_IN_TABLE):
  ResolvedModel<Extract<ModelSpec, { kind: K }>> | undefined {
  const found = findModel(id, kind, table);
  if (!found) return undefined;
  if (found.status === 'current' || !found.retired) return { model: found, notice: null };
  const { on, successor, quality } = found.retired;
  const next = findModel(successor ?? defaultModel(kind, table), kind, table);
  if (!next || next.status !== 'current') return undefined;
  const takesQuality = next.kind === 'image' && (next as ImageModelSpec).qualities.length > 0;
  const at = quality && takesQuality ? ` at ${qualityLabel(quality)} quality` : '';
  const notice = `${id} was retired by xAI on ${DATE.format(new Date(`${on}T00:00:00Z`))}; using ${next.id}${at}.`;
  return { model: next, ...(quality && at ? { quality } : {}), notice };
}

/** The quality xAI serves and bills for a choice (`auto` or none resolves per kind of call); undefined: no quality. */
export function servedQuality(model: ImageModelSpec, chosen: ImageQuality | null | undefined, call: 'generate' | 'edit'): ServedQuality | undefined {
  if (model.qualities.length === 0) return undefined;
  if (chosen && chosen !== 'auto' && model.qualities.includes(chosen)) return chosen;
  return model.autoQuality?.[call] ?? 'low';
}

/** An image model and quality as they go to xAI: current model, quality to send (2.0: always explicit), notice. */
export interface ImageChoice {
  model: string;
  /** `low` or `medium` for models that take a quality (never `auto`, xai-imagine-api-updates.md §1 #5); else absent. */
  quality?: ServedQuality;
  /** The retirement notice when `model` was rewritten ("… was retired by xAI on 2 Nov 2026; using … at Low quality."). */
  notice: string | null;
}

/**
 * What a stored or submitted (model, quality) becomes for new work: retired models are rewritten to their successor
 * at the quality the retirement fixes (updates §1 #1–2), and the quality is resolved to what xAI would serve, so it
 * is always sent explicitly. Unknown ids are kept as they are (the server answers 404, the user sees why).
 */
export function resolveImageChoice(id: string, quality: ImageQuality | null | undefined, call: 'generate' | 'edit',
  table: CapabilityTable = BUILT_IN_TABLE): ImageChoice {
  const resolved = resolveModel(id, 'image', table);
  if (!resolved) return { model: id, notice: null };
  const served = servedQuality(resolved.model, resolved.quality ?? quality, call);
  return { model: resolved.model.id, ...(served ? { quality: served } : {}), notice: resolved.notice };
}

/** Price of one output image in ticks; undefined when the table has none for that quality and resolution. */
export function imagePriceTicks(model: ImageModelSpec, quality: ServedQuality | undefined, resolution: ImageResolution): number | undefined {
  const rows = model.prices.filter((p) => p.resolution === resolution);
  return (rows.find((p) => p.quality === quality) ?? rows.find((p) => p.quality === undefined) ?? (quality ? undefined : rows[0]))?.ticks;
}

/** The cheapest price of a model (what a picker shows as "from $x"). */
export function imageFromPrice(model: ImageModelSpec): number {
  return Math.min(...model.prices.map((p) => p.ticks));
}

/** Price per second of a video model at a resolution (the dearest known rate when that one is not published). */
export function videoPricePerSecond(model: VideoModelSpec, resolution: keyof VideoModelSpec['pricePerSecond']): number {
  return model.pricePerSecond[resolution] ?? Math.max(...Object.values(model.pricePerSecond));
}

/** Published requests per second of a model at a usage tier (0-based; past the last tier, the last). */
export function publishedRps(model: ModelSpec, tier = 0): number {
  return model.rps[Math.min(Math.max(0, tier), model.rps.length - 1)] ?? 1;
}

/** How many usage tiers the table publishes rate limits for (xAI: 0–4 by cumulative spend, updates §4). */
export const RATE_TIER_COUNT = Math.max(...xaiModels().map((m) => m.rps.length));

/** Image ratios a model takes (`auto` included where it does). */
export const ratiosOf = (model: ImageModelSpec): readonly ImageRatio[] => model.ratios;

/** The table's shape on the wire (`models:capabilities`), also the check the built-in table must pass (every provider's values). */
const AnyImageRatio = z.enum(tuple(Object.keys(IMAGE_RATIO_SIZES_1K) as ImageRatio[]));
const AnyVideoResolution = z.enum(tuple(ENUMS.videoResolutions));
const Size = z.tuple([z.number().int().positive(), z.number().int().positive()]);
const Retirement = z.object({ on: z.string(), successor: z.string().nullable(), quality: ServedQualitySchema.optional() });
const Common = {
  id: z.string(), name: z.string(), aliases: z.array(z.string()), status: z.enum(['current', 'retired']),
  retired: Retirement.optional(), rps: z.array(z.number().positive()).min(1), note: z.string().optional(),
};
export const ImageModelSpecSchema = z.object({
  ...Common, kind: z.literal('image'), ratios: z.array(AnyImageRatio).min(1), resolutions: z.array(ImageResolution).min(1),
  qualities: z.array(ImageQuality), autoQuality: z.object({ generate: ServedQualitySchema, edit: ServedQualitySchema }).optional(),
  maxEditSources: z.number().int().min(0), promptLimit: z.number().int().positive(),
  prices: z.array(z.object({ quality: ServedQualitySchema.optional(), resolution: ImageResolution, ticks: z.number().int().min(0) })).min(1),
  inputImageTicks: z.number().int().min(0), sizes: z.partialRecord(AnyImageRatio, Size).optional(),
});
export const VideoModelSpecSchema = z.object({
  ...Common, kind: z.literal('video'), modes: z.array(VideoMode).min(1), ratios: z.array(VideoAspectRatio).min(1),
  resolutions: z.array(AnyVideoResolution).min(1), durations: z.object({ min: z.number().int(), max: z.number().int(), default: z.number().int() }),
  promptLimit: z.number().int().positive(), pricePerSecond: z.partialRecord(AnyVideoResolution, z.number().int().min(0)),
  inputImageTicks: z.number().int().min(0), inputVideoSecondTicks: z.number().int().min(0), maxReferences: z.number().int().min(0),
  referenceMaxSeconds: z.number().int().optional(), pinnedFrames: z.boolean(),
  durationsByResolution: z.partialRecord(AnyVideoResolution, z.array(z.number().int().positive())).optional(),
});
const ImageLimits = z.object({ minSide: z.number().int(), maxSide: z.number().int().optional(), minPixels: z.number().int().optional(), maxPixels: z.number().int() });
export const OperationSpecSchema = z.object({
  name: z.enum(tuple(OPERATION_LIST)), label: z.string(), models: z.array(z.string()), image: ImageLimits.optional(), mask: z.boolean().optional(),
  prompt: z.enum(['required', 'optional', 'none']), maxSide: z.number().int().optional(), scale: z.number().optional(),
  outputPixels: z.number().int().optional(), ticks: z.number().int().min(0).optional(), async: z.boolean(),
});
const Range = z.object({ min: z.number(), max: z.number() });
export const TextModelSpecSchema = z.object({
  id: z.string(), name: z.string(), aliases: z.array(z.string()), inputTokenTicks: z.number().int().min(0),
  outputTokenTicks: z.number().int().min(0), note: z.string().optional(),
});
export const ProviderSpecSchema = z.object({
  name: z.string(), defaultImageModel: z.string(), defaultVideoModel: z.string(),
  limits: z.object({
    images: Range, inputImageBytes: z.number().int(), extension: Range.extend({ default: z.number() }).optional(), extensionInput: Range.optional(),
    editInputMaxSeconds: z.number().optional(), referenceMaxResolution: AnyVideoResolution.optional(), editMaxResolution: AnyVideoResolution.optional(),
    referenceAudios: z.number().int().optional(), keyframes: z.number().int().optional(),
  }),
  models: z.array(z.discriminatedUnion('kind', [ImageModelSpecSchema, VideoModelSpecSchema])),
  operations: z.array(OperationSpecSchema),
  billing: z.string().optional(),
  textModels: z.array(TextModelSpecSchema).optional(),
  defaultTextModel: z.string().optional(),
});
export const CapabilityTableSchema: z.ZodType<CapabilityTable> = z.object({
  asOf: z.string(),
  providers: z.record(z.enum(tuple(Object.keys(BUILT_IN_PROVIDERS) as ProviderId[])), ProviderSpecSchema),
  priceSource: z.enum(['listing', 'built-in']),
});
