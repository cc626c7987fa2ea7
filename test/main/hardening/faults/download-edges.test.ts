/**
 * The downloader at the edges a crash trial or a flaky line produces: a transfer cut after its last byte (the
 * resume then asks for nothing and the server says 416) must count as complete, not as an endless error.
 */
import { describe, expect, it } from 'vitest';
import { createXaiImagineClient } from '../../../../src-main/adapters/xai';
import { fastClock } from '../support/rig';

const file = new Uint8Array(Array.from({ length: 5000 }, (_, i) => i % 251));

/** A body that delivers `bytes`, then breaks (an error after an enqueue in the same pull would drop the chunk). */
function cutStream(bytes: Uint8Array): ReadableStream<Uint8Array> {
  let sent = false;
  return new ReadableStream<Uint8Array>({
    pull(c) {
      if (sent) return c.error(new TypeError('terminated'));
      sent = true;
      c.enqueue(bytes);
    },
  });
}

/** First answer: every byte, then the connection breaks before the end. Then answers Range requests like a server. */
function cutAfterLastByte() {
  const ranges: (string | null)[] = [];
  const fetchStub: typeof fetch = async (_input, init) => {
    const range = new Headers(init?.headers).get('range');
    ranges.push(range);
    if (!range) {
      const body = cutStream(file);
      return new Response(body, { status: 200, headers: { 'accept-ranges': 'bytes', 'content-length': String(file.length), 'content-type': 'video/mp4' } });
    }
    const from = Number(/bytes=(\d+)-/.exec(range)?.[1]);
    if (from >= file.length) return new Response('', { status: 416, headers: { 'content-range': `bytes */${file.length}` } });
    return new Response(file.subarray(from), { status: 206, headers: { 'content-range': `bytes ${from}-${file.length - 1}/${file.length}` } });
  };
  return { fetchStub, ranges };
}

describe('downloader edges', () => {
  it('a transfer cut after its last byte is complete: the 416 answer to the resume is not an error', async () => {
    const { fetchStub, ranges } = cutAfterLastByte();
    const api = createXaiImagineClient({ getApiKey: async () => 'k', clock: fastClock, fetch: fetchStub });
    const got = await api.download('http://127.0.0.1:9/files/vid/x.mp4');
    expect(Buffer.compare(Buffer.from(got.bytes), Buffer.from(file))).toBe(0);
    expect(ranges).toEqual([null, `bytes=${file.length}-`]);
  });

  it('a 416 that does not match what we hold is still an error (no silent truncation)', async () => {
    const fetchStub: typeof fetch = async (_input, init) => {
      const range = new Headers(init?.headers).get('range');
      if (!range) {
        const body = cutStream(file.subarray(0, 100));
        return new Response(body, { status: 200, headers: { 'accept-ranges': 'bytes' } });
      }
      return new Response('', { status: 416, headers: { 'content-range': `bytes */${file.length}` } });
    };
    const api = createXaiImagineClient({ getApiKey: async () => 'k', clock: fastClock, fetch: fetchStub });
    await expect(api.download('http://127.0.0.1:9/files/vid/x.mp4')).rejects.toMatchObject({ appError: { kind: 'api', status: 416 } });
  });
});
