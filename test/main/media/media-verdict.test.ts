/** The byte-level verdict shared by the library's import and the Edit screen (core/media), as tables. */
import { describe, expect, it } from 'vitest';
import { containerIntact } from '../../../src-main/core/media/container-integrity';
import { libraryVerdict } from '../../../src-main/core/media/library-verdict';
import { videoRefusal } from '../../../src-main/core/media/refusals';
import { sniffMedia } from '../../../src-main/core/media/sniff';

const box = (type: string, payload: number, size = 8 + payload) => {
  const b = Buffer.alloc(8 + payload);
  b.writeUInt32BE(size, 0);
  b.write(type, 4, 'latin1');
  return b;
};
const ftyp = (brand: string) => {
  const b = box('ftyp', 8);
  b.write(brand, 8, 'latin1');
  return b;
};

describe('sniffMedia', () => {
  it.each([
    [Buffer.concat([ftyp('isom'), box('moov', 4)]), { kind: 'video', container: 'mp4' }],
    [Buffer.concat([ftyp('qt  '), box('moov', 4)]), { kind: 'video', container: 'mov' }],
    [Buffer.concat([box('wide', 0), box('mdat', 4)]), { kind: 'video', container: 'mov' }],
    [ftyp('heic'), { kind: 'image', format: 'heif' }],
    [ftyp('avif'), { kind: 'image', format: 'avif' }],
    [Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80]), { kind: 'video', container: 'webm' }],
    [Buffer.from('<html><body>x</body></html>'), { kind: 'none', why: 'html' }],
    [Buffer.from([0x50, 0x4b, 3, 4, 0, 0, 0xff, 0xfe]), { kind: 'none', why: 'binary' }],
  ])('%#', (bytes, expected) => {
    expect(sniffMedia(bytes)).toEqual(expected);
  });
});

describe('containerIntact', () => {
  it('accepts whole box chains and a last box that runs to the end', () => {
    expect(containerIntact(Buffer.concat([ftyp('isom'), box('moov', 16), box('mdat', 100)]), 'mp4')).toBe(true);
    expect(containerIntact(Buffer.concat([ftyp('isom'), box('moov', 16), box('mdat', 100, 0)]), 'mp4')).toBe(true);
  });
  it('refuses a box that runs past the end, a torn header, a box under 8 bytes, and a file without moov', () => {
    const whole = Buffer.concat([ftyp('isom'), box('moov', 16), box('mdat', 100)]);
    expect(containerIntact(whole.subarray(0, whole.length - 1), 'mp4')).toBe(false);
    expect(containerIntact(Buffer.concat([whole, Buffer.alloc(3)]), 'mp4')).toBe(false);
    expect(containerIntact(Buffer.concat([ftyp('isom'), box('moov', 0, 4)]), 'mp4')).toBe(false);
    expect(containerIntact(Buffer.concat([ftyp('isom'), box('mdat', 100)]), 'mp4')).toBe(false);
  });
  it('reads 64-bit box sizes', () => {
    const large = Buffer.alloc(16 + 10);
    large.writeUInt32BE(1, 0);
    large.write('mdat', 4, 'latin1');
    large.writeUInt32BE(0, 8);
    large.writeUInt32BE(26, 12);
    expect(containerIntact(Buffer.concat([ftyp('isom'), box('moov', 8), large]), 'mp4')).toBe(true);
    large.writeUInt32BE(1, 8); // 4 GiB more than the file holds
    expect(containerIntact(Buffer.concat([ftyp('isom'), box('moov', 8), large]), 'mp4')).toBe(false);
  });
  it('compares a WebM segment with its declared size, and lets a live recording (unknown size) through', () => {
    const header = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x82, 0x42, 0x86]);
    const segment = (size: number[], body: number) => Buffer.concat([Buffer.from([0x18, 0x53, 0x80, 0x67, ...size]), Buffer.alloc(body)]);
    expect(containerIntact(Buffer.concat([header, segment([0x8a], 10)]), 'webm')).toBe(true);
    expect(containerIntact(Buffer.concat([header, segment([0x8a], 9)]), 'webm')).toBe(false);
    expect(containerIntact(Buffer.concat([header, segment([0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff], 4)]), 'webm')).toBe(true);
    expect(containerIntact(header, 'webm')).toBe(false);
  });
});

describe('libraryVerdict and videoRefusal', () => {
  it('names what is refused', () => {
    expect(libraryVerdict(new Uint8Array())).toEqual({ ok: false, reason: 'The file is empty (0 bytes).' });
    expect(libraryVerdict(Buffer.from('II*\0\x08\0\0\0'))).toMatchObject({ ok: false, reason: expect.stringMatching(/^TIFF images are not supported/) });
    expect(libraryVerdict(Buffer.concat([ftyp('isom'), box('moov', 8), box('mdat', 50)]).subarray(0, 60))).toEqual({
      ok: false, reason: 'The MP4 file is truncated or corrupt: it cannot be read to the end.',
    });
  });
  it('refuses what cannot be played or is implausible, and passes an ordinary clip', () => {
    const clip = { video: { codec: 'h264', width: 1280, height: 720 }, durationMs: 6000 };
    expect(videoRefusal(clip, 'mp4')).toBeNull();
    expect(videoRefusal({ ...clip, video: null }, 'mp4')).toMatch(/no video track/);
    expect(videoRefusal({ ...clip, video: { codec: 'prores', width: 1, height: 1 } }, 'mov')).toMatch(/PRORES, which Imagine Studio cannot play/);
    expect(videoRefusal({ ...clip, video: { codec: 'vp9', width: 20_000, height: 20_000 } }, 'webm')).toMatch(/20000×20000 pixels per frame/);
    expect(videoRefusal({ ...clip, durationMs: 3_600_001 }, 'mp4')).toMatch(/length of 1:00:00, over the 1-hour limit/);
  });
});
