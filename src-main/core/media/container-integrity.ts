/**
 * Cheap structural checks of video containers, before any decoder runs. ffprobe happily reports the length and size
 * of an MP4 whose media data was cut off halfway (the index at the front is intact), so a truncated download would
 * import as a video that stops early or fails to play: the box sizes tell, without decoding a frame.
 */
import type { VideoContainer } from './sniff';

const u32 = (b: Uint8Array, i: number) => (((b[i] ?? 0) << 24) | ((b[i + 1] ?? 0) << 16) | ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0)) >>> 0;
const type = (b: Uint8Array, i: number) => String.fromCharCode(...b.subarray(i, i + 4));

/**
 * ISO-BMFF (MP4, MOV): every top-level box must fit in the file, and the `moov` index must be among them. Answers
 * true when intact.
 */
function isoBmffIntact(bytes: Uint8Array): boolean {
  let offset = 0;
  let sawMoov = false;
  while (offset < bytes.length) {
    if (bytes.length - offset < 8) return false; // a box header cut in two
    let size = u32(bytes, offset);
    const name = type(bytes, offset + 4);
    if (name === 'moov') sawMoov = true;
    if (size === 1) {
      if (bytes.length - offset < 16) return false;
      size = u32(bytes, offset + 8) * 2 ** 32 + u32(bytes, offset + 12);
    } else if (size === 0) {
      return sawMoov; // "extends to the end of the file"
    }
    if (size < 8 || offset + size > bytes.length) return false;
    offset += size;
  }
  return sawMoov;
}

/** An EBML variable-length integer at `i`: its length in bytes and its value (`null` for "unknown size"). */
function vint(b: Uint8Array, i: number, keepMarker: boolean): { length: number; value: number | null } | null {
  const first = b[i];
  if (first === undefined || first === 0) return null;
  const length = Math.clz32(first) - 23; // leading zeros within the byte, plus one
  if (i + length > b.length) return null;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === (0xff >> length);
  for (let k = 1; k < length; k++) {
    const byte = b[i + k] ?? 0;
    value = value * 256 + byte;
    allOnes &&= byte === 0xff;
  }
  return { length, value: !keepMarker && allOnes ? null : value };
}

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;

/** Matroska/WebM: after the EBML header, the Segment's declared size (when it declares one) must fit in the file. */
function matroskaIntact(bytes: Uint8Array): boolean {
  let offset = 0;
  for (const expected of [EBML_HEADER, SEGMENT]) {
    const id = vint(bytes, offset, true);
    if (!id || id.value !== expected) return false;
    const size = vint(bytes, offset + id.length, false);
    if (!size) return false;
    const start = offset + id.length + size.length;
    if (size.value === null) return expected === SEGMENT; // a live recording: length unknown, nothing to compare
    if (start + size.value > bytes.length) return false;
    offset = start + size.value;
  }
  return true;
}

/** True when the container's own structure says the file is complete. */
export function containerIntact(bytes: Uint8Array, container: VideoContainer): boolean {
  return container === 'webm' ? matroskaIntact(bytes) : isoBmffIntact(bytes);
}
