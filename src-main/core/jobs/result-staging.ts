import type { LineageKind, OperationName, ProviderId } from '@contract';

/**
 * Paid results are written to disk before anything else. The moment an image response arrives, its images go to
 * the staging area (one folder per job attempt), durably; only then are they filed in the library, each staged
 * file removed once its library row exists. A process killed in between leaves the staged files, and the next
 * start files them (see services/paid-work/recovery.ts) instead of marking the paid request lost.
 * Implemented by `FsResultStaging` (adapters/jobs, `<dataDir>/staging`) and `InMemoryResultStaging` (tests).
 */

/** What a staged slot of the response held. */
export type StagedSlot = 'image' | 'video' | 'blocked' | 'missing';

/** Everything the library ingest needs besides the bytes, so a restart can file the images on its own. */
export interface StagedMeta {
  jobId: string;
  /** The job's attempt this response answered (a retried job stages into a new folder). */
  attempt: number;
  requestId: string | null;
  costTicks: number | null;
  /** Cost share of one image (ticks), as stored on each library item. */
  share: number | null;
  prompt: string;
  /** The prompt as written before an accepted rewrite ("Enhance prompt"), filed beside `prompt`. */
  originalPrompt?: string;
  model: string;
  /** The model that served (the response's `model`) and the quality served, when known (issue 15.5). */
  servedModel?: string;
  servedQuality?: string;
  /**
   * Who made it and how, when not xAI's generate/edit (issue 18): an image operation of another provider (Stability's
   * inpaint, erase, upscale…) is staged as an edit of its one source, with these naming the provider, the operation
   * and the seed it reported.
   */
  provider?: ProviderId;
  operation?: OperationName;
  seed?: number;
  /** The library image sent as the subject reference (MiniMax image-01): each result is its `reference-of`. */
  subjectItemId?: string;
  params: Record<string, unknown>;
  aspectRatio: string | null;
  /** One entry per tile of the job, in order. */
  slots: StagedSlot[];
  stagedAt: number;
  /** Made in demo mode (the simulator): filed only while demo mode is on, its cost simulated. Absent: real. */
  demo?: boolean;
  /**
   * What the response answered: a job of the image queue (absent), an edit or a video. An edit has no job row: `jobId`
   * is the edit's own id (its library items carry it as `sourceJobId`), `attempt` is 1, and `edit` holds what the
   * library needs to file it with its lineage. A video's `jobId` is its journal row, `requestId` xAI's video id, and
   * `video` its lineage.
   */
  kind?: 'image' | 'edit' | 'video';
  edit?: {
    /** The edit instruction as the user wrote it. */
    instruction: string;
    /** Library items the edit was made from (`edited-from` links). */
    parents: string[];
    /** xAI's revised prompt per slot, if it sent one. */
    revisedPrompts: (string | null)[];
  };
  video?: {
    /** An edited video (the prompt is the instruction) or a generated one. */
    edited: boolean;
    /** Library items it was made from, with how (image-to-video, reference, extended, edited). */
    parents: { parentId: string; kind: LineageKind }[];
  };
}

export interface StagedImage {
  index: number;
  bytes: Uint8Array;
  mime: string;
}

export interface StagedResult {
  meta: StagedMeta;
  images: StagedImage[];
}

export interface ResultStaging {
  /** Writes the meta, then every image, each atomically and durably; resolves once all of it would survive a power cut. */
  put(result: StagedResult): Promise<void>;
  /** Every complete staged result (meta present); leftovers of a write cut short are removed. */
  list(): Promise<StagedResult[]>;
  /** Drops one image once the library holds it; the attempt's folder goes with its last image. */
  remove(jobId: string, attempt: number, index: number): Promise<void>;
  /** Replaces the meta of a staged result whose images are on disk already (e.g. an edit's lineage, known a moment later). */
  rewriteMeta(meta: StagedMeta): Promise<void>;
}

/** The in-memory twin, for tests and for callers with no disk to stage to. */
export class InMemoryResultStaging implements ResultStaging {
  readonly results = new Map<string, StagedResult>();
  /** Fault injection: thrown by `put` when set. */
  failPut: Error | null = null;

  async put(result: StagedResult): Promise<void> {
    if (this.failPut) throw this.failPut;
    this.results.set(`${result.meta.jobId}.${result.meta.attempt}`, {
      meta: structuredClone(result.meta),
      images: result.images.map((i) => ({ ...i, bytes: i.bytes.slice() })),
    });
  }

  async list(): Promise<StagedResult[]> {
    return [...this.results.values()].map((r) => ({ meta: structuredClone(r.meta), images: r.images.map((i) => ({ ...i })) }));
  }

  async rewriteMeta(meta: StagedMeta): Promise<void> {
    if (this.failPut) throw this.failPut;
    const r = this.results.get(`${meta.jobId}.${meta.attempt}`);
    if (r) r.meta = structuredClone(meta);
  }

  async remove(jobId: string, attempt: number, index: number): Promise<void> {
    const key = `${jobId}.${attempt}`;
    const r = this.results.get(key);
    if (!r) return;
    r.images = r.images.filter((i) => i.index !== index);
    if (r.images.length === 0) this.results.delete(key);
  }
}
