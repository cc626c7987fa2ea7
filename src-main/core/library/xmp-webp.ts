/**
 * Replaces the XMP chunk of an extended WebP (one with a VP8X header) without re-encoding it. The library's own WebP
 * files are always extended (ingest writes them with an XMP packet), so exports can carry an item's current rating
 * and tags losslessly. Simple WebPs (no VP8X) return null: the caller keeps the file as it is.
 * Container layout: https://developers.google.com/speed/webp/docs/riff_container
 */

const XMP_FLAG = 0x04;
const ascii = (b: Uint8Array, at: number) => String.fromCharCode(b[at] ?? 0, b[at + 1] ?? 0, b[at + 2] ?? 0, b[at + 3] ?? 0);

export function embedXmpWebp(bytes: Uint8Array, xmp: string): Uint8Array | null {
  if (bytes.length < 30 || ascii(bytes, 0) !== 'RIFF' || ascii(bytes, 8) !== 'WEBP' || ascii(bytes, 12) !== 'VP8X') return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const kept: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= bytes.length) {
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (end > bytes.length) return null; // damaged: leave it alone
    if (ascii(bytes, at) !== 'XMP ') kept.push(bytes.subarray(at, end));
    at = end;
  }
  const packet = new TextEncoder().encode(xmp);
  const chunk = new Uint8Array(8 + packet.length + (packet.length % 2));
  chunk.set(new TextEncoder().encode('XMP '), 0);
  new DataView(chunk.buffer).setUint32(4, packet.length, true);
  chunk.set(packet, 8);
  const body = kept.reduce((n, c) => n + c.length, 0) + chunk.length;
  const out = new Uint8Array(12 + body);
  out.set(bytes.subarray(0, 12), 0);
  new DataView(out.buffer).setUint32(4, 4 + body, true);
  let offset = 12;
  for (const c of [...kept, chunk]) {
    out.set(c, offset);
    offset += c.length;
  }
  out[20] = (out[20] ?? 0) | XMP_FLAG; // the VP8X flags byte: "has XMP"
  return out;
}
