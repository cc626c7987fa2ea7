import { z } from 'zod';
import { API_LIMITS, ImageAspectRatio, ImageQuality, ImageResolution, MAX_EDIT_SOURCES } from './capabilities';
import { Empty } from './common';

/*
 * Natural-language image edits with up to the model's `maxEditSources` sources (capability table). Sources are prepared in main first (sniffed,
 * converted, downscaled, stored in a temp area) so the canvas only ever holds images xAI will accept; a submit names
 * them by id in display order, which is the order of `<IMAGE_0>`, `<IMAGE_1>`, … in the prompt.
 */

/** Largest file the canvas will hand to main (the WebSocket bridge carries base64 of at most 48 MiB). */
export const EDIT_MAX_UPLOAD_BYTES = 32 * 1024 * 1024;

/** Ids of prepared sources: 32 lowercase hex chars. */
export const EditSourceId = z.string().regex(/^[0-9a-f]{32}$/, 'Not an edit source id.');

/** Where a source comes from: bytes the user dropped, pasted or picked, or an item of the library. */
export const PrepareSourceInput = z
  .object({
    /** File contents, base64 (no data: prefix). */
    bytesBase64: z.string().max(Math.ceil((EDIT_MAX_UPLOAD_BYTES * 4) / 3) + 4, 'The file is larger than 32 MiB.').optional(),
    /** The file's name, for messages only: the format is judged by the bytes. */
    name: z.string().max(500).optional(),
    itemId: z.string().regex(/^[0-9a-f]{32}$/).optional(),
  })
  .strict()
  .refine((v) => (v.bytesBase64 === undefined) !== (v.itemId === undefined), 'Give file bytes or a library item, not both.');
export type PrepareSourceInput = z.input<typeof PrepareSourceInput>;

/** A source ready to send: PNG, JPEG or WebP, at most 10 MiB, upright. */
export const EditSourceView = z.object({
  id: EditSourceId,
  name: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  mime: z.enum(['image/png', 'image/jpeg', 'image/webp']),
  bytes: z.number().int(),
  /** A small WebP data URL for the card (temp files are outside the media root, so no media path). */
  thumbDataUrl: z.string(),
  /** The library item it came from; null until an edit imports it. */
  libraryItemId: z.string().nullable(),
  /** What was done to make it acceptable ("Converted from GIF to PNG."), in words. */
  notices: z.array(z.string()),
});
export type EditSourceView = z.infer<typeof EditSourceView>;

export const EDIT_ROTATIONS = [0, 90, 180, 270] as const;
/** A crop as fractions of the rotated image (0–1), so it survives the source's own downscaling. */
export const EditCrop = z.object({
  x: z.number().min(0).max(1),
  y: z.number().min(0).max(1),
  width: z.number().gt(0).max(1),
  height: z.number().gt(0).max(1),
}).strict();
export type EditCrop = z.infer<typeof EditCrop>;

export const EditSourceRef = z.object({
  id: EditSourceId,
  /** Clockwise degrees applied before sending. */
  rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]).default(0),
  crop: EditCrop.nullable().default(null),
}).strict();
export type EditSourceRef = z.input<typeof EditSourceRef>;

const EditParams = {
  model: z.string().trim().min(1).max(100),
  n: z.number().int().min(API_LIMITS.images.min).max(API_LIMITS.images.max),
  resolution: ImageResolution,
  /** "Quality" on models that take it (2.0; Auto serves medium for edits, xai-imagine-api-updates.md §1 #5). */
  quality: ImageQuality.optional(),
};

export const EditSubmitInput = z
  .object({
    /** In display order: the first is `<IMAGE_0>`. */
    sources: z.array(EditSourceRef).min(1, 'Add an image to edit.').max(MAX_EDIT_SOURCES, `An edit takes at most ${MAX_EDIT_SOURCES} images.`),
    prompt: z.string().trim().min(1, 'Describe the edit first.').max(10_000),
    ...EditParams,
    /** Only for multi-source edits: a single source always keeps its own aspect ratio (doc §4.1). */
    aspectRatio: ImageAspectRatio.optional(),
  })
  .strict()
  .refine((v) => v.sources.length > 1 || v.aspectRatio === undefined, { message: 'A single-image edit keeps the source\'s aspect ratio.', path: ['aspectRatio'] });
export type EditSubmitInput = z.input<typeof EditSubmitInput>;

/** One output of an edit, already in the library. */
export const EditResultView = z.object({
  itemId: z.string(),
  file: z.string(),
  thumb: z.string().nullable(),
  preview: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
});
export type EditResultView = z.infer<typeof EditResultView>;

export const EditSubmitOutput = z.object({
  results: z.array(EditResultView),
  /** Outputs the content policy withheld. */
  blocked: z.number().int(),
  requestId: z.string().nullable(),
  costTicks: z.number().int().nullable(),
  /** The library ids of the sources, in order (outside files were imported first). */
  sourceItemIds: z.array(z.string()),
  /** One line when the chosen model was retired and its successor edited instead (issue 15.2). */
  notice: z.string().optional(),
});
export type EditSubmitOutput = z.infer<typeof EditSubmitOutput>;

export const EditEstimateInput = z.object({ sourceCount: z.number().int().min(0).max(MAX_EDIT_SOURCES), ...EditParams }).strict();
export type EditEstimateInput = z.input<typeof EditEstimateInput>;

export const EditEstimateView = z.object({
  ticks: z.number().int(),
  outputTicks: z.number().int(),
  /** The per-source-image charge, per model (xai-imagine-api-updates.md §2: $0.01 on 2.0, $0.002 on 1.0). */
  inputTicks: z.number().int(),
  source: z.enum(['listing', 'table', 'unknown']),
  /** The quality the estimate is priced at (what xAI serves and bills for the choice); absent: the model has none. */
  quality: ImageQuality.optional(),
  /** The budget cap from settings (shared with image batches and videos), if any. */
  budgetCapUsd: z.number().nullable(),
  /** Spent this session plus everything queued or in flight, in ticks: what the cap is compared against. */
  committedTicks: z.number().int(),
  /** A submit would be refused: this edit on top of `committedTicks` passes the cap. */
  exceedsBudget: z.boolean(),
});
export type EditEstimateView = z.infer<typeof EditEstimateView>;

/*
 * The Edit canvas kept across a reload or a restart (issue 14.6): its sources, prompt, options and step tree, without
 * the undo stacks. Main keeps it (not the page's localStorage) because the source ids are main's temp files, which
 * only main can check again, and because the browser host's origin changes with every launch.
 */
const SessionCard = z.object({
  key: z.string().min(1).max(40),
  source: EditSourceView.extend({ thumbDataUrl: z.string().max(400_000), name: z.string().max(500), notices: z.array(z.string().max(500)).max(20) }),
  rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
  crop: EditCrop.nullable(),
}).strict();
export type EditSessionCard = z.infer<typeof SessionCard>;

const SessionStep = z.object({
  id: z.number().int().min(1),
  parentId: z.number().int().min(1).nullable(),
  sources: z.array(SessionCard).max(MAX_EDIT_SOURCES),
  prompt: z.string().max(10_000),
  results: z.array(EditResultView).max(API_LIMITS.images.max),
  blocked: z.number().int().min(0),
  operation: z.enum(['inpaint', 'erase', 'search-replace']).optional(),
}); // Not strict: a step's mask (a large data URL) is not kept; unknown fields are dropped, not refused.

export const EditSession = z.object({
  sources: z.array(SessionCard).max(MAX_EDIT_SOURCES),
  selectedKey: z.string().max(40).nullable(),
  prompt: z.string().max(10_000),
  // Not strict: options added later are dropped rather than refusing the whole canvas (the page fills defaults).
  params: z.object({ ...EditParams, aspectRatio: ImageAspectRatio, provider: z.enum(['xai', 'stability']).optional() }),
  /** The user changed the options, so Settings' defaults no longer set them (absent in canvases kept before). */
  paramsTouched: z.boolean().optional(),
  /** The newest 100 steps; older ones fall off (their results stay in the library with their lineage). */
  steps: z.array(SessionStep).max(100),
  currentStepId: z.number().int().min(1).nullable(),
}).strict();
export type EditSession = z.infer<typeof EditSession>;

export const EditSessionView = z.object({
  session: EditSession.nullable(),
  /** Sources that could not be brought back (their temp file was swept and they never reached the library). */
  dropped: z.array(z.string()),
});
export type EditSessionView = z.infer<typeof EditSessionView>;

/** How far a variation may move from its image (issue 19): "Vary (subtle)" and "Vary (strong)". */
export const VARY_STRENGTHS = ['subtle', 'strong'] as const;
export const VaryStrength = z.enum(VARY_STRENGTHS);
export type VaryStrength = z.infer<typeof VaryStrength>;

export const VaryInput = z.object({
  /** The library image to vary. */
  itemId: z.string().regex(/^[0-9a-f]{32}$/, 'Not a library id.'),
  strength: VaryStrength,
  ...EditParams,
}).strict();
export type VaryInput = z.input<typeof VaryInput>;

export const editChannels = {
  /** Validates and normalises one source (bytes or a library item) into the temp area; refusals are `validation`. */
  'edit:prepare-source': { input: PrepareSourceInput, output: EditSourceView },
  /**
   * Sends the edit (refused as `validation`, path `budget`, when over the budget cap), records its cost in the shared
   * ledger, ingests every result with `edited-from` links to every source, and answers the results.
   */
  'edit:submit': { input: EditSubmitInput, output: EditSubmitOutput },
  /** What an edit would cost, input images included, and whether the shared budget cap allows it. */
  'edit:estimate': { input: EditEstimateInput, output: EditEstimateView },
  /** The canvas as last saved, its sources checked again (swept ones prepared anew from their library item). */
  'edit:session': { input: Empty, output: EditSessionView },
  /** Keeps the canvas (replacing what was kept); `null` forgets it. */
  'edit:save-session': { input: z.object({ session: EditSession.nullable() }).strict(), output: z.object({ saved: z.boolean() }) },

  /**
   * A variation of a library image: an edit with it as the only source and an instruction asking for a subtle or a
   * strong variation; paid, staged and filed like any edit, each result `edited-from` the image.
   */
  'edit:vary': { input: VaryInput, output: EditSubmitOutput },
} as const;

export const editEvents = {} as const;
