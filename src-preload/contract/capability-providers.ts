/**
 * Stability AI and MiniMax in the capability table (src-preload/contract/capability-table.ts): their models,
 * operations, limits and prices, from /work/shared/stability-api.md (§1, §6, §7) and minimax-api.md (§3, §4, §7).
 * Money is in ticks (1 USD = 10,000,000,000 ticks). Stability bills credits at $0.01 each; MiniMax in USD.
 * Prices marked [G] were not published for that case and are estimated from the nearest published one.
 */
import type { ImageRatio, ModelSpec, OperationSpec, ProviderSpec } from './capability-table';

const CENT = 100_000_000;
/** One Stability credit is one US cent (stability-api.md §7). */
const credits = (n: number) => Math.round(n * CENT);
const perImage = (ticks: number) => [{ resolution: '1k' as const, ticks }];

const STABILITY_RATIOS = ['1:1', '16:9', '9:16', '21:9', '9:21', '3:2', '2:3', '5:4', '4:5'] as const satisfies readonly ImageRatio[];
/** Stability answers 150 requests per 10 s per key (§5). */
const STABILITY_RPS = [15];
const stabilityModel = (id: string, name: string, price: number, takesImage: boolean, note?: string): ModelSpec => ({
  kind: 'image', id, name, aliases: [], status: 'current', ratios: STABILITY_RATIOS, resolutions: ['1k'], qualities: [],
  maxEditSources: takesImage ? 1 : 0, promptLimit: 10_000, prices: perImage(credits(price)), inputImageTicks: 0, rps: STABILITY_RPS,
  sizes: { '1:1': [1024, 1024], '16:9': [1344, 768], '9:16': [768, 1344], '21:9': [1536, 640], '9:21': [640, 1536], '3:2': [1216, 832], '2:3': [832, 1216], '5:4': [1088, 896], '4:5': [896, 1088] },
  ...(note ? { note } : {}),
});

/** The usual input rule: every side ≥ 64 px, 4,096–9,437,184 px (§2). */
const STD = { minSide: 64, minPixels: 4096, maxPixels: 9_437_184 };
const STABILITY_OPERATIONS: readonly OperationSpec[] = [
  { name: 'generate', label: 'Generate', models: ['stable-image-ultra', 'stable-image-core', 'sd3.5-large', 'sd3.5-large-turbo', 'sd3.5-medium'], prompt: 'required', async: false },
  { name: 'edit', label: 'Image to image', models: ['stable-image-ultra', 'sd3.5-large', 'sd3.5-large-turbo', 'sd3.5-medium'], image: STD, prompt: 'required', async: false },
  { name: 'inpaint', label: 'Inpaint (mask)', models: [], image: STD, mask: true, prompt: 'required', ticks: credits(5), async: false },
  { name: 'erase', label: 'Erase', models: [], image: STD, mask: true, prompt: 'none', ticks: credits(5), async: false },
  { name: 'outpaint', label: 'Outpaint', models: [], image: STD, prompt: 'optional', maxSide: 2000, ticks: credits(4), async: false },
  { name: 'search-replace', label: 'Search and replace', models: [], image: STD, prompt: 'required', ticks: credits(5), async: false },
  { name: 'remove-background', label: 'Remove background', models: [], image: { minSide: 64, minPixels: 4096, maxPixels: 4_194_304 }, prompt: 'none', ticks: credits(5), async: false },
  { name: 'upscale-fast', label: 'Upscale (fast)', models: [], image: { minSide: 32, maxSide: 1536, minPixels: 1024, maxPixels: 1_048_576 }, prompt: 'none', scale: 4, ticks: credits(2), async: false },
  { name: 'upscale-conservative', label: 'Upscale (conservative)', models: [], image: STD, prompt: 'required', outputPixels: 4_194_304, ticks: credits(40), async: false },
  { name: 'upscale-creative', label: 'Upscale (creative)', models: [], image: { minSide: 64, minPixels: 4096, maxPixels: 1_048_576 }, prompt: 'required', outputPixels: 4_194_304, ticks: credits(60), async: true },
];

export const STABILITY_PROVIDER = {
  name: 'Stability AI', defaultImageModel: 'stable-image-core',
  // The Stable Video API was discontinued on 2025-07-24 (§9): no video model, no video operation.
  defaultVideoModel: '',
  billing: 'Prepaid credits: 1 credit = $0.01; charged only for successful calls.',
  limits: { images: { min: 1, max: 1 }, inputImageBytes: 10 * 1024 * 1024 },
  models: [
    stabilityModel('stable-image-ultra', 'Stable Image Ultra', 8, true),
    stabilityModel('stable-image-core', 'Stable Image Core', 3, false, 'About 1.5 MP; text to image only.'),
    stabilityModel('sd3.5-large', 'Stable Diffusion 3.5 Large', 6.5, true),
    stabilityModel('sd3.5-large-turbo', 'Stable Diffusion 3.5 Large Turbo', 4, true),
    stabilityModel('sd3.5-medium', 'Stable Diffusion 3.5 Medium', 3.5, true),
  ],
  operations: STABILITY_OPERATIONS,
} as const satisfies ProviderSpec;

const MINIMAX_RATIOS = ['1:1', '16:9', '4:3', '3:2', '2:3', '3:4', '9:16', '21:9'] as const satisfies readonly ImageRatio[];
const MINIMAX_SIZES = { '1:1': [1024, 1024], '16:9': [1280, 720], '4:3': [1152, 864], '3:2': [1248, 832], '2:3': [832, 1248], '3:4': [864, 1152], '9:16': [720, 1280], '21:9': [1344, 576] } as const;
/** image-01: 10 requests a minute (§7); Hailuo video: 20 a minute on the 2026-10 page. */
const MINIMAX_IMAGE_RPS = [10 / 60];
const MINIMAX_VIDEO_RPS = [20 / 60];
/** $ per 6 s clip → ticks per second. */
const perSecond = (usdPerSixSeconds: number) => Math.round((usdPerSixSeconds * 100 * CENT) / 6);
const HAILUO = { '768p': [6, 10], '1080p': [6] } as const;
const video = (id: string, name: string, modes: readonly ('text' | 'image' | 'reference')[], resolutions: readonly ('512p' | '720p' | '768p' | '1080p')[],
  price: Partial<Record<'512p' | '720p' | '768p' | '1080p', number>>, extra: Partial<ModelSpec> = {}): ModelSpec => ({
  kind: 'video', id, name, aliases: [], status: 'current', modes, ratios: ['16:9'], resolutions,
  durations: { min: 6, max: resolutions.includes('768p') ? 10 : 6, default: 6 }, promptLimit: 2000,
  pricePerSecond: Object.fromEntries(Object.entries(price).map(([r, usd]) => [r, perSecond(usd)])), inputImageTicks: 0, inputVideoSecondTicks: 0,
  maxReferences: modes.includes('reference') ? 1 : 0, pinnedFrames: false, rps: MINIMAX_VIDEO_RPS,
  durationsByResolution: resolutions.includes('768p') ? HAILUO : { '720p': [6] }, ...extra,
} as ModelSpec);
/** 1080P is not priced on the global page: China's list prices 1080P 6 s at 1.75× 768P (§7) [G]. */
const P23 = { '768p': 0.28, '1080p': 0.49 };
/** The 01 series is not priced on the global page either: priced as Hailuo 2.3 at 768P [G]. */
const P01 = { '720p': 0.28 };

const MINIMAX_OPERATIONS: readonly OperationSpec[] = [
  { name: 'generate', label: 'Generate', models: ['image-01', 'image-01-live'], prompt: 'required', async: false },
  { name: 'subject-image', label: 'Subject reference → image', models: ['image-01', 'image-01-live'], image: { minSide: 1, maxPixels: 64_000_000 }, prompt: 'required', async: false },
  { name: 'text-video', label: 'Text → video', models: ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-02', 'T2V-01-Director', 'T2V-01'], prompt: 'required', async: true },
  { name: 'image-video', label: 'Image → video', models: ['MiniMax-Hailuo-2.3', 'MiniMax-Hailuo-2.3-Fast', 'MiniMax-Hailuo-02', 'I2V-01-Director', 'I2V-01-live', 'I2V-01'], image: { minSide: 301, maxPixels: 64_000_000 }, prompt: 'optional', async: true },
  { name: 'first-last-video', label: 'First and last frame → video', models: ['MiniMax-Hailuo-02'], image: { minSide: 301, maxPixels: 64_000_000 }, prompt: 'optional', async: true },
  { name: 'subject-video', label: 'Subject reference → video', models: ['S2V-01'], image: { minSide: 301, maxPixels: 64_000_000 }, prompt: 'required', async: true },
];

export const MINIMAX_PROVIDER = {
  name: 'MiniMax', defaultImageModel: 'image-01', defaultVideoModel: 'MiniMax-Hailuo-02',
  billing: 'Pay as you go in USD; failed or moderated videos are not charged.',
  limits: { images: { min: 1, max: 9 }, inputImageBytes: 10 * 1024 * 1024 },
  models: [
    { kind: 'image', id: 'image-01', name: 'MiniMax image-01', aliases: [], status: 'current', ratios: MINIMAX_RATIOS, resolutions: ['1k'], qualities: [],
      maxEditSources: 0, promptLimit: 1500, prices: perImage(Math.round(0.35 * CENT)), inputImageTicks: 0, rps: MINIMAX_IMAGE_RPS, sizes: MINIMAX_SIZES },
    { kind: 'image', id: 'image-01-live', name: 'MiniMax image-01-live', aliases: [], status: 'current', ratios: MINIMAX_RATIOS.filter((r) => r !== '21:9'),
      resolutions: ['1k'], qualities: [], maxEditSources: 0, promptLimit: 1500, prices: perImage(Math.round(0.35 * CENT)), inputImageTicks: 0,
      rps: MINIMAX_IMAGE_RPS, sizes: MINIMAX_SIZES, note: 'Price as image-01 [estimate]; 21:9 is image-01 only.' },
    video('MiniMax-Hailuo-2.3', 'Hailuo 2.3', ['text', 'image'], ['768p', '1080p'], P23),
    video('MiniMax-Hailuo-2.3-Fast', 'Hailuo 2.3 Fast', ['image'], ['768p', '1080p'], { '768p': 0.19, '1080p': 0.325 }, { note: 'Image to video only.' }),
    video('MiniMax-Hailuo-02', 'Hailuo 02', ['text', 'image'], ['512p', '768p', '1080p'], { '512p': 0.1, ...P23 },
      // 512P is image→video only (minimax-api.md §4.1): not text→video, not first + last frame.
      { pinnedFrames: true, durationsByResolution: { ...HAILUO, '512p': [6, 10] }, resolutionsByMode: { text: ['768p', '1080p'], 'first-last': ['768p', '1080p'] }, note: 'First and last frame; 512p is for image to video only.' }),
    video('T2V-01-Director', 'T2V-01 Director', ['text'], ['720p'], P01, { note: 'Camera moves in [brackets]; 6 s at 720p.' }),
    video('T2V-01', 'T2V-01', ['text'], ['720p'], P01),
    video('I2V-01-Director', 'I2V-01 Director', ['image'], ['720p'], P01),
    video('I2V-01-live', 'I2V-01 Live', ['image'], ['720p'], P01),
    video('I2V-01', 'I2V-01', ['image'], ['720p'], P01),
    video('S2V-01', 'S2V-01 (subject reference)', ['reference'], ['720p'], P01, { note: 'One face image keeps the subject.' }),
  ],
  operations: MINIMAX_OPERATIONS,
} as const satisfies ProviderSpec;
