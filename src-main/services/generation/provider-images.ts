/**
 * The queue's one call, for every provider: a text→image request goes to the adapter of the provider whose model it
 * names (xAI's client, or Stability AI's and MiniMax's through ProviderClients), and each answer is brought to the
 * one shape the queue files (`ImageResult`: a slot per asked image, blocked slots marked, the request id and the
 * cost). The queue, staging, ledger, recovery, lineage and library stay as they are for all three.
 *
 * Neither Stability nor MiniMax reports a cost, so the table's list price of what was delivered is the cost:
 * Stability bills a blurred (CONTENT_FILTERED) image as a success [G, as the image operations do]; MiniMax's withheld
 * images (`failed_count`) are not billed [G].
 */
import { AppErrorException } from '../../core/app-error';
import { estimateGenerateCost, imageProviderOf } from '../../core/providers/image-generate';
import type { StabilityGenerateModel } from '../../core/stability/types';
import type { MinimaxImageRequest } from '../../core/minimax/types';
import type { CallOptions, ImageGenerateRequest, ImageItem, ImageResult, ImagineApi } from '../../core/xai';
import { ticksToUsd } from '../../core/xai';
import { BUILT_IN_TABLE, type CapabilityTable } from '@contract';
import type { ProviderClients } from '../providers/provider-clients';

export type ImageGenerator = Pick<ImagineApi, 'generateImages'>;
/** The queue's request: xAI's wire request, plus the library image MiniMax's image-01 takes as subject reference. */
export type QueueImageRequest = ImageGenerateRequest & { subjectItemId?: string };
export interface QueueImages {
  generateImages(req: QueueImageRequest, opts?: CallOptions): Promise<ImageResult>;
}

const FILTERED = 'The provider\'s content filter withheld this image.';
const blocked = (): ImageItem => ({ ok: false, blocked: true, reason: FILTERED });

export function createProviderImages(deps: {
  xai: ImageGenerator; clients?: ProviderClients; table?: () => CapabilityTable;
  /** A library image as a `data:` URL (MiniMax's subject reference), read in main when the request is sent. */
  subjectImage?: (itemId: string) => Promise<string>;
}): QueueImages {
  const table = () => deps.table?.() ?? BUILT_IN_TABLE;
  const clients = (): ProviderClients => deps.clients ?? (() => {
    throw new AppErrorException({ kind: 'internal', message: 'No client for this provider is configured.' });
  })();
  /** What `delivered` images of this request cost at list price. */
  const cost = (req: ImageGenerateRequest, delivered: number) => {
    const ticks = estimateGenerateCost({ ...req, n: delivered }, table()).ticks;
    return { costTicks: ticks, costUsd: ticksToUsd(ticks) };
  };

  async function stability(req: ImageGenerateRequest, opts?: CallOptions): Promise<ImageResult> {
    const asset = await clients().stability().run({
      operation: 'generate', model: req.model as StabilityGenerateModel, prompt: req.prompt, outputFormat: 'png',
      ...(req.aspect_ratio ? { aspectRatio: req.aspect_ratio } : {}),
    }, opts);
    const item: ImageItem = asset.filtered ? blocked() : { ok: true, mime: asset.mime, bytes: asset.bytes };
    return {
      items: [item], model: req.model as string, ...cost(req, 1),
      ...(asset.requestId ? { requestId: asset.requestId } : {}), ...(asset.seed !== null ? { seed: asset.seed } : {}),
    };
  }

  async function minimax(req: QueueImageRequest, opts?: CallOptions): Promise<ImageResult> {
    const n = req.n ?? 1;
    const subject = req.subjectItemId ? await subjectOf(req.subjectItemId) : undefined;
    try {
      const r = await clients().minimax().generateImages({
        model: req.model as MinimaxImageRequest['model'], prompt: req.prompt, n, ...(req.aspect_ratio ? { aspectRatio: req.aspect_ratio } : {}),
        ...(subject ? { subjectReference: subject } : {}),
      }, opts);
      const items: ImageItem[] = [...r.images.map((i): ImageItem => ({ ok: true, mime: i.mime, bytes: i.bytes })), ...Array.from({ length: r.withheld }, blocked)];
      return { items, model: req.model as string, ...cost(req, r.images.length), ...(r.traceId ? { requestId: r.traceId } : {}) };
    } catch (err) {
      // Every image withheld: the request succeeded and nothing was billed; the tiles read "blocked", as xAI's do.
      if (err instanceof AppErrorException && err.appError.kind === 'moderated') {
        const id = err.appError.requestId;
        return { items: Array.from({ length: n }, blocked), model: req.model as string, costTicks: 0, costUsd: 0, ...(id ? { requestId: id } : {}) };
      }
      throw err;
    }
  }

  async function subjectOf(itemId: string): Promise<string> {
    if (!deps.subjectImage) throw new AppErrorException({ kind: 'internal', message: 'No library to read the subject reference from.' });
    return deps.subjectImage(itemId);
  }

  return {
    generateImages({ subjectItemId, ...req }, opts) {
      switch (imageProviderOf(req.model, table())) {
        case 'stability': return stability(req, opts);
        case 'minimax': return minimax({ ...req, ...(subjectItemId ? { subjectItemId } : {}) }, opts);
        default: return deps.xai.generateImages(req, opts);
      }
    },
  };
}
