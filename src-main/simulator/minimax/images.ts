/**
 * POST /v1/image_generation (reference §3): text-to-image and subject reference in one synchronous call, with the
 * documented sizes per aspect ratio, `width`/`height` for image-01 (the ratio wins when both are sent), `n` 1–9,
 * URL (24 h) or bare base64 results, and string counts in `metadata`.
 */
import type { ServerResponse } from 'node:http';
import { currentModels } from '@contract';
import { renderImage, renderImageCached } from '../render-image';
import { hooksIn } from './config';
import { InvalidParams, sendCode, sendOk, traceId } from './envelope';
import type { MinimaxFiles } from './files';
import { SUBJECT_IMAGE, resolveImage } from './inputs';

const IMAGE_MODELS = currentModels('image', undefined, ['minimax']);
/** Pixel sizes per aspect ratio (reference §3), from the capability table; 21:9 on image-01 only. */
export const IMAGE_SIZES: Record<string, readonly [number, number]> = IMAGE_MODELS[0]?.sizes ?? {};
const MODELS = IMAGE_MODELS.map((m) => m.id);

export interface ImageCall {
  res: ServerResponse;
  body: Record<string, unknown>;
  baseUrl: string;
  files: MinimaxFiles;
  ttlMs: number;
  noBalance: boolean;
}

const isInt = (v: unknown): v is number => Number.isInteger(v);

/** Checks the body; returns the output size, or throws InvalidParams. */
async function check(b: Record<string, unknown>): Promise<{ width: number; height: number; n: number; subject?: Buffer }> {
  if (typeof b.model !== 'string' || !MODELS.includes(b.model)) throw new InvalidParams(`model must be one of ${MODELS.join(', ')}`);
  if (typeof b.prompt !== 'string' || b.prompt.trim() === '') throw new InvalidParams('prompt is required');
  if (b.prompt.length > 1500) throw new InvalidParams('prompt must be at most 1500 characters');
  if (b.n !== undefined && (!isInt(b.n) || b.n < 1 || b.n > 9)) throw new InvalidParams('n must be an integer from 1 to 9');
  if (b.response_format !== undefined && b.response_format !== 'url' && b.response_format !== 'base64') throw new InvalidParams('response_format must be url or base64');
  if (b.seed !== undefined && !isInt(b.seed)) throw new InvalidParams('seed must be an integer');
  for (const f of ['prompt_optimizer', 'aigc_watermark']) if (b[f] !== undefined && typeof b[f] !== 'boolean') throw new InvalidParams(`${f} must be a boolean`);
  const ratio = b.aspect_ratio;
  if (ratio !== undefined && (typeof ratio !== 'string' || !IMAGE_SIZES[ratio])) throw new InvalidParams('aspect_ratio is not supported');
  if (ratio === '21:9' && b.model !== 'image-01') throw new InvalidParams('aspect_ratio 21:9 is only supported by image-01');
  let size = IMAGE_SIZES[(ratio as string | undefined) ?? '1:1'] as readonly [number, number];
  if (b.width !== undefined || b.height !== undefined) {
    if (b.model !== 'image-01') throw new InvalidParams('width and height are only supported by image-01');
    const ok = (v: unknown) => isInt(v) && v >= 512 && v <= 2048 && v % 8 === 0;
    if (!ok(b.width) || !ok(b.height)) throw new InvalidParams('width and height must both be set, 512-2048 and multiples of 8');
    if (ratio === undefined) size = [b.width as number, b.height as number];
  }
  let subject: Buffer | undefined;
  if (b.subject_reference !== undefined) {
    const refs = b.subject_reference;
    if (!Array.isArray(refs) || refs.length !== 1) throw new InvalidParams('subject_reference must hold exactly one item');
    const ref = refs[0] as { type?: unknown; image_file?: unknown } | null;
    if (!ref || typeof ref !== 'object' || ref.type !== 'character') throw new InvalidParams('subject_reference type must be character');
    // `image_url` is not an alias of `image_file` (reference §8).
    subject = (await resolveImage(ref.image_file, 'subject_reference.image_file', SUBJECT_IMAGE)).bytes;
  }
  return { width: size[0], height: size[1], n: (b.n as number | undefined) ?? 1, ...(subject ? { subject } : {}) };
}

export async function imageGeneration(c: ImageCall): Promise<void> {
  let spec: Awaited<ReturnType<typeof check>>;
  try {
    spec = await check(c.body);
  } catch (err) {
    if (err instanceof InvalidParams) return sendCode(c.res, 2013, err.message, { data: null });
    throw err;
  }
  if (c.noBalance) return sendCode(c.res, 1008, undefined, { data: null });
  const prompt = c.body.prompt as string;
  const hooks = hooksIn(prompt);
  if (hooks.has('BLOCKED')) return sendCode(c.res, 1026, undefined, { data: null });
  const withheld = hooks.has('BLOCKED_OUTPUT') ? 1 : 0;
  const asBase64 = c.body.response_format === 'base64';
  const out: string[] = [];
  for (let i = withheld; i < spec.n; i++) {
    const args = { width: spec.width, height: spec.height, prompt, caption: `image ${i + 1} of ${spec.n} · ${String(c.body.model)} · ${spec.width}×${spec.height}` };
    const jpeg = spec.subject ? await renderImage({ ...args, sources: [spec.subject] }) : await renderImageCached(args);
    out.push(asBase64 ? jpeg.toString('base64') : c.files.link(c.baseUrl, jpeg, 'image/jpeg', `image_${i}_aigc.jpeg`, c.ttlMs));
  }
  const trace = traceId();
  sendOk(c.res, {
    id: trace,
    data: asBase64 ? { image_base64: out } : { image_urls: out },
    // Strings, as live responses and MiniMax's own example send them (reference §3).
    metadata: { success_count: String(out.length), failed_count: String(withheld) },
  }, trace);
}
