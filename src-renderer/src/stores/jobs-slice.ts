import { defaultModel, type BatchView, type CostEstimateView, type JobView, type Ledger } from '@contract';
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
  /** Models that take one (2.0); absent: the model's default. */
  quality?: NonNullable<BatchView['quality']>;
  /** The prompt as written, while `text` is a rewrite of it the user accepted ("Enhance prompt"); null otherwise. */
  originalPrompt?: string | null;
}

/** The queue as main reports it (main owns it; this is a mirror), the ledger and the form. */
export interface JobsSlice {
  batches: BatchView[];
  ledger: Ledger | null;
  estimate: CostEstimateView | null;
  draft: GenerateDraft;
  /** Set once the user touched the form, so settings defaults no longer overwrite it. */
  draftTouched: boolean;
  submitError: string | null;
  setBatches(batches: BatchView[]): void;
  addBatch(batch: BatchView): void;
  upsertJob(job: JobView): void;
  setLedger(ledger: Ledger): void;
  setEstimate(estimate: CostEstimateView | null): void;
  setDraft(patch: Partial<GenerateDraft>, touched?: boolean): void;
  setSubmitError(message: string | null): void;
}

export const DEFAULT_DRAFT: GenerateDraft = { text: '', batchMode: false, model: defaultModel('image'), n: 4, aspectRatio: '1:1', resolution: '1k' };

export const createJobsSlice: StateCreator<StudioState, [], [], JobsSlice> = (set) => ({
  batches: [],
  ledger: null,
  estimate: null,
  draft: DEFAULT_DRAFT,
  draftTouched: false,
  submitError: null,
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
  setDraft: (patch, touched = true) => set((s) => ({ draft: { ...s.draft, ...patch }, draftTouched: s.draftTouched || touched })),
  setSubmitError: (submitError) => set({ submitError }),
});
