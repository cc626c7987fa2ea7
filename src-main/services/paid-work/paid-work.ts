/**
 * The one paid-work pipeline. Every kind of work xAI bills (an image request of the queue, an edit, a video start)
 * goes through the same steps, owned here once:
 *
 *  1. pace and call: wait for the model's token (core/paid-work/pacer.ts), send once, and classify a throw
 *     (core/paid-work/call-outcome.ts): a 429 is not billed and is tried again, an abort is a cancel or a shutdown,
 *     anything else fails with the billed-failure wording;
 *  2. stage: the paid bytes go to the staging area the moment they arrive, before anything else;
 *  3. record the spend, exactly once per piece of work;
 *  4. file each result in the library with its lineage, dropping its staged copy once the row exists (a result the
 *     library cannot take stays staged, and says so, unless the library refused the bytes themselves);
 *  5. at start, file what a crashed process left staged (./recovery.ts, keyed by the work's kind).
 *
 * The kinds of work supply only how to build their request and how to turn the answer into staged slots and
 * library items (their `StagedMeta` and `ingestInputOf`). Video keeps its own crash-safe journal for the long wait
 * between start and result (services/video/video-runner.ts); once its bytes are downloaded they take steps 2–5 here
 * like any other paid result.
 */
import type { LibraryRecord } from '@contract';
import type { SpendKind, SpendRecorder } from '../ledger/spend';
import { classifyCallFailure, type CallFailure } from '../../core/paid-work/call-outcome';
import type { BilledWhat } from '../../core/paid-work/billed-failure';
import type { ModelPacing } from './model-pacing';
import {
  keptForLater, notKept, refusedBytes, savingProblem, type ResultNoun,
} from '../../core/paid-work/words';
import type { ResultStaging, StagedMeta, StagedSlot } from '../../core/jobs/result-staging';
import type { Clock, Logger } from '../../core/ports';
import { describeStorageError } from '../../core/storage-error';
import { DEFAULT_BACKOFF, retryDelay, type BackoffPolicy } from '../../core/scheduler/rate-limiter';
import type { ImageItem, ImagineApi } from '../../core/xai';
import type { LibraryIngest } from './library-ingest';
import { ingestInputOf } from './ingest-input';

export interface PaidWorkDeps {
  staging: ResultStaging;
  library: LibraryIngest;
  spend: SpendRecorder;
  clock: Clock;
  logger: Logger;
  /** Downloads result links (the queue and edits ask for b64, so normally none). */
  download?: ImagineApi['download'];
  /** Pacing per model (shared with the queue's scheduler); absent: unpaced (tests of other things). */
  pacing?: ModelPacing;
  /** Demo mode on now: what is staged is marked demo (filed only into the demo library). Default: never. */
  demo?: () => boolean;
  /** 429 back-off for work outside the queue (the queue's scheduler uses the same policy). */
  backoff?: BackoffPolicy;
  random?: () => number;
}

/** How a call ended: its answer, or why not. */
export type CallResult<T> = { ok: true; value: T } | { ok: false; failure: CallFailure };

/** One slot of a paid answer, once its bytes are in hand. */
export interface CollectedSlot {
  slot: StagedSlot;
  bytes: Uint8Array | null;
  mime: string;
}

/** What became of one result after filing. */
export type FiledSlot =
  | { state: 'done'; record: LibraryRecord }
  | { state: 'failed'; reason: string; problem: string; kept: boolean; storage: boolean };

/** How a call is made: cancelled by `signal`, paced under model `pace`'s limit, its failure worded for `provider` (xAI). */
interface CallOpts {
  signal?: AbortSignal;
  disposing?: () => boolean;
  pace?: string;
  /** The provider's name in the billed-failure words (default xAI). */
  provider?: string;
}

/** Tries of one piece of work outside the queue when xAI answers 429 (the queue requeues instead, without a cap). */
export const DIRECT_RATE_LIMIT_ATTEMPTS = 3;

/** The log area of a kind of work (log lines keep the names they had before the pipeline was shared). */
const area = (meta: StagedMeta) => (meta.kind === 'edit' || meta.kind === 'video' ? meta.kind : 'generation');

export function createPaidWork(deps: PaidWorkDeps) {
  const { staging, clock, logger } = deps;
  const demo = deps.demo ?? (() => false);
  const random = deps.random ?? Math.random;

  /** One call: paced under the limit of model `pace` when given, sent once, its failure classified. Never rejects. */
  async function call<T>(what: BilledWhat, send: () => Promise<T>, opts: CallOpts = {}): Promise<CallResult<T>> {
    try {
      if (opts.pace && deps.pacing) await deps.pacing.pacer.acquire(deps.pacing.keyOf(opts.pace), clock, opts.signal);
      return { ok: true, value: await send() };
    } catch (err) {
      return {
        ok: false,
        failure: classifyCallFailure(err, what, { aborted: opts.signal?.aborted ?? false, disposing: opts.disposing?.() ?? false, ...(opts.provider ? { provider: opts.provider } : {}) }),
      };
    }
  }

  /**
   * A call for work outside the queue (an edit, a video start): a 429 is waited out with the queue's back-off and
   * sent again, at most `DIRECT_RATE_LIMIT_ATTEMPTS` times in all; other failures are final (a POST is never resent).
   */
  async function callDirect<T>(what: BilledWhat, send: () => Promise<T>, opts: Omit<CallOpts, 'disposing'> = {}): Promise<CallResult<T>> {
    for (let attempt = 1; ; attempt++) {
      const result = await call(what, send, opts);
      if (result.ok || result.failure.type !== 'rate-limited' || attempt >= DIRECT_RATE_LIMIT_ATTEMPTS) return result;
      const delayMs = retryDelay({ attempt, retryAfterMs: result.failure.retryAfterMs, random: random(), policy: deps.backoff ?? DEFAULT_BACKOFF });
      logger.warn(`${what}: rate limited, retrying`, { attempt, delayMs });
      await clock.sleep(delayMs, opts.signal);
    }
  }

  /** The bytes of every slot of an image answer, in order (`n` slots asked for). Never throws. */
  async function collect(items: readonly ImageItem[], n: number): Promise<CollectedSlot[]> {
    return Promise.all(Array.from({ length: n }, async (_, i): Promise<CollectedSlot> => {
      const item = items[i];
      if (!item) return { slot: 'missing', bytes: null, mime: '' };
      if (!item.ok) return { slot: 'blocked', bytes: null, mime: '' };
      const bytes = item.bytes ?? (item.url && deps.download ? await deps.download(item.url, { maxBytes: 64 * 1024 * 1024 }).then((d) => d.bytes, () => null) : null);
      return { slot: 'image', bytes, mime: item.mime };
    }));
  }

  /** The meta of a staged answer marked with the mode it was made in (demo work is filed only in demo mode). */
  const stamped = (meta: StagedMeta): StagedMeta => (demo() ? { ...meta, demo: true } : meta);

  /**
   * Writes the paid bytes to the staging area, durably, before anything else; false (logged) when it cannot take
   * them (the library may still). Never throws.
   */
  async function stage(meta: StagedMeta, slots: readonly CollectedSlot[]): Promise<boolean> {
    const images = slots.flatMap((s, index) => (s.bytes ? [{ index, bytes: s.bytes, mime: s.mime || (s.slot === 'video' ? 'video/mp4' : 'image/jpeg') }] : []));
    if (images.length === 0) return false;
    try {
      const t0 = clock.now();
      await staging.put({ meta, images });
      // The crash trials read this line (per request id) to tell which answers were past staging when killed.
      logger.info(`${area(meta)}: result staged`, { jobId: meta.jobId, requestId: meta.requestId, images: images.length, ms: clock.now() - t0 });
      return true;
    } catch (err) {
      logger.error(`${area(meta)}: could not stage a paid result`, { jobId: meta.jobId, problem: savingProblem(err) });
      return false;
    }
  }

  /** Records what xAI billed for one piece of work; `once` skips it when the ledger has it already (found again after a crash). */
  function record(kind: SpendKind, ref: string, ticks: number | null, opts: { demo?: boolean; once?: boolean; estimate?: number } = {}): void {
    if (ticks === null) return;
    const entry = {
      kind, ref, ticks, ...(opts.demo === undefined ? {} : { demo: opts.demo }), ...(opts.estimate === undefined ? {} : { estimateTicks: opts.estimate }),
    };
    if (opts.once) deps.spend.recordOnce(entry);
    else deps.spend.record(entry);
  }

  /** Drops one staged copy; a failure only leaves it for the next start (which sees it filed and drops it then). */
  const drop = (meta: StagedMeta, index: number) => staging.remove(meta.jobId, meta.attempt, index).catch(() => {});

  /** Files one staged (or, when staging failed, in-memory) result in the library and drops its staged copy. */
  async function file(meta: StagedMeta, index: number, bytes: Uint8Array, staged: boolean, noun: ResultNoun = 'image'): Promise<FiledSlot> {
    try {
      const rec = await deps.library.ingest(ingestInputOf(meta, bytes, index));
      if (staged) await drop(meta, index);
      return { state: 'done', record: rec };
    } catch (err) {
      const problem = savingProblem(err);
      const kept = staged && !refusedBytes(err);
      if (staged && !kept) await drop(meta, index);
      if (!kept) logger.error(`${area(meta)}: a paid result could not be saved`, { jobId: meta.jobId, problem });
      return { state: 'failed', problem, kept, storage: describeStorageError(err) !== null, reason: kept ? keptForLater(problem, noun) : notKept(problem, noun) };
    }
  }

  return { call, callDirect, collect, stamped, stage, record, file, drop, pacing: deps.pacing, staging };
}

export type PaidWork = ReturnType<typeof createPaidWork>;
