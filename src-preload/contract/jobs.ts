import { z } from 'zod';
import { Empty } from './common';
import { API_LIMITS, ImageAspectRatio, ImageQuality, ImageResolution } from './capabilities';

/*
 * Generation jobs: a batch is what one submit asked for (prompts × n); each prompt becomes one or more requests
 * (jobs) of at most JOB_MAX_IMAGES images; each requested image is a tile. The queue lives in main and survives
 * restarts, so the renderer only mirrors it (rehydrate with `jobs:list`, then follow events).
 */

/** Most prompts one batch may carry (one per line in batch mode). */
export const MAX_BATCH_PROMPTS = 50;

/** Ids of batches and jobs: 32 lowercase hex chars. */
export const JobId = z.string().regex(/^[0-9a-f]{32}$/, 'Not a job id.');

/**
 * A request's life: `queued → running → succeeded | partially-blocked | failed | cancelled`; a request in flight
 * when the app stopped becomes `interrupted` (it may have been billed). Failed, cancelled and interrupted can be
 * retried, which puts them back to `queued`.
 */
export const JobState = z.enum(['queued', 'running', 'succeeded', 'partially-blocked', 'failed', 'cancelled', 'interrupted']);
export type JobState = z.infer<typeof JobState>;

/** One requested image as the grid shows it. */
export const TileState = z.enum(['pending', 'done', 'blocked', 'failed', 'cancelled', 'interrupted']);
export type TileState = z.infer<typeof TileState>;

export const Tile = z.object({
  /** Position inside the batch (0-based), stable from submit on. */
  index: z.number().int(),
  state: TileState,
  /** The library item, once ingested. */
  itemId: z.string().nullable(),
  /** Thumbnail path relative to the media base. */
  thumb: z.string().nullable(),
  width: z.number().int().nullable(),
  height: z.number().int().nullable(),
  /** Why it is blocked or failed, in words. */
  reason: z.string().nullable(),
});
export type Tile = z.infer<typeof Tile>;

/** A short failure, as the user should read it. */
export const JobError = z.object({ kind: z.string(), message: z.string() });

export const JobView = z.object({
  id: JobId,
  batchId: JobId,
  prompt: z.string(),
  promptIndex: z.number().int(),
  /** Images this request asks for. */
  n: z.number().int(),
  state: JobState,
  attempts: z.number().int(),
  createdAt: z.number().int(),
  startedAt: z.number().int().nullable(),
  finishedAt: z.number().int().nullable(),
  /** Reported cost of the request in ticks (1e10 = 1 USD); null until known. */
  costTicks: z.number().int().nullable(),
  requestId: z.string().nullable(),
  error: JobError.nullable(),
  /** Transient state in words ("Rate limited by xAI, retrying in 3 s"). */
  note: z.string().nullable(),
  tiles: z.array(Tile),
});
export type JobView = z.infer<typeof JobView>;

export const BatchView = z.object({
  id: JobId,
  createdAt: z.number().int(),
  model: z.string(),
  aspectRatio: ImageAspectRatio,
  resolution: ImageResolution,
  /** The quality sent (2.0 only: `low` or `medium`, never `auto` — xai-imagine-api-updates.md §1 #5); absent: none. */
  quality: ImageQuality.optional(),
  /** One line when the model asked for was retired and its successor was used instead (issue 15.2). */
  notice: z.string().optional(),
  /** Images per prompt. */
  n: z.number().int(),
  prompts: z.array(z.string()),
  estimateTicks: z.number().int(),
  /** The prompt as written before an accepted rewrite (see JobRequest). */
  originalPrompt: z.string().optional(),
  /** The model comparison it belongs to (see JobRequest). */
  group: z.object({ id: z.string(), index: z.number().int() }).optional(),
  jobs: z.array(JobView),
});
export type BatchView = z.infer<typeof BatchView>;

const Reconciled = z.object({ count: z.number().int(), estimateTicks: z.number().int(), billedTicks: z.number().int() });

/** Money spent, in ticks, as reported by xAI. */
export const Ledger = z.object({
  sessionTicks: z.number().int(),
  dayTicks: z.number().int(),
  totalTicks: z.number().int(),
  /** The cap from settings in USD, if any, and what the session has left under it. */
  budgetCapUsd: z.number().nullable(),
  /** This session's real spend per kind of paid work (images, edits, videos); they add up to `sessionTicks`. */
  sessionByKind: z.object({ image: z.number().int(), edit: z.number().int(), video: z.number().int(), text: z.number().int().optional() }).optional(),
  /**
   * What demo mode (the built-in simulator) would have cost: simulated, never billed, never part of the totals above
   * or of the budget. Shown instead of them, labelled simulated, while demo mode is on.
   */
  simulated: z.object({ sessionTicks: z.number().int(), dayTicks: z.number().int(), totalTicks: z.number().int() }).optional(),
  /**
   * This session's paid work that had an estimate: how many, what was estimated, what xAI billed (issue 15.5: the
   * ledger reconciles estimates with bills). `simulatedReconciled` is demo mode's.
   */
  reconciled: Reconciled.optional(),
  simulatedReconciled: Reconciled.optional(),
});
export type Ledger = z.infer<typeof Ledger>;

export const JobRequest = z
  .object({
    prompts: z.array(z.string().max(10_000)).min(1, 'Write a prompt first.').max(MAX_BATCH_PROMPTS, `At most ${MAX_BATCH_PROMPTS} prompts per batch.`),
    n: z.number().int().min(API_LIMITS.images.min).max(API_LIMITS.images.max),
    model: z.string().trim().min(1).max(100),
    aspectRatio: ImageAspectRatio,
    resolution: ImageResolution,
    /** "Quality" on models that take it (2.0); ignored by models without it. Absent: Auto. */
    quality: ImageQuality.optional(),
    /**
     * The prompt as the user wrote it, when the one sent is a rewrite they accepted ("Enhance prompt"): kept on every
     * item the batch produces, beside the prompt sent, and searched too.
     */
    originalPrompt: z.string().trim().min(1).max(10_000).optional(),
    /** Part of a model comparison (`jobs:compare`): the comparison's id and this combination's place in it. */
    group: z.object({ id: z.string().regex(/^[0-9a-f]{32}$/), index: z.number().int().min(0).max(3) }).strict().optional(),
    /**
     * MiniMax image-01's subject reference (issue 18 §3): a library image of the subject, read and sent by main; each
     * result is linked to it (`reference-of`). Only for models whose provider lists `subject-image` for them.
     */
    subjectItemId: z.string().trim().min(1).max(100).optional(),
  })
  .strict();
export type JobRequest = z.infer<typeof JobRequest>;

export const CostEstimateView = z.object({
  images: z.number().int(),
  requests: z.number().int(),
  perImageTicks: z.number().int(),
  ticks: z.number().int(),
  /** `listing`: from xAI's model list; `table`: the built-in price table; `unknown`: no price known. */
  source: z.enum(['listing', 'table', 'unknown']),
  /** The quality the estimate is priced at (what xAI serves and bills for the choice); absent: the model has none. */
  quality: ImageQuality.optional(),
  budgetCapUsd: z.number().nullable(),
  /** Spent this session plus what is still queued, in ticks: what the cap is compared against. */
  committedTicks: z.number().int(),
  exceedsBudget: z.boolean(),
});
export type CostEstimateView = z.infer<typeof CostEstimateView>;


/** A prompt submitted before, as the history keeps it (in main, `<dataDir>/jobs.db`). */
export const PromptHistoryEntry = z.object({ text: z.string(), lastUsedAt: z.number().int(), uses: z.number().int() });
export type PromptHistoryEntry = z.infer<typeof PromptHistoryEntry>;
export const PromptHistoryView = z.object({ prompts: z.array(PromptHistoryEntry) });
export type PromptHistoryView = z.infer<typeof PromptHistoryView>;
export const PromptHistoryQuery = z
  .object({
    /** Case-insensitive substring; empty or absent lists the most recent. */
    query: z.string().max(1000).optional(),
    limit: z.number().int().min(1).max(500).optional(),
  })
  .strict();

/** A saved set of Generate parameters (issue 6), kept in main (`<dataDir>/jobs.db`, table `presets`). */
export const PresetName = z.string().trim().min(1, 'Give the preset a name.').max(80, 'At most 80 characters.');
/** Text added after each prompt of a batch when the preset is picked (e.g. ", 35mm film, soft light"). */
export const PromptSuffix = z.string().max(1000);
export const GeneratePreset = z.object({
  id: JobId,
  name: z.string(),
  model: z.string(),
  n: z.number().int(),
  aspectRatio: ImageAspectRatio,
  resolution: ImageResolution,
  /** "Quality" as chosen (Auto, Low, Medium); absent for models without it and presets from before. */
  quality: ImageQuality.optional(),
  promptSuffix: z.string(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type GeneratePreset = z.infer<typeof GeneratePreset>;
export const PresetSave = z
  .object({
    /** Present to change (or rename) that preset; absent to save a new one (a preset of the same name is replaced). */
    id: JobId.optional(),
    name: PresetName,
    model: z.string().trim().min(1).max(100),
    n: z.number().int().min(API_LIMITS.images.min).max(API_LIMITS.images.max),
    aspectRatio: ImageAspectRatio,
    resolution: ImageResolution,
    quality: ImageQuality.optional(),
    promptSuffix: PromptSuffix.default(''),
  })
  .strict();
export type PresetSave = z.input<typeof PresetSave>;

const Target = z.object({ jobId: JobId.optional(), batchId: JobId.optional() }).strict()
  .refine((t) => Boolean(t.jobId) !== Boolean(t.batchId), 'Give a job id or a batch id.');
const Count = z.object({ count: z.number().int() });

/**
 * The queue as the user steers it (issue 19): paused or not, the queued requests in the order they will run, and
 * those running now. Persisted in main (`jobs.db`), so a restart or a crash keeps both.
 */
export const QueueView = z.object({
  paused: z.boolean(),
  /** Queued request (job) ids, first to run first. */
  order: z.array(JobId),
  running: z.array(JobId),
});
export type QueueView = z.infer<typeof QueueView>;

export const QueueMove = z.object({
  jobId: JobId,
  /** One place earlier or later, or to the front ("Run next"). */
  to: z.enum(['up', 'down', 'next']),
}).strict();
export type QueueMove = z.infer<typeof QueueMove>;

/** One model/quality/resolution combination of a comparison ("Compare models", issue 19). */
export const CompareCombination = z.object({
  model: z.string().trim().min(1).max(100),
  quality: ImageQuality.optional(),
  resolution: ImageResolution,
}).strict();
export type CompareCombination = z.infer<typeof CompareCombination>;

/** One prompt sent to 2–4 combinations at once; the rest of the form (n, aspect ratio) is shared. */
export const CompareRequest = z.object({
  prompt: z.string().trim().min(1, 'Write a prompt first.').max(10_000),
  n: z.number().int().min(API_LIMITS.images.min).max(API_LIMITS.images.max),
  aspectRatio: ImageAspectRatio,
  combinations: z.array(CompareCombination).min(2, 'Choose at least 2 combinations.').max(4, 'At most 4 combinations.'),
  originalPrompt: z.string().trim().min(1).max(10_000).optional(),
}).strict();
export type CompareRequest = z.infer<typeof CompareRequest>;

export const jobsChannels = {
  /**
   * "Compare models": queues one batch per combination, grouped (`group`) so the board shows them side by side; the
   * whole comparison is checked against the budget before any of it is queued.
   */
  'jobs:compare': { input: CompareRequest, output: z.object({ batches: z.array(BatchView) }) },
  /** The queue's order and pause state. */
  'jobs:queue': { input: Empty, output: QueueView },
  /** "Pause queue" / "Resume queue": while paused nothing new is sent; requests already with xAI finish. */
  'jobs:pause': { input: z.object({ paused: z.boolean() }).strict(), output: QueueView },
  /** "Move up", "Move down", "Run next" on a queued request. */
  'jobs:move': { input: QueueMove, output: QueueView },
  /** A new order (drag and drop): these queued requests first, in this order; the rest keep theirs after them. */
  'jobs:reorder': { input: z.object({ ids: z.array(JobId).max(10_000) }).strict(), output: QueueView },
  /** Queues prompts × n after pre-flight validation and the budget check; answers the batch with its tiles. */
  'jobs:submit': { input: JobRequest, output: BatchView },
  /** Every batch still on the board, newest first, and the ledger: what the renderer rehydrates from. */
  'jobs:list': { input: Empty, output: z.object({ batches: z.array(BatchView), ledger: Ledger }) },
  /** Cancels queued or running requests of one job or a whole batch. */
  'jobs:cancel': { input: Target, output: Count },
  /** Puts failed, cancelled or interrupted requests back in the queue. */
  'jobs:retry': { input: Target, output: Count },
  /** Removes batches whose requests have all finished (their images stay in the library). */
  'jobs:clear-finished': { input: Empty, output: Count },
  /** What a submit would cost, and whether the budget cap allows it. */
  'jobs:estimate': { input: JobRequest, output: CostEstimateView },
  /** Prompts submitted before (every Generate submit adds its prompts), most recent first; `query` searches them. */
  'prompts:history': { input: PromptHistoryQuery, output: PromptHistoryView },
  /** Adds prompts to the history without submitting (moves the renderer's old local history into main, once). */
  'prompts:remember': { input: z.object({ prompts: z.array(z.string().max(10_000)).max(1000) }).strict(), output: Count },
  /** Saved parameter presets, by name (case-insensitive order). */
  'presets:list': { input: Empty, output: z.object({ presets: z.array(GeneratePreset) }) },
  /** Saves a new preset, replaces the one of the same name, or (with `id`) changes/renames that one. */
  'presets:save': { input: PresetSave, output: GeneratePreset },
  'presets:delete': { input: z.object({ id: JobId }).strict(), output: Count },
} as const;

export const jobsEvents = {
  /** A request changed state or a tile filled. */
  'jobs:progress': z.object({ job: JobView }),
  /** Every request of a batch has finished (for notifications). */
  'jobs:settled': z.object({
    batchId: JobId,
    images: z.number().int(),
    done: z.number().int(),
    blocked: z.number().int(),
    failed: z.number().int(),
    costTicks: z.number().int(),
  }),
  /** Money spent changed. */
  'ledger:changed': Ledger,
  /** The queue's order or pause state changed. */
  'jobs:queue': QueueView,
} as const;
