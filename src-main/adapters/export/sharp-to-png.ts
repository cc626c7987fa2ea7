import sharp from 'sharp';

/** Decodes at most this many pixels, like the library's own limit: a hostile file cannot balloon the clipboard. */
const MAX_PIXELS = 100_000_000;

/** Re-encodes an image as PNG, shrunk to fit `size` px when given (drag icons; clipboard copies of WebP/GIF). */
export async function sharpToPng(bytes: Uint8Array, size?: number): Promise<Uint8Array> {
  let image = sharp(bytes, { limitInputPixels: MAX_PIXELS }).rotate();
  if (size) image = image.resize(size, size, { fit: 'inside', withoutEnlargement: true });
  return new Uint8Array(await image.png().toBuffer());
}
