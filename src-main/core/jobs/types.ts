/**
 * Jobs as main stores them. The contract's views are derived from these; the store persists them as they are.
 */
import type { JobState, JobView, Tile } from '@contract';

/** One submit: prompts × n with the shared parameters. */
export interface StoredBatch {
  id: string;
  createdAt: number;
  model: string;
  aspectRatio: string;
  resolution: string;
  /** The quality sent with every request of the batch (2.0: `low`/`medium`); absent for models without one. */
  quality?: string;
  /** Images per prompt. */
  n: number;
  prompts: string[];
  estimateTicks: number;
  /** The prompt as written before an accepted rewrite ("Enhance prompt"); filed on every item beside the prompt sent. */
  originalPrompt?: string;
  /** A model comparison this batch is one combination of. */
  group?: { id: string; index: number };
  /** The library image sent as the subject reference (MiniMax image-01), when there is one. */
  subjectItemId?: string;
}

/** One HTTP request to xAI (part of a prompt's images) and the tiles it fills. */
export interface StoredJob {
  id: string;
  batchId: string;
  prompt: string;
  promptIndex: number;
  /** Images this request asks for (≤ MAX_IMAGES_PER_REQUEST). */
  n: number;
  state: JobState;
  attempts: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  costTicks: number | null;
  requestId: string | null;
  error: { kind: string; message: string } | null;
  tiles: Tile[];
}

/** A batch with its jobs in queue order. */
export interface BatchWithJobs {
  batch: StoredBatch;
  jobs: StoredJob[];
}

export const TERMINAL_STATES: readonly JobState[] = ['succeeded', 'partially-blocked', 'failed', 'cancelled', 'interrupted'];
export const RETRYABLE_STATES: readonly JobState[] = ['failed', 'cancelled', 'interrupted'];

export const isTerminal = (s: JobState) => TERMINAL_STATES.includes(s);

/** The view of a job; `note` is transient (rate-limit waits) and not stored. */
export function jobView(job: StoredJob, note: string | null = null): JobView {
  return { ...job, tiles: job.tiles.map((t) => ({ ...t })), note };
}
