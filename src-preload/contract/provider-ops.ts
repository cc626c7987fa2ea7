import { z } from 'zod';
import { ProviderIdSchema } from './capabilities';
import { EditResultView } from './edit';

/*
 * Image operations other providers offer beyond an edit by instruction (issue 18 §4): Stability AI's inpaint with a
 * mask, erase, outpaint, search-and-replace, remove background and upscale, each run on one library image as a paid
 * job with an estimate. Main builds the request with the provider's adapter; the paid-work pipeline (budget hold,
 * call, staging, spend recorded once, filing with lineage, recovery at start) is the edits' own.
 */

/**
 * The operations one click (or a mask) runs on an image. `upscale-creative` is Stability's asynchronous creative
 * upscale (to about 4 MP, polled by the client); its prompt defaults to the source's.
 */
export const ImageOperation = z.enum(['inpaint', 'erase', 'outpaint', 'search-replace', 'remove-background', 'upscale', 'upscale-creative']);
export type ImageOperation = z.infer<typeof ImageOperation>;

/** Largest mask accepted from the renderer: a PNG as large as Stability takes an image (10 MiB). */
export const MASK_MAX_BYTES = 10 * 1024 * 1024;

/** Pixels added per side by an outpaint (stability-api.md §6: 0–2000, at least one side). */
export const OutpaintSides = z
  .object({
    left: z.number().int().min(0).max(2000).default(0),
    right: z.number().int().min(0).max(2000).default(0),
    up: z.number().int().min(0).max(2000).default(0),
    down: z.number().int().min(0).max(2000).default(0),
  })
  .strict()
  .refine((s) => s.left + s.right + s.up + s.down > 0, 'Choose at least one side to extend.');
export type OutpaintSides = z.input<typeof OutpaintSides>;

const OperationTarget = {
  provider: ProviderIdSchema.default('stability'),
  operation: ImageOperation,
  /** ×2 or ×4 for an upscale (Stability's fast upscale is 4×; ×2 sends the source at half size). */
  scale: z.union([z.literal(2), z.literal(4)]).optional(),
};

export const ImageOperationInput = z
  .object({
    ...OperationTarget,
    itemId: z.string().regex(/^[0-9a-f]{32}$/, 'Not a library id.'),
    /** What to paint (inpaint, search-and-replace: required), or a hint (outpaint, creative upscale). English only for Stability. */
    prompt: z.string().trim().max(10_000).optional(),
    /** Search-and-replace: what to find. */
    searchPrompt: z.string().trim().min(1).max(10_000).optional(),
    /** Inpaint and erase: a PNG mask, white = repaint, black = keep (base64, no data: prefix). */
    maskBase64: z.string().max(Math.ceil((MASK_MAX_BYTES * 4) / 3) + 4, 'The mask is larger than 10 MiB.').optional(),
    outpaint: OutpaintSides.optional(),
  })
  .strict();
export type ImageOperationInput = z.input<typeof ImageOperationInput>;

export const ImageOperationEstimateInput = z.object(OperationTarget).strict();

export const ImageOperationEstimate = z.object({
  ticks: z.number().int(),
  /** The provider's own price unit, in words ("5 credits"). */
  priceText: z.string(),
  budgetCapUsd: z.number().nullable(),
  committedTicks: z.number().int(),
  exceedsBudget: z.boolean(),
});
export type ImageOperationEstimate = z.infer<typeof ImageOperationEstimate>;

export const ImageOperationOutput = z.object({
  result: EditResultView,
  /** The library id of the image it was made from (its `edited-from` parent). */
  sourceItemId: z.string(),
  requestId: z.string().nullable(),
  costTicks: z.number().int().nullable(),
  seed: z.number().int().nullable(),
});
export type ImageOperationOutput = z.infer<typeof ImageOperationOutput>;

/** A journaled image operation still being collected from the provider (a creative upscale resumed after a restart). */
export const CollectingOperation = z.object({
  operation: ImageOperation,
  sourceItemId: z.string(),
  /** When it was started (ms since the epoch). */
  startedAt: z.number(),
});
export type CollectingOperation = z.infer<typeof CollectingOperation>;

export const providerOpsChannels = {
  /** Runs one image operation (inpaint, erase, outpaint, search-and-replace, remove background, upscales) as a paid job. */
  'edit:operation': { input: ImageOperationInput, output: ImageOperationOutput },
  /** What it would cost and whether the shared budget cap allows it. */
  'edit:operation-estimate': { input: ImageOperationEstimateInput, output: ImageOperationEstimate },
  /**
   * Image operations still being collected: creative upscales a quit or a crash interrupted, which main resumed at
   * start with no call waiting for them (the renderer says so; `edit:operation-settled` tells when each ends).
   */
  'edit:operations-collecting': { input: z.object({}).strict(), output: z.array(CollectingOperation) },
} as const;

export const providerOpsEvents = {
  /**
   * A journaled image operation (Stability's creative upscale) that no open call was waiting for — resumed after a
   * quit or a crash — ended: its result is in the library (`itemId`), or `message` says why not.
   */
  'edit:operation-settled': z.object({
    operation: ImageOperation,
    sourceItemId: z.string(),
    state: z.enum(['done', 'failed', 'expired', 'blocked', 'lost', 'cancelled']),
    itemId: z.string().nullable(),
    message: z.string(),
  }),
} as const;
