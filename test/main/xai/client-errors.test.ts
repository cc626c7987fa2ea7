/** Client unit tests over a scripted fetch: every error mapping and the retry rules, on a fake clock. */
import { describe, expect, it } from 'vitest';
import { AppErrorException } from '../../../src-main/core/app-error';
import { createXaiImagineClient } from '../../../src-main/adapters/xai';
import { TEST_KEY, fakeClock } from '../simulator/helpers';

type Step = Response | Error | ((init: RequestInit) => Promise<Response>);

/** A fetch that plays `steps` in order and records what it was asked. */
function scriptedFetch(steps: Step[]) {
  const calls: { url: string; init: RequestInit }[] = [];
  const fn = (async (url: string, init: RequestInit) => {
    calls.push({ url, init });
    const step = steps.shift();
    if (!step) throw new Error('no more scripted responses');
    if (step instanceof Error) throw step;
    if (typeof step === 'function') return step(init);
    return step;
  }) as unknown as typeof fetch;
  return { fn, calls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(typeof body === 'string' ? body : JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-request-id': 'req-123', ...headers } });
const ok = () => json(200, { data: [{ url: 'https://imgen.x.ai/a.jpg', mime_type: 'image/jpeg', revised_prompt: '' }], usage: { cost_in_usd_ticks: 200_000_000 } });
const netError = (code: string) => Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error(code), { code }) });

function client(steps: Step[], key: string | null = TEST_KEY) {
  const f = scriptedFetch(steps);
  const clock = fakeClock();
  const api = createXaiImagineClient({ baseUrl: 'https://api.test/v1', getApiKey: async () => key, clock, fetch: f.fn, retry: { maxAttempts: 3 } });
  return { api, clock, calls: f.calls };
}

async function errorOf(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppErrorException);
    const e = (err as AppErrorException).appError;
    expect(JSON.stringify(e)).not.toContain(TEST_KEY);
    expect((err as Error).message).not.toContain(TEST_KEY);
    return e;
  }
  throw new Error('expected a failure');
}

const gen = { prompt: 'a fox' };

describe('client error mapping', () => {
  it('no key → missing-key and nothing is sent', async () => {
    const { api, calls } = client([], null);
    expect((await errorOf(api.generateImages(gen))).kind).toBe('missing-key');
    expect(calls).toHaveLength(0);
  });

  it('sends Bearer auth and JSON', async () => {
    const { api, calls } = client([ok()]);
    await api.generateImages(gen);
    const headers = calls[0]?.init.headers as Record<string, string>;
    expect(headers.authorization).toBe(`Bearer ${TEST_KEY}`);
    expect(headers['content-type']).toBe('application/json');
    expect(calls[0]?.url).toBe('https://api.test/v1/images/generations');
  });

  it('§13.22 400 "Incorrect API key" {code,error} → unauthorized with request id', async () => {
    const { api } = client([json(400, { code: 'Client specified an invalid argument', error: 'Incorrect API key provided: xa***ef. You can obtain an API key from https://console.x.ai.' })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'unauthorized', requestId: 'req-123', message: expect.stringContaining('Incorrect API key') });
  });

  it('§13.21 401 → unauthorized', async () => {
    const { api } = client([json(401, { code: 'The request does not have valid authentication credentials', error: 'Missing' })]);
    expect((await errorOf(api.generateImages(gen))).kind).toBe('unauthorized');
  });

  it('§13.23 403 → forbidden (no credits)', async () => {
    const { api } = client([json(403, { code: 'The caller does not have permission', error: "doesn't have any credits or licenses" })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'forbidden', message: expect.stringContaining('credits') });
  });

  it('§13.20 unknown model 404 on POST → api with status 404 (a configuration problem)', async () => {
    const { api } = client([json(404, { code: 'Some requested entity was not found', error: 'The model x does not exist' })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'api', status: 404, code: 'Some requested entity was not found' });
  });

  it('§13.56 404 on a poll → not-found', async () => {
    const { api } = client([json(404, { code: 'x', error: 'not found' })]);
    expect((await errorOf(api.getVideo('abc'))).kind).toBe('not-found');
  });

  it.each([405, 415, 422])('%s → api with the plain-text message', async (status) => {
    const { api } = client([new Response('Failed to deserialize the JSON body into the target type: missing field `prompt`', { status })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'api', status, message: expect.stringContaining('missing field') });
  });

  it('§13.9 {code:"400",error} → api with code and message', async () => {
    const { api } = client([json(400, { code: '400', error: 'Argument not supported: size' })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'api', status: 400, code: '400', message: expect.stringContaining('Argument not supported: size') });
  });

  it('OpenAI-style {error:{message,code}} is understood', async () => {
    const { api } = client([json(400, { error: { message: 'Bad thing', code: 'bad' } })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'api', code: 'bad', message: expect.stringContaining('Bad thing') });
  });

  it('an HTML error page becomes its title', async () => {
    const { api } = client([new Response('<html><head><title>502 Bad Gateway</title></head><body>x</body></html>', { status: 502 })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'api', status: 502, message: expect.stringContaining('502 Bad Gateway') });
  });

  it('a 200 that is not JSON → api bad-response, not retried', async () => {
    const { api, calls } = client([new Response('{"data": [', { status: 200, headers: { 'x-request-id': 'r9' } })]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'api', code: 'bad-response', requestId: 'r9' });
    expect(calls).toHaveLength(1);
  });

  it('a key echoed by a proxy is redacted from the message', async () => {
    const { api } = client([json(500, { error: `upstream said key=${TEST_KEY}` })]);
    const e = await errorOf(api.generateImages(gen));
    expect(e.message).toContain('[redacted key]');
  });

  it('aborting → cancelled', async () => {
    const ctrl = new AbortController();
    const hang = (init: RequestInit) => new Promise<Response>((_, reject) => {
      if (init.signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
      init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    });
    const { api } = client([hang]);
    const p = api.generateImages(gen, { signal: ctrl.signal });
    ctrl.abort();
    expect((await errorOf(p)).kind).toBe('cancelled');
  });

  it('a per-call timeout → timeout, and a timed-out POST is not retried', async () => {
    const { api, calls } = client([(init) => new Promise((_, reject) => init.signal?.addEventListener('abort', () => reject(new Error('aborted'))))]);
    expect((await errorOf(api.generateImages(gen, { timeoutMs: 20 }))).kind).toBe('timeout');
    expect(calls).toHaveLength(1);
  });
});

describe('client retry rules (fake clock)', () => {
  it('§13.24 429 with Retry-After seconds is retried after that delay, even for a POST', async () => {
    const { api, clock, calls } = client([json(429, { error: 'slow down' }, { 'retry-after': '7' }), ok()]);
    const res = await api.generateImages(gen);
    expect(res.items[0]?.ok).toBe(true);
    expect(calls).toHaveLength(2);
    expect(clock.sleeps).toEqual([7000]);
  });

  it('429 with an HTTP-date Retry-After waits until that date', async () => {
    const clock0 = fakeClock();
    const date = new Date(clock0.now() + 4000).toUTCString();
    const { api, clock } = client([json(429, { error: 'x' }, { 'retry-after': date }), ok()]);
    await api.generateImages(gen);
    expect(clock.sleeps[0]).toBeGreaterThan(2000);
    expect(clock.sleeps[0]).toBeLessThanOrEqual(4000);
  });

  it('429 on every attempt → rate-limited with retryAfterMs after maxAttempts', async () => {
    const r429 = () => json(429, { error: 'x' }, { 'retry-after': '2' });
    const { api, calls } = client([r429(), r429(), r429()]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'rate-limited', retryAfterMs: 2000, requestId: 'req-123' });
    expect(calls).toHaveLength(3);
  });

  it('a Retry-After beyond the cap is not waited for', async () => {
    const { api, calls } = client([json(429, { error: 'x' }, { 'retry-after': '3600' })]);
    expect((await errorOf(api.generateImages(gen))).kind).toBe('rate-limited');
    expect(calls).toHaveLength(1);
  });

  it.each([500, 502, 503, 529])('a billed POST is never retried on %s', async (status) => {
    const { api, calls, clock } = client([json(status, { code: 'Internal error', error: 'boom' }), ok()]);
    expect(await errorOf(api.generateImages(gen))).toMatchObject({ kind: 'api', status });
    expect(calls).toHaveLength(1);
    expect(clock.sleeps).toEqual([]);
  });

  it('a POST whose connection reset after sending is never retried → network', async () => {
    const { api, calls } = client([netError('ECONNRESET'), ok()]);
    expect((await errorOf(api.startVideo({ prompt: 'x' }))).kind).toBe('network');
    expect(calls).toHaveLength(1);
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'])('a POST that never connected (%s) is retried with backoff', async (code) => {
    const { api, calls, clock } = client([netError(code), netError(code), ok()]);
    expect((await api.generateImages(gen)).items).toHaveLength(1);
    expect(calls).toHaveLength(3);
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('a GET poll is retried on 503 and on a reset', async () => {
    const done = json(200, { status: 'done', video: { url: 'https://v/a.mp4', duration: 2, respect_moderation: true }, usage: { cost_in_usd_ticks: 1 } });
    const { api, calls } = client([json(503, { error: 'x' }), netError('ECONNRESET'), done]);
    expect((await api.getVideo('abc')).status).toBe('done');
    expect(calls).toHaveLength(3);
  });

  it('a GET poll is not retried on 4xx', async () => {
    const { api, calls } = client([json(400, { error: 'bad id' }), json(200, {})]);
    expect((await errorOf(api.getVideo('abc'))).kind).toBe('api');
    expect(calls).toHaveLength(1);
  });

  it('aborting during a back-off sleep → cancelled', async () => {
    const ctrl = new AbortController();
    const f = scriptedFetch([json(429, { error: 'x' }, { 'retry-after': '1' })]);
    const api = createXaiImagineClient({
      getApiKey: async () => TEST_KEY, fetch: f.fn,
      clock: { now: () => 0, sleep: async () => { ctrl.abort(); throw new Error('aborted'); } },
    });
    expect((await errorOf(api.generateImages(gen, { signal: ctrl.signal }))).kind).toBe('cancelled');
  });
});
