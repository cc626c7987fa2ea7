/**
 * Downsizes an input image to what a Stability operation accepts before it is sent (reference §2, §6; behaviour
 * 26: the client never triggers the 10 MiB 413): within the operation's pixel and side limits, and re-encoded
 * when the bytes alone would exceed the share of the 10 MiB body it may use. Alpha is kept (erase and inpaint
 * read it when no mask is given).
 */
import sharp from 'sharp';
import type { StabilityImage } from '../../core/stability/types';

export async function fitImage(img: StabilityImage, limits: { maxPixels: number; maxSide?: number }, maxBytes: number): Promise<StabilityImage> {
  const meta = await sharp(img.bytes).metadata();
  const w = meta.width ?? 0;
  const h = meta.height ?? 0;
  let k = Math.min(1, Math.sqrt(limits.maxPixels / Math.max(1, w * h)), limits.maxSide ? limits.maxSide / Math.max(w, h) : 1);
  if (k >= 1 && img.bytes.byteLength <= maxBytes) return img;
  for (let attempt = 0; attempt < 6; attempt++) {
    const pipeline = sharp(img.bytes).resize(Math.max(1, Math.floor(w * k)), Math.max(1, Math.floor(h * k)));
    const bytes = meta.hasAlpha ? await pipeline.png().toBuffer() : await pipeline.jpeg({ quality: 92 }).toBuffer();
    if (bytes.byteLength <= maxBytes) return { bytes: new Uint8Array(bytes), mime: meta.hasAlpha ? 'image/png' : 'image/jpeg' };
    k *= 0.8;
  }
  throw new Error('image could not be made small enough');
}

/** The image at half its width and height, in its own format (an upscale ×2 sends this to the 4× upscaler). */
export async function halveImage(img: StabilityImage): Promise<StabilityImage> {
  const meta = await sharp(img.bytes).metadata();
  const resized = sharp(img.bytes).resize(Math.max(32, Math.round((meta.width ?? 64) / 2)), Math.max(32, Math.round((meta.height ?? 64) / 2)));
  const bytes = meta.hasAlpha ? await resized.png().toBuffer() : await resized.jpeg({ quality: 95 }).toBuffer();
  return { bytes: new Uint8Array(bytes), mime: meta.hasAlpha ? 'image/png' : 'image/jpeg' };
}
