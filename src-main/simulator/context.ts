/** Shared state and the per-request context the route handlers receive. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Fault, QueuedFault, ResolvedOptions, TriggerWord } from './config';
import type { FileStore } from './file-store';

/** A request as the simulator received it, for tests to inspect (e.g. the order of edit `images`). */
export interface RecordedRequest {
  method: string;
  path: string;
  /** Header values; `authorization` is masked (`Bearer xa***yz`) so logs never hold a key. */
  headers: Record<string, string>;
  /** Parsed JSON body, or undefined when absent or not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: number;
}

/**
 * A response the simulator finished sending (Node's `finish`: every byte handed to the OS). Answers cut by a fault
 * (reset, hang, a download broken half way) never appear here. Crash tests compare it with what the app saved.
 */
export interface DeliveredResponse {
  method: string;
  path: string;
  status: number;
  /** The `x-request-id` the answer carried. */
  requestId: string;
  /** Body size in bytes, when the response declared it. */
  bytes: number | null;
  at: number;
  /** The request it answered (same object as in `requests`). */
  request: RecordedRequest;
}

/** A simulated asynchronous video job. */
export interface VideoJob {
  id: string;
  model: string;
  createdAt: number;
  polls: number;
  durationSeconds: number;
  width: number;
  height: number;
  costTicks: number;
  triggers: Set<TriggerWord>;
  /** Set when the job is settled as a failure (async validation, ffmpeg error, VIDEO_FAIL). */
  failure?: { code: string; message: string };
  /** Resolves to the file URL once ffmpeg has rendered the clip. */
  render: Promise<string>;
  url?: string;
}

/** A deferred image request (`deferred:true`). */
export interface DeferredImage {
  id: string;
  polls: number;
  response: unknown;
}

export interface SimState {
  requests: RecordedRequest[];
  delivered: DeliveredResponse[];
  faults: QueuedFault[];
  videos: Map<string, VideoJob>;
  deferredImages: Map<string, DeferredImage>;
  seenPrompts: Set<string>;
}

export interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  method: string;
  path: string;
  body: Record<string, unknown>;
  baseUrl: string;
  opts: ResolvedOptions;
  store: FileStore;
  state: SimState;
  triggers: Set<TriggerWord>;
  /** A `truncated`/`not-json` fault to apply to the success body. */
  bodyFault?: Fault;
}
