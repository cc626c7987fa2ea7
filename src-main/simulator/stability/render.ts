/**
 * Pixels of simulated Stability results. Each operation does something visible and checkable with its inputs:
 * inpaint paints the prompt's colour where the mask is white, erase blurs it away, outpaint grows the canvas by the
 * margins, remove-background returns an alpha channel, upscales resize. Sizes follow reference §10 (our choice [G]).
 */
import sharp, { type Sharp } from 'sharp';
import { currentModels } from '@contract';
import { colourFor, nearestAspect, renderImage, renderImageCached } from '../render-image';
import type { ImagePart, Values } from './fields';

/** 1 MP sizes per aspect ratio (reference §10), from the capability table. */
export const ONE_MP: Record<string, readonly [number, number]> = currentModels('image', undefined, ['stability'])[0]?.sizes ?? {};
const RATIOS = Object.keys(ONE_MP);
/** Fast upscale's cap: 16 MP (4096²). */
const FAST_MAX_PIXELS = 16_777_216;
const FOUR_MP = 4_194_304;

const at16 = (n: number) => Math.max(16, Math.round(n / 16) * 16);

export function sizeFor(ratio: string | undefined, scale = 1): [number, number] {
  const [w, h] = ONE_MP[ratio ?? '1:1'] ?? [1024, 1024];
  const k = Math.sqrt(scale);
  return scale === 1 ? [w, h] : [at16(w * k), at16(h * k)];
}

/** The 1 MP size whose ratio is nearest an input's. */
export const sizeLike = (img: ImagePart): [number, number] => sizeFor(nearestAspect(img.width, img.height, RATIOS));

const png = (img: Sharp) => img.png({ compressionLevel: 2 }).toBuffer();

/** A caption strip along the bottom, so a screenshot says which operation made the image. */
function captionSvg(w: number, h: number, text: string): Buffer {
  const size = Math.max(10, Math.round(Math.min(w, h) / 28));
  const safe = text.replace(/[<>&'"]/g, ' ');
  return Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect x="0" y="${h - size * 2}" width="${w}" height="${size * 2}" fill="black" opacity="0.45"/>
    <text x="10" y="${h - size * 0.6}" font-size="${size}" fill="white" font-family="DejaVu Sans, sans-serif">${safe} · simulator</text></svg>`);
}

async function captioned(image: Buffer, text: string): Promise<Buffer> {
  const meta = await sharp(image).metadata();
  const w = meta.width ?? 1;
  const h = meta.height ?? 1;
  return png(sharp(image).composite([{ input: captionSvg(w, h, text) }]));
}

/** The mask as one grey channel at the image's size: the `mask` part (resized), else the inverted alpha (§2). */
async function maskOf(v: Values, image: ImagePart, grow: number): Promise<Buffer> {
  const { width: w, height: h } = image;
  const base = v.images.mask
    ? sharp(v.images.mask.bytes).resize(w, h, { fit: 'fill' }).flatten({ background: '#000000' }).greyscale()
    : sharp(image.bytes).ensureAlpha().extractChannel(3).negate();
  const grown = grow > 0 ? base.blur(Math.max(0.3, grow / 2)) : base;
  return grown.extractChannel(0).png().toBuffer();
}

/** Paints `fill` over the image where the mask is white (grey: partly). */
async function fillMasked(image: ImagePart, mask: Buffer, fill: Buffer): Promise<Buffer> {
  const { width: w, height: h } = image;
  // sharp runs removeAlpha after joinChannel whatever the call order, so the RGB base is made in its own pipeline.
  const rgb = await sharp(fill).resize(w, h, { fit: 'fill' }).removeAlpha().png().toBuffer();
  const layer = await sharp(rgb).joinChannel(mask).png().toBuffer();
  return png(sharp(await opaque(image.bytes)).composite([{ input: layer }]));
}

/** The image without its alpha channel, as a PNG (its own pipeline: see fillMasked). */
const opaque = (bytes: Buffer) => sharp(bytes).removeAlpha().png().toBuffer();

const promptCanvas = (w: number, h: number, prompt: string, caption: string) => renderImage({ width: w, height: h, prompt, caption });

/** What each operation (keyed by its path under /v2beta/stable-image/) renders, as a PNG. */
export const RENDER: Record<string, (v: Values) => Promise<Buffer>> = {
  async 'generate/ultra'(v) {
    const img = v.images.image;
    const [w, h] = sizeFor(v.text.aspect_ratio);
    return png(sharp(await (img ? renderImage({ width: w, height: h, prompt: v.text.prompt ?? '', caption: 'ultra', sources: [img.bytes] })
      : renderImageCached({ width: w, height: h, prompt: v.text.prompt ?? '', caption: `stability ultra · ${w}×${h}` }))));
  },
  async 'generate/core'(v) {
    const [w, h] = sizeFor(v.text.aspect_ratio, 1.5);
    return png(sharp(await renderImageCached({ width: w, height: h, prompt: v.text.prompt ?? '', caption: `stability core · ${w}×${h}` })));
  },
  async 'generate/sd3'(v) {
    const img = v.images.image;
    const [w, h] = img ? sizeLike(img) : sizeFor(v.text.aspect_ratio);
    const model = v.text.model ?? 'sd3.5-large';
    return png(sharp(await (img ? renderImage({ width: w, height: h, prompt: v.text.prompt ?? '', caption: model, sources: [img.bytes] })
      : renderImageCached({ width: w, height: h, prompt: v.text.prompt ?? '', caption: `${model} · ${w}×${h}` }))));
  },
  async 'edit/erase'(v) {
    const img = v.images.image as ImagePart;
    const fill = await sharp(img.bytes).removeAlpha().blur(Math.max(8, img.width / 20)).png().toBuffer();
    return captioned(await fillMasked(img, await maskOf(v, img, v.numbers.grow_mask ?? 5), fill), 'erase');
  },
  async 'edit/inpaint'(v) {
    const img = v.images.image as ImagePart;
    const fill = await promptCanvas(img.width, img.height, v.text.prompt ?? '', 'inpaint');
    return fillMasked(img, await maskOf(v, img, v.numbers.grow_mask ?? 5), fill);
  },
  async 'edit/outpaint'(v) {
    const img = v.images.image as ImagePart;
    const [l, r, u, d] = ['left', 'right', 'up', 'down'].map((k) => v.numbers[k] ?? 0) as [number, number, number, number];
    const canvas = await promptCanvas(img.width + l + r, img.height + u + d, v.text.prompt || 'outpaint', 'outpaint');
    return png(sharp(canvas).composite([{ input: await sharp(img.bytes).removeAlpha().png().toBuffer(), left: l, top: u }]));
  },
  async 'edit/search-and-replace'(v) {
    const img = v.images.image as ImagePart;
    const patch = await promptCanvas(Math.max(32, Math.round(img.width / 2)), Math.max(32, Math.round(img.height / 2)), `${v.text.search_prompt} → ${v.text.prompt}`, 'replace');
    return png(sharp(img.bytes).removeAlpha().composite([{ input: patch, gravity: 'centre' }]));
  },
  async 'edit/search-and-recolor'(v) {
    const img = v.images.image as ImagePart;
    return captioned(await png(sharp(img.bytes).removeAlpha().tint(`#${colourFor(v.text.prompt ?? '').hex}`)), `recolor ${v.text.select_prompt}`);
  },
  async 'edit/remove-background'(v) {
    const img = v.images.image as ImagePart;
    const { width: w, height: h } = img;
    const ellipse = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}"><rect width="100%" height="100%" fill="black"/><ellipse cx="${w / 2}" cy="${h / 2}" rx="${w * 0.36}" ry="${h * 0.42}" fill="white"/></svg>`);
    const alpha = await sharp(ellipse).greyscale().extractChannel(0).png().toBuffer();
    return png(sharp(await opaque(img.bytes)).joinChannel(alpha));
  },
  async 'edit/replace-background-and-relight'(v) {
    const img = v.images.subject_image as ImagePart;
    const bg = await promptCanvas(img.width, img.height, v.text.background_prompt || 'new background', 'relight');
    const subject = await sharp(img.bytes).removeAlpha().resize(Math.round(img.width * 0.7), Math.round(img.height * 0.7)).png().toBuffer();
    return png(sharp(bg).composite([{ input: subject, gravity: 'south' }]));
  },
  async 'upscale/fast'(v) {
    const img = v.images.image as ImagePart;
    const k = Math.min(4, Math.sqrt(FAST_MAX_PIXELS / (img.width * img.height)));
    return png(sharp(img.bytes).resize(Math.round(img.width * k), Math.round(img.height * k), { kernel: 'nearest' }));
  },
  'upscale/conservative': (v) => toFourMp(v.images.image as ImagePart, 'conservative'),
  'upscale/creative': (v) => toFourMp(v.images.image as ImagePart, 'creative'),
  async 'control/sketch'(v) {
    const img = v.images.image as ImagePart;
    return png(sharp(await renderImage({ width: img.width, height: img.height, prompt: v.text.prompt ?? '', caption: 'sketch', sources: [img.bytes] })));
  },
  async 'control/structure'(v) {
    const img = v.images.image as ImagePart;
    return png(sharp(await renderImage({ width: img.width, height: img.height, prompt: v.text.prompt ?? '', caption: 'structure', sources: [img.bytes] })));
  },
  async 'control/style'(v) {
    const [w, h] = sizeFor(v.text.aspect_ratio);
    return png(sharp(await renderImage({ width: w, height: h, prompt: v.text.prompt ?? '', caption: 'style guide', sources: [(v.images.image as ImagePart).bytes] })));
  },
  async 'control/style-transfer'(v) {
    const init = v.images.init_image as ImagePart;
    const [w, h] = sizeLike(init);
    return png(sharp(await renderImage({ width: w, height: h, prompt: v.text.prompt ?? '', caption: 'style transfer', sources: [init.bytes, (v.images.style_image as ImagePart).bytes] })));
  },
};

async function toFourMp(img: ImagePart, label: string): Promise<Buffer> {
  const k = Math.sqrt(FOUR_MP / (img.width * img.height));
  const resized = await png(sharp(img.bytes).removeAlpha().resize(Math.round(img.width * k), Math.round(img.height * k)));
  return captioned(resized, `${label} upscale`);
}

export type OutputFormat = 'png' | 'jpeg' | 'webp';

/** Encodes a rendered PNG in the asked format; a filtered result is blurred (reference §3, §8). */
export async function encode(image: Buffer, format: OutputFormat, filtered: boolean): Promise<{ bytes: Buffer; mime: string }> {
  let img = sharp(image);
  if (filtered) img = img.blur(40);
  if (format === 'jpeg') return { bytes: await img.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer(), mime: 'image/jpeg' };
  if (format === 'webp') return { bytes: await img.webp({ quality: 85 }).toBuffer(), mime: 'image/webp' };
  return { bytes: await png(img), mime: 'image/png' };
}
