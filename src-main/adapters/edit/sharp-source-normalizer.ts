/**
 * The sharp adapter of `SourceNormalizer`: decodes every source fully once (which is also what catches truncated
 * files), turns it upright, downscales absurd sizes, converts formats xAI refuses and re-encodes until the bytes fit
 * the 10 MiB input limit. Untouched PNG/JPEG/WebP sources are sent byte for byte.
 */
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp';
import { decodeBmp } from '../../core/edit/bmp';
import type { EditMime, NormalizedSource, RefusedSource, SourceNormalizer, SourceTransform } from '../../core/edit/ports';
import {
  FORMAT_NAMES, MAX_INPUT_PIXELS, MAX_SOURCE_BYTES, NORMALIZE_TIME_LIMIT_MS, classifySource, cropRect, fitWithin, refusalFor,
} from '../../core/edit/source-rules';
import { imageBombRefusal, notMediaRefusal } from '../../core/media/refusals';

const UNREADABLE = notMediaRefusal('binary');

const refused = (reason: string): RefusedSource => ({ ok: false, reason });
const ACCEPTED: Record<string, EditMime> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };
const MIB = 1024 * 1024;
const mib = (n: number) => `${(n / MIB).toFixed(1)} MiB`;

/** Decoded, upright, size-capped pixels plus what happened on the way. */
interface Decoded {
  data: Buffer;
  info: OutputInfo;
  format: string;
  hasAlpha: boolean;
  notices: string[];
  /** True when the original bytes can be sent unchanged. */
  pristine: boolean;
}

class Refusal extends Error {}

function rawInput(d: { width: number; height: number; channels: number }) {
  return { raw: { width: d.width, height: d.height, channels: d.channels as 3 | 4 } };
}

async function openBytes(bytes: Uint8Array, seconds: number): Promise<{ pipeline: Sharp; meta: Metadata | null; format: string }> {
  const kind = classifySource(bytes);
  const early = refusalFor(kind);
  if (early) throw new Refusal(early);
  if (kind === 'bmp') {
    const bmp = decodeBmp(bytes, MAX_INPUT_PIXELS);
    if ('reason' in bmp) throw new Refusal(bmp.reason);
    return { pipeline: sharp(bmp.data, rawInput(bmp)).timeout({ seconds }), meta: null, format: 'bmp' };
  }
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata().catch(() => {
    // A known format whose header does not parse is damaged; anything else is not an image at all.
    throw new Refusal(kind === 'binary' ? UNREADABLE : truncated(kind));
  });
  if (meta.format === 'svg') throw new Refusal(refusalFor('svg') ?? '');
  if (!meta.width || !meta.height) throw new Refusal(truncated(meta.format));
  const bomb = imageBombRefusal(meta.width, meta.height);
  if (bomb) throw new Refusal(bomb);
  const format = meta.format === 'heif' && meta.compression === 'av1' ? 'avif' : meta.format;
  const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' }).timeout({ seconds });
  return { pipeline, meta, format };
}

async function decode(bytes: Uint8Array, seconds: number): Promise<Decoded> {
  const { pipeline, meta, format } = await openBytes(bytes, seconds);
  const notices: string[] = [];
  const turned = (meta?.orientation ?? 1) > 1;
  if (turned) notices.push("Turned upright using the camera's orientation tag.");
  if ((meta?.pages ?? 1) > 1) notices.push('Only the first frame of the animation is used.');
  const w = meta?.autoOrient.width ?? meta?.width ?? 0;
  const h = meta?.autoOrient.height ?? meta?.height ?? 0;
  const fit = meta ? fitWithin(w, h) : null;
  let result: { data: Buffer; info: OutputInfo };
  try {
    let p = pipeline.rotate();
    if (fit) p = p.resize(fit.width, fit.height, { fit: 'fill' });
    result = await p.raw().toBuffer({ resolveWithObject: true });
  } catch (err) {
    throw new Refusal(decodeFailure(format, err));
  }
  const { data, info } = result;
  const sized = fit ?? fitWithin(info.width, info.height);
  if (fit) notices.push(`Downscaled from ${w}×${h} to ${info.width}×${info.height}.`);
  if (sized && !fit) {
    // BMP dimensions are only known after decoding: cap them here.
    const small = await sharp(data, rawInput(info)).resize(sized.width, sized.height).raw().toBuffer({ resolveWithObject: true });
    notices.push(`Downscaled from ${info.width}×${info.height} to ${small.info.width}×${small.info.height}.`);
    return { ...small, format, hasAlpha: small.info.channels === 4, notices, pristine: false };
  }
  const pristine = format in ACCEPTED && !turned && !fit && bytes.length <= MAX_SOURCE_BYTES && (meta?.pages ?? 1) === 1;
  return { data, info, format, hasAlpha: info.channels === 4, notices, pristine };
}

/** The shared "truncated or corrupt" sentence, for any format name sharp or the sniffer gives. */
function truncated(format: string): string {
  return `The ${FORMAT_NAMES[format] ?? 'image'} file is truncated or corrupt: it cannot be read to the end.`;
}

function decodeFailure(format: string, err: unknown): string {
  const text = String(err instanceof Error ? err.message : err).toLowerCase();
  if (text.includes('timeout')) return 'Opening the image took too long; it may be damaged or far too complex.';
  if (format === 'heif') return 'This HEIC photo cannot be decoded here (no HEVC codec): export it as JPEG first.';
  if (text.includes('pixel limit')) return 'The image is too large to open safely.';
  return truncated(format);
}

async function encode(d: { data: Buffer; info: OutputInfo }, mime: EditMime): Promise<Buffer> {
  const p = sharp(d.data, rawInput(d.info));
  if (mime === 'image/jpeg') return p.jpeg({ quality: 90, mozjpeg: true }).toBuffer();
  if (mime === 'image/webp') return p.webp({ quality: 90 }).toBuffer();
  return p.png({ compressionLevel: 6 }).toBuffer();
}

/** Re-encodes (lossy, then smaller) until the bytes fit xAI's limit. */
async function fitBytes(d: Decoded, first: EditMime): Promise<{ bytes: Buffer; mime: EditMime; info: OutputInfo }> {
  let current = { data: d.data, info: d.info };
  let mime = first;
  let bytes = await encode(current, mime);
  const lossy: EditMime = d.hasAlpha ? 'image/webp' : 'image/jpeg';
  for (let attempt = 0; bytes.length > MAX_SOURCE_BYTES && attempt < 8; attempt++) {
    if (mime !== lossy) mime = lossy;
    else {
      const w = Math.max(1, Math.round(current.info.width * 0.8));
      const h = Math.max(1, Math.round(current.info.height * 0.8));
      current = await sharp(current.data, rawInput(current.info)).resize(w, h).raw().toBuffer({ resolveWithObject: true });
    }
    bytes = await encode(current, mime);
  }
  if (bytes.length > MAX_SOURCE_BYTES) throw new Refusal('The image could not be made smaller than 10 MiB.');
  if (current.info.width !== d.info.width) d.notices.push(`Downscaled to ${current.info.width}×${current.info.height} to fit xAI's 10 MiB limit.`);
  return { bytes, mime, info: current.info };
}

async function thumbnail(d: { data: Buffer; info: OutputInfo }): Promise<Buffer> {
  return sharp(d.data, rawInput(d.info)).resize(512, 512, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 75 }).toBuffer();
}

async function normalizeOnce(bytes: Uint8Array, seconds: number): Promise<NormalizedSource> {
  const d = await decode(bytes, seconds);
  const thumb = await thumbnail(d);
  if (d.pristine) {
    return { ok: true, bytes, mime: ACCEPTED[d.format] as EditMime, width: d.info.width, height: d.info.height, notices: d.notices, thumb };
  }
  const kept = ACCEPTED[d.format];
  if (!kept) d.notices.unshift(`Converted from ${FORMAT_NAMES[d.format] ?? d.format} to PNG (xAI accepts PNG, JPEG and WebP).`);
  const out = await fitBytes(d, kept ?? 'image/png');
  if (bytes.length > MAX_SOURCE_BYTES) {
    d.notices.push(`The file was ${mib(bytes.length)}, over xAI's 10 MiB limit: re-encoded as ${FORMAT_NAMES[out.mime.slice(6)] ?? out.mime} (${mib(out.bytes.length)}).`);
  }
  if (!kept && out.mime !== 'image/png') d.notices[0] = d.notices[0]?.replace('to PNG', `to ${FORMAT_NAMES[out.mime.slice(6)] ?? ''}`) ?? '';
  return { ok: true, bytes: out.bytes, mime: out.mime, width: out.info.width, height: out.info.height, notices: d.notices, thumb };
}

/** Creates the normaliser; `timeLimitMs` bounds each call (sharp's own timeout plus a wall-clock race). */
export function createSharpSourceNormalizer(options: { timeLimitMs?: number } = {}): SourceNormalizer {
  const limit = options.timeLimitMs ?? NORMALIZE_TIME_LIMIT_MS;
  const seconds = Math.max(1, Math.ceil(limit / 1000));
  return {
    async normalize(bytes) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const late = new Promise<RefusedSource>((resolve) => {
        timer = setTimeout(() => resolve(refused('Opening the image took too long; it may be damaged or far too complex.')), limit);
      });
      const work = normalizeOnce(bytes, seconds).catch((err: unknown) =>
        refused(err instanceof Refusal ? err.message : UNREADABLE));
      try {
        return await Promise.race([work, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async transform(bytes, mime, t: SourceTransform) {
      if (t.rotate === 0 && !t.crop) return { bytes, mime };
      const turned = await sharp(bytes).rotate(t.rotate).raw().toBuffer({ resolveWithObject: true });
      let d = turned;
      if (t.crop) {
        const r = cropRect(t.crop, turned.info.width, turned.info.height);
        d = await sharp(turned.data, rawInput(turned.info)).extract(r).raw().toBuffer({ resolveWithObject: true });
      }
      const decoded: Decoded = { ...d, format: mime.slice(6), hasAlpha: d.info.channels === 4, notices: [], pristine: false };
      const out = await fitBytes(decoded, mime);
      return { bytes: out.bytes, mime: out.mime };
    },
  };
}
