/**
 * The EXIF Orientation tag, read from and written to a bare TIFF block (what a JPEG `Exif\0\0` APP1 segment and a
 * PNG `eXIf` chunk carry). Phone photos store their pixels sideways and rely on this tag to be shown upright, so
 * whenever we drop a file's metadata we keep the tag, and nothing else, in a minimal block of our own.
 */

/** The `Exif\0\0` identifier that opens an EXIF APP1 segment in JPEG. */
export const EXIF_HEADER = new Uint8Array([0x45, 0x78, 0x69, 0x66, 0x00, 0x00]);

const ORIENTATION_TAG = 0x0112;

/**
 * The Orientation (1–8) in a TIFF block, or null when absent, malformed or out of range. Only IFD0 is read: that
 * is where the tag lives for the primary image (IFD1 describes the embedded thumbnail).
 */
export function readTiffOrientation(tiff: Uint8Array): number | null {
  if (tiff.length < 8) return null;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  const big = tiff[0] === 0x4d && tiff[1] === 0x4d;
  if (!little && !big) return null;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const u16 = (at: number) => view.getUint16(at, little);
  if (u16(2) !== 42) return null;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return null;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i += 1) {
    const at = ifd + 2 + i * 12;
    if (at + 12 > tiff.length) return null;
    if (u16(at) !== ORIENTATION_TAG) continue;
    // SHORT (type 3), count 1: the value sits in the first two bytes of the value field.
    if (u16(at + 2) !== 3) return null;
    const value = u16(at + 8);
    return value >= 1 && value <= 8 ? value : null;
  }
  return null;
}

/** A big-endian TIFF block whose IFD0 holds only the Orientation tag. */
export function orientationTiff(orientation: number): Uint8Array {
  const out = new Uint8Array(26);
  const view = new DataView(out.buffer);
  out.set([0x4d, 0x4d, 0x00, 0x2a]); // "MM", 42
  view.setUint32(4, 8); // IFD0 right after the header
  view.setUint16(8, 1); // one entry
  view.setUint16(10, ORIENTATION_TAG);
  view.setUint16(12, 3); // SHORT
  view.setUint32(14, 1); // count
  view.setUint16(18, orientation);
  view.setUint32(22, 0); // no next IFD
  return out;
}

/** Whether a JPEG APP1 payload (after the length) is an EXIF block. */
export function isExifPayload(payload: Uint8Array): boolean {
  return EXIF_HEADER.every((v, i) => payload[i] === v);
}
