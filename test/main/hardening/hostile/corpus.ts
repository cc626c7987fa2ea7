/**
 * The hostile-file corpus, generated at run time (sharp and raw bytes) so nothing large is committed. Each case
 * says what the import and the edit preparation should do with it: `accept` (a sane conversion), `reject` (a
 * clear refusal) or `either` (both are reasonable; the suite still checks the answer is clear and bounded).
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import { firstHalf, videoBytes, withDeclaredLength } from '../../support/video-files';
import { buildXmp, embedXmp } from '../../../../src-main/core/library/xmp';
import type { StoredItem } from '../../../../src-main/core/library/types';

export type Expect = 'accept' | 'reject' | 'either';

export interface HostileCase {
  id: string;
  /** File name given with the bytes. */
  name: string;
  bytes: () => Promise<Buffer>;
  importExpect: Expect;
  editExpect: Expect;
  /** When a refusal is expected, the specific reason the message must give (both import and edit). */
  reasonHint?: RegExp;
  /** The edit's reason when it differs from the import's (the Edit screen converts some formats the library does not keep). */
  editHint?: RegExp;
}

const solid = (width: number, height: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width, height, channels, background: { r: 200, g: 60, b: 30, alpha: 0.5 } } });

const png = (w = 64, h = 48) => solid(w, h).png().toBuffer();
const jpeg = (w = 64, h = 48) => solid(w, h).jpeg().toBuffer();
const webp = (w = 64, h = 48) => solid(w, h).webp().toBuffer();
const half = (b: Buffer) => b.subarray(0, Math.floor(b.length / 2));

/** A noisy picture: real image data for truncation cases (a solid colour compresses to almost nothing). */
const noisy = (w: number, h: number) => sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } });

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function ihdr(width: number, height: number, bitDepth: number, colourType: number): Buffer {
  const d = Buffer.alloc(13);
  d.writeUInt32BE(width, 0);
  d.writeUInt32BE(height, 4);
  d[8] = bitDepth;
  d[9] = colourType;
  return chunk('IHDR', d);
}

/** A PNG whose header declares 20000×20000 but whose pixel data is a few bytes: the lying-header bomb. */
function declaredHugePng(): Buffer {
  return Buffer.concat([PNG_SIGNATURE, ihdr(20_000, 20_000, 8, 2), chunk('IDAT', deflateSync(Buffer.alloc(64))), chunk('IEND', Buffer.alloc(0))]);
}

/** A complete, valid 1-bit 20000×20000 PNG of ~50 KB: 400 megapixels that inflate to 50 MB of rows. */
function inflatingBombPng(): Buffer {
  const row = 1 + Math.ceil(20_000 / 8);
  return Buffer.concat([PNG_SIGNATURE, ihdr(20_000, 20_000, 1, 0), chunk('IDAT', deflateSync(Buffer.alloc(row * 20_000), { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

/** A 2×2 24-bit BMP (edit converts BMP; the library does not store it). */
function tinyBmp(): Buffer {
  const rowBytes = 8; // 2 px × 3 bytes, padded to 4
  const pixels = Buffer.alloc(rowBytes * 2, 0x7f);
  const header = Buffer.alloc(54);
  header.write('BM', 0, 'latin1');
  header.writeUInt32LE(54 + pixels.length, 2);
  header.writeUInt32LE(54, 10);
  header.writeUInt32LE(40, 14);
  header.writeInt32LE(2, 18);
  header.writeInt32LE(2, 22);
  header.writeUInt16LE(1, 26);
  header.writeUInt16LE(24, 28);
  header.writeUInt32LE(pixels.length, 34);
  return Buffer.concat([header, pixels]);
}

/** The smallest ZIP: an end-of-central-directory record after one stored entry's local header. */
function tinyZip(): Buffer {
  const local = Buffer.alloc(30 + 5);
  local.writeUInt32LE(0x04034b50, 0);
  local.write('a.txt', 30, 'latin1');
  local.writeUInt16LE(5, 26);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  return Buffer.concat([local, end]);
}

function elfHeader(): Buffer {
  const b = Buffer.alloc(64);
  Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1]).copy(b);
  return b;
}

function exeHeader(): Buffer {
  const b = Buffer.alloc(128);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(64, 60);
  b.write('PE\0\0', 64, 'latin1');
  return b;
}

/** An ISO-BMFF `ftyp heic` box and nothing else: what a HEIC photo starts with. */
function heicStub(): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24, 0);
  ftyp.write('ftypheic', 4, 'latin1');
  ftyp.write('mif1heic', 16, 'latin1');
  return Buffer.concat([ftyp, randomBytes(200)]);
}

async function animatedGif(): Promise<Buffer> {
  const frames = await Promise.all(['#f00', '#0f0', '#00f'].map((c) => sharp({ create: { width: 32, height: 32, channels: 3, background: c } }).png().toBuffer()));
  return sharp(frames, { join: { animated: true } }).gif({ delay: [100, 100, 100], loop: 0 }).toBuffer();
}

/** A PNG carrying our own XMP packet with hostile provenance: a prototype-polluting params object and odd text. */
export async function hostileXmpPng(createdAt = Date.UTC(2026, 0, 2), prompt?: string): Promise<Buffer> {
  const item = {
    id: 'f'.repeat(32),
    kind: 'image',
    createdAt,
    prompt: prompt ?? 'x'.repeat(20_000) + ' \u202Eevil\u202C 🎨 <script>alert(1)</script>',
    editInstruction: '" OR 1=1 --',
    model: 'grok-imagine-image',
    params: {},
    origin: 'generated',
    requestId: null,
    rating: 0,
    tags: [],
  } as unknown as StoredItem;
  const base = await png(16, 16);
  // Built through JSON so `__proto__` is an own key, exactly as a crafted file would carry it.
  item.params = JSON.parse('{"__proto__":{"polluted":true},"constructor":{"prototype":{"isAdmin":true}}}') as Record<string, unknown>;
  return Buffer.from(embedXmp(base, buildXmp(item)) ?? base);
}

const text = (s: string) => async () => Buffer.from(s, 'utf8');
const TEXT_FILE = 'Hello, this is a plain text file, renamed to look like an image.\n'.repeat(20);
const SVG_SCRIPT = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>';
/** The specific reasons (issue 14): the same sentence in the library's import and in Edit. */
const EMPTY = /The file is empty \(0 bytes\)/;
const TRUNCATED = (format: string) => new RegExp(`The ${format} file is truncated or corrupt`);
const SVG = /SVG is not supported/;
const TEXT = /This is not an image or video: it is a text file/;
const NOT_MEDIA = /This is not an image or video/;
const BOMB = /declares 20000×20000 pixels \(400 megapixels\), over the 120-megapixel limit/;
const IS_VIDEO = /This is a video: edit videos on the Video screen/;

/** Files that are hostile or unusual by their bytes. */
export const byteCases: HostileCase[] = [
  { id: 'control-png', name: 'ok.png', bytes: () => png(), importExpect: 'accept', editExpect: 'accept' },
  { id: 'empty', name: 'empty.png', bytes: async () => Buffer.alloc(0), importExpect: 'reject', editExpect: 'reject', reasonHint: EMPTY },
  { id: 'truncated-jpeg', name: 't.jpg', bytes: async () => half(await noisy(256, 256).jpeg().toBuffer()), importExpect: 'reject', editExpect: 'reject', reasonHint: TRUNCATED('JPEG') },
  { id: 'truncated-png', name: 't.png', bytes: async () => half(await noisy(256, 256).png().toBuffer()), importExpect: 'reject', editExpect: 'reject', reasonHint: TRUNCATED('PNG') },
  { id: 'truncated-webp', name: 't.webp', bytes: async () => half(await noisy(256, 256).webp().toBuffer()), importExpect: 'reject', editExpect: 'reject', reasonHint: TRUNCATED('WebP') },
  { id: 'png-signature-only', name: 'sig.png', bytes: async () => PNG_SIGNATURE, importExpect: 'reject', editExpect: 'reject', reasonHint: TRUNCATED('PNG') },
  { id: 'declared-20000x20000-png', name: 'liar.png', bytes: async () => declaredHugePng(), importExpect: 'reject', editExpect: 'reject', reasonHint: BOMB },
  { id: 'inflating-1bit-20000x20000-png', name: 'bomb1.png', bytes: async () => inflatingBombPng(), importExpect: 'reject', editExpect: 'reject', reasonHint: BOMB },
  // The real sharp-made bomb is generated once by the suite (it takes seconds) and passed in; see `sharpBomb`.
  { id: 'svg-with-script', name: 'x.svg', bytes: text(SVG_SCRIPT), importExpect: 'reject', editExpect: 'reject', reasonHint: SVG },
  { id: 'svg-named-png', name: 'x.png', bytes: text(SVG_SCRIPT), importExpect: 'reject', editExpect: 'reject', reasonHint: SVG },
  { id: 'svg-with-xml-prolog-named-jpg', name: 'x.jpg', bytes: text(`<?xml version="1.0"?>\n${SVG_SCRIPT}`), importExpect: 'reject', editExpect: 'reject', reasonHint: SVG },
  { id: 'text-named-png', name: 'notes.png', bytes: text(TEXT_FILE), importExpect: 'reject', editExpect: 'reject', reasonHint: TEXT },
  { id: 'text-named-jpg', name: 'notes.jpg', bytes: text(TEXT_FILE), importExpect: 'reject', editExpect: 'reject', reasonHint: TEXT },
  { id: 'html', name: 'page.html', bytes: text('<!doctype html><html><body><script>fetch("//evil")</script></body></html>'), importExpect: 'reject', editExpect: 'reject', reasonHint: /This is not an image or video: it is a web page/ },
  { id: 'zip-named-png', name: 'archive.png', bytes: async () => tinyZip(), importExpect: 'reject', editExpect: 'reject', reasonHint: NOT_MEDIA },
  { id: 'elf-named-png', name: 'a.png', bytes: async () => elfHeader(), importExpect: 'reject', editExpect: 'reject', reasonHint: NOT_MEDIA },
  { id: 'exe-named-jpg', name: 'setup.jpg', bytes: async () => exeHeader(), importExpect: 'reject', editExpect: 'reject', reasonHint: NOT_MEDIA },
  { id: 'heic-stub', name: 'IMG_0001.HEIC', bytes: async () => heicStub(), importExpect: 'reject', editExpect: 'reject', reasonHint: /HEIC photos are not supported/, editHint: TRUNCATED('HEIC/HEIF') },
  { id: 'random-bytes', name: 'noise.webp', bytes: async () => randomBytes(4096), importExpect: 'reject', editExpect: 'reject', reasonHint: NOT_MEDIA },
  { id: 'png-bad-crc', name: 'crc.png', bytes: async () => { const b = Buffer.from(await noisy(64, 64).png().toBuffer()); b.writeUInt8(b.readUInt8(b.length - 20) ^ 0xff, b.length - 20); return b; }, importExpect: 'either', editExpect: 'either' },
  { id: 'jpeg-with-zip-appended', name: 'polyglot.jpg', bytes: async () => Buffer.concat([await jpeg(), tinyZip()]), importExpect: 'either', editExpect: 'either' },
  { id: 'animated-gif', name: 'anim.gif', bytes: animatedGif, importExpect: 'accept', editExpect: 'accept' },
  { id: 'cmyk-jpeg', name: 'print.jpg', bytes: () => solid(64, 48).toColourspace('cmyk').jpeg().toBuffer(), importExpect: 'accept', editExpect: 'accept' },
  { id: '16-bit-png', name: 'deep.png', bytes: () => solid(64, 48).toColourspace('rgb16').png().toBuffer(), importExpect: 'accept', editExpect: 'accept' },
  { id: 'grey-alpha-png', name: 'ga.png', bytes: () => sharp(Buffer.alloc(32 * 32 * 2, 0x80), { raw: { width: 32, height: 32, channels: 2 } }).png().toBuffer(), importExpect: 'accept', editExpect: 'accept' },
  { id: 'exif-rotated-jpeg', name: 'phone.jpg', bytes: () => solid(80, 40).jpeg().withMetadata({ orientation: 6 }).toBuffer(), importExpect: 'accept', editExpect: 'accept' },
  { id: 'progressive-jpeg', name: 'prog.jpg', bytes: () => noisy(128, 96).jpeg({ progressive: true }).toBuffer(), importExpect: 'accept', editExpect: 'accept' },
  { id: 'webp', name: 'ok.webp', bytes: () => webp(), importExpect: 'accept', editExpect: 'accept' },
  { id: 'tiff', name: 'scan.tif', bytes: () => solid(40, 30).tiff().toBuffer(), importExpect: 'reject', editExpect: 'either', reasonHint: /TIFF images are not supported in the library/ },
  { id: 'bmp', name: 'paint.bmp', bytes: async () => tinyBmp(), importExpect: 'reject', editExpect: 'accept', reasonHint: /BMP images are not supported in the library/ },
  { id: '1x1-png', name: 'dot.png', bytes: () => png(1, 1), importExpect: 'accept', editExpect: 'accept' },
  { id: '1x16000-png', name: 'sliver.png', bytes: () => png(1, 16_000), importExpect: 'accept', editExpect: 'accept' },
  { id: 'xmp-prototype-pollution', name: 'crafted.png', bytes: () => hostileXmpPng(), importExpect: 'accept', editExpect: 'accept' },
  // Our own XMP packet with the latest date JavaScript allows, and one before 1970: the image is kept, the date is not.
  { id: 'xmp-date-year-275760', name: 'future.png', bytes: () => hostileXmpPng(8.64e15), importExpect: 'accept', editExpect: 'accept' },
  { id: 'xmp-date-year-1000', name: 'past.png', bytes: () => hostileXmpPng(Date.UTC(1000, 0, 1)), importExpect: 'accept', editExpect: 'accept' },
];

/**
 * Videos (made by ffmpeg at run time): the library imports MP4 (H.264, H.265), MOV and WebM by their bytes and
 * refuses damaged or crafted ones with the reason; the Edit screen points videos to the Video screen.
 */
export const videoCases: HostileCase[] = [
  { id: 'video:h264-mp4', name: 'clip.mp4', bytes: () => videoBytes('h264-mp4'), importExpect: 'accept', editExpect: 'reject', reasonHint: IS_VIDEO },
  { id: 'video:h265-mp4', name: 'clip-hevc.mp4', bytes: () => videoBytes('h265-mp4'), importExpect: 'accept', editExpect: 'reject', reasonHint: IS_VIDEO },
  { id: 'video:vp9-webm', name: 'clip.webm', bytes: () => videoBytes('vp9-webm'), importExpect: 'accept', editExpect: 'reject', reasonHint: IS_VIDEO },
  { id: 'video:h264-mov', name: 'clip.mov', bytes: () => videoBytes('h264-mov'), importExpect: 'accept', editExpect: 'reject', reasonHint: IS_VIDEO },
  { id: 'video:truncated-mp4', name: 'cut.mp4', bytes: async () => firstHalf(await videoBytes('h264-mp4', { seconds: 2 })), importExpect: 'reject', editExpect: 'reject', reasonHint: TRUNCATED('MP4'), editHint: IS_VIDEO },
  { id: 'video:truncated-mp4-index-last', name: 'cut2.mp4', bytes: async () => firstHalf(await videoBytes('h264-mp4-index-last', { seconds: 2 })), importExpect: 'reject', editExpect: 'reject', reasonHint: TRUNCATED('MP4'), editHint: IS_VIDEO },
  { id: 'video:truncated-webm', name: 'cut.webm', bytes: async () => firstHalf(await videoBytes('vp9-webm', { seconds: 2 })), importExpect: 'reject', editExpect: 'reject', reasonHint: TRUNCATED('WebM'), editHint: IS_VIDEO },
  { id: 'video:mp4-without-video-track', name: 'song.mp4', bytes: () => videoBytes('aac-only-mp4'), importExpect: 'reject', editExpect: 'reject', reasonHint: /This MP4 file has no video track/, editHint: IS_VIDEO },
  { id: 'video:10-hour-declared', name: 'ten-hours.mp4', bytes: async () => withDeclaredLength(await videoBytes('h264-mp4'), 36_000), importExpect: 'reject', editExpect: 'reject', reasonHint: /declares a length of 10:00:00, over the 1-hour limit/, editHint: IS_VIDEO },
  { id: 'video:mpeg4-part2', name: 'old.mp4', bytes: () => videoBytes('mpeg4-mp4'), importExpect: 'reject', editExpect: 'reject', reasonHint: /video is MPEG4, which Imagine Studio cannot play/, editHint: IS_VIDEO },
];

/** Odd file names, each carrying a valid small PNG: names must never reach a path or break a message. */
export const nameCases: HostileCase[] = [
  ['unicode', 'café-日本語-Ωmega.png'],
  ['rtl-override', 'holiday\u202Egnp.exe'],
  ['rtl-arabic', 'صورة-جميلة.png'],
  ['emoji', '🎨🖼️👩‍👩‍👧.png'],
  ['name-255', `${'n'.repeat(251)}.png`],
  ['traversal', '../../etc/passwd.png'],
  ['deep-traversal', '../../../../../../../../tmp/imagine-escape.png'],
  ['absolute', '/etc/cron.d/evil.png'],
  ['windows-path', 'C:\\Windows\\System32\\evil.png'],
  ['nul-in-name', 'a\0b.png'],
  ['windows-reserved', 'CON.png'],
  ['leading-dot', '.hidden.png'],
  ['only-dots', '..'],
  ['empty-name', ''],
  ['control-chars', 'a\u0001\u001b[31mred\u0007.png'],
  // Each case its own image (100+i × 77): the same bytes twice would be reported as a duplicate, not imported.
].map(([id, name], i) => ({ id: `name:${id}`, name: name as string, bytes: () => png(100 + i, 77), importExpect: 'accept', editExpect: 'accept' }));

/** A name past the contract's 255 characters: a validation envelope for import; edit names may be 500. */
export const longNameCase: HostileCase = {
  id: 'name:256-plus', name: `${'m'.repeat(300)}.png`, bytes: () => png(), importExpect: 'reject', editExpect: 'accept', reasonHint: /invalid input|too big|255/i,
};

/** The real decompression bomb, made by sharp: a solid 20000×20000 PNG at maximum compression (~1.2 MB). */
export const sharpBomb: HostileCase = {
  id: 'sharp-solid-20000x20000-png',
  name: 'solid.png',
  bytes: () =>
    sharp({ create: { width: 20_000, height: 20_000, channels: 3, background: '#336699' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer(),
  importExpect: 'reject',
  editExpect: 'reject',
  reasonHint: BOMB,
};

/**
 * A 50 MB image: 4096×4096 noise stored as uncompressed PNG (50.3 MB). Made only when its test runs and dropped
 * after, so at most one copy (plus its base64) is alive. Import takes it (≤ 64 MB); edit refuses it (> 32 MiB)
 * at validation, before any decoding.
 */
export const fiftyMegabytes: HostileCase = {
  id: '50mb-png',
  name: 'huge.png',
  bytes: () => noisy(4096, 4096).png({ compressionLevel: 0 }).toBuffer(),
  importExpect: 'accept',
  editExpect: 'reject',
  reasonHint: /larger than 32 MiB/,
};
