import { SETTINGS_DEFAULTS, type BatchView, type CostEstimateView, type ImageQuality, type JobView, type Ledger, type QueueView } from '@contract';
import type { StateCreator } from 'zustand';
import type { StudioState } from './store';

/** What the Generate form holds between visits to the section. */
export interface GenerateDraft {
  text: string;
  /** One prompt per line when on. */
  batchMode: boolean;
  model: string;
  n: number;
  aspectRatio: BatchView['aspectRatio'];
  resolution: BatchView['resolution'];
  /** "Quality" for models that take it (2.0); kept (and ignored by main) for models without it. */
  quality: ImageQuality;
  /** The prompt as written, while `text` is a rewrite of it the user accepted ("Enhance prompt"); null otherwise. */
  originalPrompt?: string | null;
  /** The library image chosen as the subject reference (MiniMax image-01), with its thumbnail; null: none. */
  subject?: { itemId: string; thumb: string | null } | null;
}

/** The form's options (what Settings provides defaults for); the prompt text and batch mode are not options. */
export const DRAFT_OPTIONS = ['model', 'n', 'aspectRatio', 'resolution', 'quality'] as const satisfies readonly (keyof GenerateDraft)[];

/** The queue as main reports it (main owns it; this is a mirror), the ledger and the form. */
export interface JobsSlice {
  batches: BatchView[];
  ledger: Ledger | null;
  estimate: CostEstimateView | null;
  draft: GenerateDraft;
  /** Set once the user changed one of the form's options, so settings defaults no longer overwrite them (issue 14.8). */
  draftTouched: boolean;
  submitError: string | null;
  /** The queue's order and pause state, as main reports it. */
  queue: QueueView | null;
  setQueue(queue: QueueView): void;
  setBatches(batches: BatchView[]): void;
  addBatch(batch: BatchView): void;
  upsertJob(job: JobView): void;
  setLedger(ledger: Ledger): void;
  setEstimate(estimate: CostEstimateView | null): void;
  setDraft(patch: Partial<GenerateDraft>, touched?: boolean): void;
  setSubmitError(message: string | null): void;
}

/** The same defaults Settings starts from (issue 14.8: both read one set). */
export const DEFAULT_DRAFT: GenerateDraft = {
  text: '', batchMode: false, model: SETTINGS_DEFAULTS.imageModel, n: SETTINGS_DEFAULTS.imageCount,
  aspectRatio: SETTINGS_DEFAULTS.imageAspectRatio, resolution: SETTINGS_DEFAULTS.imageResolution, quality: SETTINGS_DEFAULTS.imageQuality,
};

const touchesOptions = (patch: Partial<GenerateDraft>) => DRAFT_OPTIONS.some((k) => k in patch);

export const createJobsSlice: StateCreator<StudioState, [], [], JobsSlice> = (set) => ({
  batches: [],
  ledger: null,
  estimate: null,
  draft: DEFAULT_DRAFT,
  draftTouched: false,
  submitError: null,
  queue: null,
  setQueue: (queue) => set({ queue }),
  setBatches: (batches) => set({ batches }),
  addBatch: (batch) => set((s) => ({ batches: [batch, ...s.batches.filter((b) => b.id !== batch.id)] })),
  upsertJob: (job) =>
    set((s) => ({
      batches: s.batches.map((b) =>
        b.id === job.batchId ? { ...b, jobs: b.jobs.map((j) => (j.id === job.id ? job : j)) } : b,
      ),
    })),
  setLedger: (ledger) => set({ ledger }),
  setEstimate: (estimate) => set({ estimate }),
  setDraft: (patch, touched = touchesOptions(patch)) => set((s) => ({ draft: { ...s.draft, ...patch }, draftTouched: s.draftTouched || touched })),
  setSubmitError: (submitError) => set({ submitError }),
});
