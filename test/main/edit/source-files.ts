/** Real image files (good and bad) made on the fly with sharp and by hand, for the edit source tests. */
import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';

export const solid = (w: number, h: number, color = '#36c', channels: 3 | 4 = 3) =>
  sharp({ create: { width: w, height: h, channels, background: color } });

export const pngOf = (w = 64, h = 48) => solid(w, h).png().toBuffer();
export const jpegOf = (w = 64, h = 48) => solid(w, h).jpeg().toBuffer();

/** Random pixels: incompressible, so a 2000×2000 PNG is ~12 MiB. */
export async function noisyPng(w: number, h: number): Promise<Buffer> {
  return sharp(randomBytes(w * h * 3), { raw: { width: w, height: h, channels: 3 } }).png({ compressionLevel: 1 }).toBuffer();
}

export async function noisyJpeg(w: number, h: number): Promise<Buffer> {
  return sharp(await noisyPng(w, h)).jpeg({ quality: 95 }).toBuffer();
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/** A valid-looking PNG declaring `w`×`h` pixels with almost no data: a decompression bomb's header. */
export function bombPng(w: number, h: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.writeUInt8(8, 8); // bit depth
  ihdr.writeUInt8(0, 9); // greyscale
  const sig = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([sig, chunk('IHDR', ihdr), chunk('IDAT', Buffer.from([0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01])), chunk('IEND', Buffer.alloc(0))]);
}

/** An uncompressed 24-bit bottom-up BMP, red on the top row so orientation can be checked. */
export function bmp24(w: number, h: number): Buffer {
  const stride = Math.ceil((w * 3) / 4) * 4;
  const buf = Buffer.alloc(54 + stride * h);
  buf.write('BM', 0, 'ascii');
  buf.writeUInt32LE(buf.length, 2);
  buf.writeUInt32LE(54, 10);
  buf.writeUInt32LE(40, 14);
  buf.writeInt32LE(w, 18);
  buf.writeInt32LE(h, 22);
  buf.writeUInt16LE(1, 26);
  buf.writeUInt16LE(24, 28);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const o = 54 + (h - 1 - y) * stride + x * 3; // bottom-up: file row 0 is the image's last row
      const top = y === 0;
      buf[o] = top ? 0 : 200; // B
      buf[o + 1] = 0; // G
      buf[o + 2] = top ? 255 : 0; // R
    }
  }
  return buf;
}
