import { EXIF_HEADER, isExifPayload, orientationTiff, readTiffOrientation } from './exif-orientation';
import type { StoredItem } from './types';

/**
 * XMP provenance packets and their lossless insertion into JPEG (APP1) and PNG (iTXt) bytes. Splicing the packet
 * into the container avoids re-encoding the image (no quality loss, and ingest stays near the thumbnail floor).
 */
export const DIGITAL_SOURCE = {
  generated: 'http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia',
  composite: 'http://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia',
} as const;

const XMP_NS = 'http://ns.adobe.com/xap/1.0/\0';
const PNG_XMP_KEY = 'XML:com.adobe.xmp';

const XML_ENTITIES: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' };

function esc(text: string): string {
  // XML 1.0 forbids these control characters even escaped, so they are dropped.
  // eslint-disable-next-line no-control-regex
  return text.replace(/[<>&"']/g, (c) => XML_ENTITIES[c] ?? c).replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');
}

/** The IPTC digital source type for an item: edits of generated media are composites. */
export function digitalSourceType(item: Pick<StoredItem, 'origin'>): string {
  return item.origin === 'edited' ? DIGITAL_SOURCE.composite : DIGITAL_SOURCE.generated;
}

/**
 * The user's rating and tags in the standard properties every photo tool reads (Lightroom, Bridge, digiKam, darktable):
 * `xmp:Rating` (1–5; left out when unrated) and `dc:subject` (a bag of keywords).
 */
function ratingAndTags(item: Pick<StoredItem, 'rating' | 'tags'>): string {
  const rating = item.rating > 0 ? `\n   <xmp:Rating>${item.rating}</xmp:Rating>` : '';
  const tags = item.tags.length
    ? `\n   <dc:subject><rdf:Bag>${item.tags.map((t) => `<rdf:li>${esc(t)}</rdf:li>`).join('')}</rdf:Bag></dc:subject>`
    : '';
  return rating + tags;
}

/** Builds the XMP packet carried inside exported and stored images. */
export function buildXmp(item: StoredItem): string {
  const optional = (name: string, value: string | null) =>
    value === null ? '' : `\n   <imagine:${name}>${esc(value)}</imagine:${name}>`;
  return `<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about=""
    xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/"
    xmlns:imagine="https://imagine-studio.app/ns/1.0/">
   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">${esc(item.prompt)}</rdf:li></rdf:Alt></dc:description>
   <xmp:CreatorTool>Imagine Studio</xmp:CreatorTool>
   <xmp:CreateDate>${new Date(item.createdAt).toISOString()}</xmp:CreateDate>
   <Iptc4xmpExt:DigitalSourceType>${digitalSourceType(item)}</Iptc4xmpExt:DigitalSourceType>
   <imagine:id>${item.id}</imagine:id>
   <imagine:prompt>${esc(item.prompt)}</imagine:prompt>
   <imagine:origin>${item.origin}</imagine:origin>
   <imagine:params>${esc(JSON.stringify(item.params))}</imagine:params>${optional('provider', item.provider ?? null)}${optional('operation', item.operation ?? null)}${optional('seed', item.seed === undefined ? null : String(item.seed))}${optional('model', item.model)}${optional('servedModel', item.servedModel ?? null)}${optional('quality', item.servedQuality ?? null)}${optional('editInstruction', item.editInstruction)}${optional('requestId', item.requestId)}${ratingAndTags(item)}
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>`;
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n += 1) {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const encoder = new TextEncoder();
const isJpeg = (b: Uint8Array) => b[0] === 0xff && b[1] === 0xd8;
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const isPng = (b: Uint8Array) => PNG_SIG.every((v, i) => b[i] === v);

/** JPEG marker segments before the scan: [start, end, marker]. Stops at SOS; the rest is copied verbatim. */
function jpegSegments(b: Uint8Array): { segments: [number, number, number][]; scanStart: number } | null {
  const segments: [number, number, number][] = [];
  let i = 2;
  while (i + 4 <= b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1] ?? 0;
    if (marker === 0xda) return { segments, scanStart: i };
    const len = ((b[i + 2] ?? 0) << 8) | (b[i + 3] ?? 0);
    segments.push([i, i + 2 + len, marker]);
    i += 2 + len;
  }
  return null;
}

/** APPn (except APP0/JFIF, APP2/ICC and APP14/Adobe colour info) and COM segments carry metadata. */
const isJpegMetadata = (marker: number) =>
  (marker >= 0xe1 && marker <= 0xef && marker !== 0xe2 && marker !== 0xee) || marker === 0xfe;

/** The EXIF block (TIFF bytes) of a JPEG APP1 segment, or null when the segment is something else (XMP). */
function exifOf(b: Uint8Array, [start, end, marker]: [number, number, number]): Uint8Array | null {
  if (marker !== 0xe1) return null;
  const payload = b.subarray(start + 4, end);
  return isExifPayload(payload) ? payload.subarray(EXIF_HEADER.length) : null;
}

function jpegSegment(marker: number, payload: Uint8Array): Uint8Array | null {
  if (payload.length + 2 > 0xffff) return null;
  return concat([new Uint8Array([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff]), payload]);
}

/**
 * Rebuilds a JPEG with its metadata replaced by `insert` (or dropped). The first EXIF segment survives an insert
 * as is: it holds the Orientation a phone photo needs to be shown upright (and the camera details people expect
 * to keep). A strip drops it too but keeps the Orientation in a minimal EXIF block of our own.
 */
function rebuildJpeg(b: Uint8Array, insert: Uint8Array | null): Uint8Array | null {
  const parsed = jpegSegments(b);
  if (!parsed) return null;
  const exifSegment = parsed.segments.find((s) => exifOf(b, s) !== null);
  const exif = exifSegment ? exifOf(b, exifSegment) : null;
  let keptExif: Uint8Array | null = null;
  if (insert !== null) keptExif = exifSegment ? b.subarray(exifSegment[0], exifSegment[1]) : null;
  else {
    const orientation = exif ? readTiffOrientation(exif) : null;
    if (orientation !== null && orientation !== 1) keptExif = jpegSegment(0xe1, concat([EXIF_HEADER, orientationTiff(orientation)]));
  }
  // JFIF first, then EXIF, then XMP (the order readers and the specs expect); other segments keep their order.
  const head: Uint8Array[] = [b.subarray(0, 2)];
  const rest: Uint8Array[] = [];
  for (const [start, end, marker] of parsed.segments) {
    if (marker === 0xe0) head.push(b.subarray(start, end));
    else if (!isJpegMetadata(marker)) rest.push(b.subarray(start, end));
  }
  return concat([...head, ...(keptExif ? [keptExif] : []), ...(insert ? [insert] : []), ...rest, b.subarray(parsed.scanStart)]);
}

function jpegXmpSegment(xmp: string): Uint8Array | null {
  return jpegSegment(0xe1, concat([encoder.encode(XMP_NS), encoder.encode(xmp)]));
}

function pngChunks(b: Uint8Array): [number, number, string][] | null {
  const chunks: [number, number, string][] = [];
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let i = 8;
  while (i + 12 <= b.length) {
    const len = view.getUint32(i);
    const type = String.fromCharCode(...b.subarray(i + 4, i + 8));
    chunks.push([i, i + 12 + len, type]);
    i += 12 + len;
    if (type === 'IEND') return chunks;
  }
  return null;
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const body = concat([encoder.encode(type), data]);
  const out = new Uint8Array(body.length + 8);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(body, 4);
  view.setUint32(4 + body.length, crc32(body));
  return out;
}

const PNG_METADATA = new Set(['tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']);

/** Like `rebuildJpeg` for PNG: an insert keeps the `eXIf` chunk as is, a strip keeps only its Orientation. */
function rebuildPng(b: Uint8Array, insert: Uint8Array | null): Uint8Array | null {
  const chunks = pngChunks(b);
  if (!chunks) return null;
  const exifChunk = chunks.find(([, , type]) => type === 'eXIf');
  let keptExif: Uint8Array | null = null;
  if (exifChunk && insert !== null) keptExif = b.subarray(exifChunk[0], exifChunk[1]);
  else if (exifChunk) {
    const orientation = readTiffOrientation(b.subarray(exifChunk[0] + 8, exifChunk[1] - 4));
    if (orientation !== null && orientation !== 1) keptExif = pngChunk('eXIf', orientationTiff(orientation));
  }
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  for (const [start, end, type] of chunks) {
    if (!PNG_METADATA.has(type)) parts.push(b.subarray(start, end));
    if (type === 'IHDR') parts.push(...(keptExif ? [keptExif] : []), ...(insert ? [insert] : []));
  }
  return concat(parts);
}

/**
 * Replaces the metadata in JPEG or PNG bytes with the XMP packet (keeping the EXIF block), without re-encoding. Returns null for other
 * formats or damaged files (the caller falls back to an encoder).
 */
export function embedXmp(bytes: Uint8Array, xmp: string): Uint8Array | null {
  if (isJpeg(bytes)) {
    const segment = jpegXmpSegment(xmp);
    return segment ? rebuildJpeg(bytes, segment) : null;
  }
  if (isPng(bytes)) {
    const data = concat([encoder.encode(`${PNG_XMP_KEY}\0\0\0\0\0`), encoder.encode(xmp)]);
    return rebuildPng(bytes, pngChunk('iTXt', data));
  }
  return null;
}

/**
 * Removes text metadata (EXIF, XMP, IPTC, comments) from JPEG or PNG bytes but keeps the EXIF Orientation, so a
 * stripped phone photo still shows upright; null for other formats.
 */
export function stripMetadata(bytes: Uint8Array): Uint8Array | null {
  if (isJpeg(bytes)) return rebuildJpeg(bytes, null);
  if (isPng(bytes)) return rebuildPng(bytes, null);
  return null;
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** What an XMP packet we wrote says about an image, read back when such a file is imported again. */
export interface XmpProvenance {
  prompt: string | null;
  model: string | null;
  /** The model that served and the quality served (issue 15.5); null when the packet predates them. */
  servedModel: string | null;
  quality: string | null;
  /** Who made it, how, and with which seed (issue 18 §7); null when the packet predates them. */
  provider: string | null;
  operation: string | null;
  seed: number | null;
  editInstruction: string | null;
  requestId: string | null;
  params: Record<string, unknown> | null;
  createdAt: number | null;
  /** `xmp:Rating` of any packet (ours or another tool's), 0–5 (a reject, -1, reads as 0); null when absent. */
  rating: number | null;
  /** `dc:subject` keywords of any packet, as written (the library normalizes them). */
  tags: string[];
}

const PACKET_OPEN = encoder.encode('<x:xmpmeta');
const PACKET_CLOSE = encoder.encode('</x:xmpmeta>');

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from = 0): number {
  const first = needle[0] ?? 0;
  for (let i = hay.indexOf(first, from); i >= 0 && i + needle.length <= hay.length; i = hay.indexOf(first, i + 1)) {
    let ok = true;
    for (let j = 1; j < needle.length && ok; j += 1) ok = hay[i + j] === needle[j];
    if (ok) return i;
  }
  return -1;
}

const unescapeXml = (text: string) =>
  text.replace(/&(lt|gt|amp|quot|apos);/g, (_m, e: string) => ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })[e] ?? '');

/**
 * Finds our XMP packet in JPEG, PNG or WebP bytes (each stores it uncompressed, so a byte search is enough and
 * needs no container parsing) and reads our fields back. Null when there is no packet of ours.
 */
export function readXmp(bytes: Uint8Array): XmpProvenance | null {
  const start = indexOfBytes(bytes, PACKET_OPEN);
  if (start < 0) return null;
  const end = indexOfBytes(bytes, PACKET_CLOSE, start);
  if (end < 0) return null;
  const xml = new TextDecoder().decode(bytes.subarray(start, end));
  const shared = { rating: readRating(xml), tags: readSubjects(xml) };
  if (!xml.includes('imagine-studio.app/ns/1.0/')) {
    return { prompt: null, model: null, servedModel: null, quality: null, provider: null, operation: null, seed: null, editInstruction: null, requestId: null, params: null, createdAt: null, ...shared };
  }
  const field = (name: string) => {
    const m = new RegExp(`<imagine:${name}>([^<]*)</imagine:${name}>`).exec(xml);
    return m ? unescapeXml(m[1] ?? '') : null;
  };
  let params: Record<string, unknown> | null = null;
  try {
    const parsed: unknown = JSON.parse(field('params') ?? 'null');
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) params = parsed as Record<string, unknown>;
  } catch {
    params = null;
  }
  const date = Date.parse(/<xmp:CreateDate>([^<]*)<\/xmp:CreateDate>/.exec(xml)?.[1] ?? '');
  return {
    prompt: field('prompt'),
    model: field('model'),
    servedModel: field('servedModel'),
    quality: field('quality'),
    provider: field('provider'),
    operation: field('operation'),
    seed: /^\d{1,10}$/.test(field('seed') ?? '') ? Number(field('seed')) : null,
    editInstruction: field('editInstruction'),
    requestId: field('requestId'),
    params,
    createdAt: Number.isFinite(date) ? date : null,
    ...shared,
  };
}

/** `xmp:Rating` as an element or an attribute (Adobe writes the attribute form; old files use the `xap` prefix). */
function readRating(xml: string): number | null {
  const m = /<(?:xmp|xap):Rating>\s*(-?[\d.]+)\s*<\/(?:xmp|xap):Rating>/.exec(xml) ?? /\s(?:xmp|xap):Rating\s*=\s*["'](-?[\d.]+)["']/.exec(xml);
  const n = Number(m?.[1]);
  return m && Number.isFinite(n) ? Math.max(0, Math.min(5, Math.round(n))) : null;
}

/** The `rdf:li` items of `dc:subject` (a Bag, or a Seq in some writers). */
function readSubjects(xml: string): string[] {
  const block = /<dc:subject>([\s\S]*?)<\/dc:subject>/.exec(xml)?.[1] ?? '';
  return [...block.matchAll(/<rdf:li(?:\s[^>]*)?>([^<]*)<\/rdf:li>/g)].map((m) => unescapeXml(m[1] ?? '')).filter((t) => t.trim() !== '');
}
