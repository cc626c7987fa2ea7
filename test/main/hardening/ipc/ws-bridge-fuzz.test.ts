/**
 * Fuzzing the browser host's WebSocket framing: non-JSON text, binary frames, JSON without an id or with odd ids,
 * invoke frames with hostile inputs, frames at and over the (small) frame limit, and chunked calls that break the
 * framing rules (issue 12: large calls arrive in chunks, src-preload/bridge-frames.ts). Frames without a usable id
 * get no answer; every answer carries the id it was asked with and a non-internal envelope; the host keeps
 * serving afterwards. IMAGINE_FUZZ_RUNS / IMAGINE_FUZZ_SEED as in contract-fuzz.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { channelNames, type Envelope } from '@contract';
import { prototypeIsClean } from './core-harness';
import { signedInWs, startHostHarness, type HostHarness } from './host-harness';
import { DEFAULT_BRIDGE_LIMITS } from '../../../../src-main/host/ws-bridge';
import { CHUNK_BYTES, invokeFrames } from '../../../../src-preload/bridge-frames';

const RUNS = Math.max(1, Number(process.env.IMAGINE_FUZZ_RUNS ?? 500));
const SEED = Number(process.env.IMAGINE_FUZZ_SEED ?? (Date.now() ^ (process.pid << 8)) >>> 0);
const MAX_PAYLOAD = DEFAULT_BRIDGE_LIMITS.maxFrameBytes;

let hh: HostHarness;

beforeAll(async () => {
  console.log(`ws bridge fuzz: seed ${SEED}, ${RUNS} frames (IMAGINE_FUZZ_SEED=${SEED} to replay)`);
  hh = await startHostHarness();
}, 60_000);

afterAll(async () => {
  await hh?.close();
});

type Reply = { type: string; id: unknown; envelope: Envelope<unknown> };

/** A hand-made call text, framed as bridge-frames.ts frames a large call (a header, then binary chunks). */
function sendChunked(ws: WebSocket, id: string, text: string) {
  const bytes = Buffer.from(text);
  ws.send(JSON.stringify({ type: 'chunked', id, bytes: bytes.byteLength }));
  for (let at = 0; at < bytes.byteLength; at += CHUNK_BYTES) ws.send(bytes.subarray(at, at + CHUNK_BYTES));
}

/** Collects every reply on a socket, and waits for the one with a given id. */
function replies(ws: WebSocket) {
  const got: Reply[] = [];
  const waiters = new Map<unknown, (r: Reply) => void>();
  ws.on('message', (data) => {
    const r = JSON.parse(data.toString()) as Reply;
    got.push(r);
    waiters.get(r.id)?.(r);
  });
  return {
    got,
    waitFor(id: unknown, ms = 20_000): Promise<Reply> {
      const found = got.find((r) => r.id === id);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no reply for ${String(id)}`)), ms);
        waiters.set(id, (r) => {
          clearTimeout(timer);
          resolve(r);
        });
      });
    },
  };
}

const closed = (ws: WebSocket) => new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));

/** A frame and whether it should be answered (with which id). */
type Frame = { data: string | Uint8Array; id?: number | string };

let nextId = 1;
const jsonish = fc.jsonValue({ maxDepth: 3 });
const frames: fc.Arbitrary<Frame> = fc.oneof(
  fc.string({ maxLength: 200 }).map((s) => ({ data: s })),
  fc.uint8Array({ maxLength: 512 }).map((b) => ({ data: b })),
  jsonish.filter((v) => typeof v !== 'object' || v === null || Array.isArray(v) || !('id' in v)).map((v) => ({ data: JSON.stringify(v) })),
  fc.record({ type: fc.constantFrom('invoke', 'event', 'result', '', 1), channel: fc.oneof(fc.constantFrom(...channelNames), fc.string()), input: jsonish })
    .map((m) => ({ data: JSON.stringify(m) })),
  fc.record({ type: fc.constant('invoke'), channel: fc.oneof(fc.constantFrom(...channelNames), fc.string(), fc.constant(null)), input: jsonish, id: fc.oneof(fc.constant(null), fc.boolean(), fc.array(fc.integer(), { maxLength: 2 }), fc.dictionary(fc.string(), fc.integer(), { maxKeys: 2 })) })
    .map((m) => ({ data: JSON.stringify(m) })),
  fc.tuple(fc.oneof(fc.constantFrom(...channelNames), fc.string()), jsonish, fc.boolean()).map(([channel, input, stringId]) => {
    const id = stringId ? `s-${nextId++}` : nextId++;
    return { data: JSON.stringify({ type: 'invoke', id, channel, input }), id };
  }),
  fc.constantFrom<Frame>(
    { data: '{"__proto__":{"polluted":true},"id":"proto-1","channel":"app:ping","input":{"message":"x"}}', id: 'proto-1' },
    { data: '{"id":"proto-2","channel":"__proto__","input":{}}', id: 'proto-2' },
    { data: '{"id":"proto-3","channel":"constructor","input":{"__proto__":{"polluted":true}}}', id: 'proto-3' },
    { data: 'null' }, { data: '[]' }, { data: '""' }, { data: '{' }, { data: 'NaN' }, { data: '\u0000' }, { data: '' },
  ),
);

describe('WebSocket bridge framing', () => {
  it('answers exactly the frames that carry an id, never with an internal error', async () => {
    const ws = await signedInWs(hh);
    expect(ws).not.toBeNull();
    const r = replies(ws!);
    const expected: (number | string)[] = [];
    const sample = fc.sample(frames, { numRuns: RUNS, seed: SEED });
    for (const frame of sample) {
      ws!.send(frame.data);
      if (frame.id !== undefined) expected.push(frame.id);
    }
    ws!.send(JSON.stringify({ type: 'invoke', id: 'sentinel', channel: 'app:ping', input: { message: 'still here' } }));
    await r.waitFor('sentinel');
    await Promise.all(expected.map((id) => r.waitFor(id)));
    const allowed = new Set<unknown>([...expected, 'sentinel']);
    // Events are pushed to every client by design (a valid fuzzed call may change settings or the library).
    const stray = r.got.filter((reply) => (reply as { type?: unknown }).type !== 'event' && !allowed.has(reply.id));
    expect(stray).toEqual([]);
    for (const reply of r.got.filter((x) => (x as { type?: unknown }).type !== 'event')) {
      expect(reply.type).toBe('result');
      if (!reply.envelope.ok) expect(reply.envelope.error.kind, JSON.stringify(reply.envelope.error)).not.toBe('internal');
    }
    expect(prototypeIsClean()).toBe(true);
    ws!.close();
  }, 120_000);

  it('answers a frame just at the frame limit with a validation envelope', async () => {
    const ws = await signedInWs(hh);
    const r = replies(ws!);
    const head = '{"type":"invoke","id":"big","channel":"app:ping","input":{"message":"';
    const tail = '"}}';
    const frame = head + 'x'.repeat(MAX_PAYLOAD - head.length - tail.length) + tail;
    expect(Buffer.byteLength(frame)).toBe(MAX_PAYLOAD);
    ws!.send(frame);
    const reply = await r.waitFor('big', 30_000);
    expect(reply.envelope).toMatchObject({ ok: false, error: { kind: 'validation' } });
    ws!.close();
  }, 60_000);

  it('answers a million-deep input and 200,000 stray keys briefly', async () => {
    const ws = await signedInWs(hh);
    const r = replies(ws!);
    sendChunked(ws!, 'deep', `{"type":"invoke","id":"deep","channel":"app:ping","input":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`);
    const keys = Array.from({ length: 200_000 }, (_, i) => `"k${i}":${i}`).join(',');
    sendChunked(ws!, 'keys', `{"type":"invoke","id":"keys","channel":"app:ping","input":{"message":"x",${keys}}}`);
    expect((await r.waitFor('deep')).envelope).toMatchObject({ ok: false, error: { kind: 'validation' } });
    const reply = await r.waitFor('keys');
    expect(reply.envelope).toMatchObject({ ok: false, error: { kind: 'validation' } });
    expect(JSON.stringify(reply).length).toBeLessThan(2_000);
    ws!.close();
  }, 60_000);

  it('closes a socket that sends a frame over the limit (1009) and keeps serving new ones', async () => {
    const ws = await signedInWs(hh);
    const code = closed(ws!);
    ws!.send(Buffer.alloc(MAX_PAYLOAD + 1, 0x61));
    expect(await code).toBe(1009);
    const again = await signedInWs(hh);
    const r = replies(again!);
    again!.send(JSON.stringify({ type: 'invoke', id: 7, channel: 'app:ping', input: { message: 'alive' } }));
    expect((await r.waitFor(7)).envelope).toMatchObject({ ok: true, value: { message: 'alive' } });
    again!.close();
  }, 60_000);

  it('answers a 40 MiB call sent in chunks, and closes sockets whose chunks break the rules (1009)', async () => {
    const ws = await signedInWs(hh);
    const r = replies(ws!);
    const frames = invokeFrames('chunked', 'app:ping', { message: 'x'.repeat(40 * 1024 * 1024) });
    expect(frames.length).toBeGreaterThan(100);
    for (const frame of frames) ws!.send(frame);
    expect((await r.waitFor('chunked', 30_000)).envelope).toMatchObject({ ok: false, error: { kind: 'validation' } });
    ws!.close();
    const attempts: ((w: WebSocket) => void)[] = [
      (w) => w.send(JSON.stringify({ type: 'chunked', id: 1, bytes: DEFAULT_BRIDGE_LIMITS.maxCallBytes + 1 })),
      (w) => w.send(JSON.stringify({ type: 'chunked', id: 1, bytes: -5 })),
      (w) => {
        w.send(JSON.stringify({ type: 'chunked', id: 1, bytes: CHUNK_BYTES * 2 }));
        w.send(JSON.stringify({ type: 'invoke', id: 2, channel: 'app:ping', input: { message: 'in the middle' } }));
      },
      (w) => {
        w.send(JSON.stringify({ type: 'chunked', id: 1, bytes: 10 }));
        w.send(Buffer.alloc(11, 0x61));
      },
    ];
    for (const attempt of attempts) {
      const bad = await signedInWs(hh);
      const code = closed(bad!);
      attempt(bad!);
      expect(await code).toBe(1009);
    }
    const again = await signedInWs(hh);
    const r2 = replies(again!);
    again!.send(JSON.stringify({ type: 'invoke', id: 8, channel: 'app:ping', input: { message: 'alive' } }));
    expect((await r2.waitFor(8)).envelope).toMatchObject({ ok: true, value: { message: 'alive' } });
    again!.close();
  }, 120_000);

  it('keeps answering while many sockets open, spam and drop', async () => {
    const sockets = await Promise.all(Array.from({ length: 20 }, () => signedInWs(hh)));
    for (const ws of sockets) {
      for (let i = 0; i < 50; i++) ws!.send(`{"id":${i},"channel":"library:query","input":{"filter":{"text":"\\"${i}"}}}`);
      ws!.terminate();
    }
    const ws = await signedInWs(hh);
    const r = replies(ws!);
    ws!.send(JSON.stringify({ type: 'invoke', id: 'after', channel: 'app:info', input: {} }));
    expect((await r.waitFor('after')).envelope.ok).toBe(true);
    ws!.close();
  }, 60_000);
});

describe('afterwards', () => {
  it('logged no internal error (no 500, no failed handler)', () => {
    expect(hh.errors).toEqual([]);
  });
});
