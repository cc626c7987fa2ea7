/**
 * `StabilityApi` over HTTP with global fetch (reference §2–§5): multipart bodies built by FormData (fetch adds the
 * boundary; we never set Content-Type), `accept: image/*` with the `finish-reason` and `seed` headers read back,
 * async results polled at most once per 10 s for at most 24 h, a client-side throttle under 150 requests per 10 s
 * that pauses 60 s after a 429, and bounded retries of 500s (Stability charges only for successes). The key goes
 * into the Authorization header only, and any error text is redacted with it.
 */
import { fail, AppErrorException } from '../../core/app-error';
import type { Clock, Logger } from '../../core/ports';
import { createWindowThrottle, type Throttle } from '../../core/providers/throttle';
import { mapStabilityError } from '../../core/stability/errors';
import { IMAGE_LIMITS, toWire, type Part } from '../../core/stability/requests';
import type { StabilityApi, StabilityAsset, StabilityImage, StabilityRequest } from '../../core/stability/types';
import { isBeforeSendError, keyMayGoTo, type CallOptions } from '../../core/xai';
import { cancelled, withDeadline } from '../xai/transport';
import { fitImage } from './fit-image';

export interface StabilityClientOptions {
  /** Default `https://api.stability.ai`; the simulator's origin in demo mode and tests. */
  baseUrl?: string;
  getApiKey(): Promise<string | null>;
  clock: Clock;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Sent as `stability-client-version`. */
  appVersion?: string;
  /** Attempts for a 429 or 500 (default 3). */
  maxAttempts?: number;
  /** Shared throttle (default: 140 requests per 10 s, under the published 150). */
  throttle?: Throttle;
  timeouts?: { postMs?: number; getMs?: number };
}

const POLL_INTERVAL_MS = 10_000;
const RESULT_LIFETIME_MS = 24 * 3_600_000;
const BODY_BUDGET = 9 * 1024 * 1024;

interface Answer {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  requestId?: string;
}

export function createStabilityClient(o: StabilityClientOptions): StabilityApi {
  const baseUrl = (o.baseUrl ?? 'https://api.stability.ai').replace(/\/+$/, '');
  const doFetch = o.fetch ?? globalThis.fetch;
  const throttle = o.throttle ?? createWindowThrottle({ max: 140, windowMs: 10_000, clock: o.clock });
  const maxAttempts = o.maxAttempts ?? 3;

  async function once(method: 'GET' | 'POST', path: string, key: string, accept: string, body: FormData | undefined, opts: CallOptions): Promise<Answer> {
    if (!keyMayGoTo(new URL(`${baseUrl}${path}`))) fail({ kind: 'internal', message: `The key may not be sent to ${baseUrl}.` });
    await throttle.take(opts.signal);
    const headers: Record<string, string> = {
      authorization: `Bearer ${key}`, accept, 'stability-client-id': 'imagine-studio', 'stability-client-version': o.appVersion ?? '0',
    };
    const timeoutMs = opts.timeoutMs ?? (method === 'POST' ? o.timeouts?.postMs ?? 180_000 : o.timeouts?.getMs ?? 30_000);
    const out = await withDeadline(opts.signal, timeoutMs, async (signal) => {
      // Never followed: a redirect must not take the key along (issue 12).
      const res = await doFetch(`${baseUrl}${path}`, { method, headers, signal, redirect: 'manual', ...(body ? { body } : {}) });
      return { status: res.status, headers: res.headers, bytes: new Uint8Array(await res.arrayBuffer()) };
    });
    if (opts.signal?.aborted) fail(cancelled());
    if (out.timedOut) fail({ kind: 'timeout', message: `Stability AI did not answer within ${Math.round(timeoutMs / 1000)} s.` });
    if (!out.value) {
      const before = isBeforeSendError(out.error);
      throw Object.assign(new AppErrorException({ kind: 'network', message: before ? 'Could not connect to Stability AI. Check your internet connection.' : 'The connection to Stability AI broke before an answer arrived.' }), { beforeSend: before });
    }
    const requestId = out.value.headers.get('x-request-id') ?? undefined;
    return { ...out.value, ...(requestId ? { requestId } : {}) };
  }

  /** Sends with the retry rules: 429 (after the 60 s pause) and 500 are retried, as is a connection that never opened. */
  async function send(method: 'GET' | 'POST', path: string, accept: string, form: () => FormData | undefined, opts: CallOptions = {}, isPoll = false): Promise<Answer> {
    if (opts.signal?.aborted) fail(cancelled());
    const key = await o.getApiKey();
    if (!key) fail({ kind: 'missing-key', message: 'Add your Stability AI API key in Settings first.' });
    for (let attempt = 1; ; attempt++) {
      let answer: Answer;
      try {
        answer = await once(method, path, key, accept, form(), opts);
      } catch (err) {
        const retry = (err as { beforeSend?: boolean }).beforeSend === true && attempt < maxAttempts;
        if (!retry) throw err;
        await o.clock.sleep(1000 * 2 ** (attempt - 1), opts.signal);
        continue;
      }
      o.logger?.info('stability request', { method, path, attempt, status: answer.status, requestId: answer.requestId });
      if (answer.status >= 200 && answer.status < 300) return answer;
      const error = mapStabilityError({ status: answer.status, bodyText: new TextDecoder().decode(answer.bytes), key, isPoll, ...(answer.requestId ? { requestId: answer.requestId } : {}) });
      if (answer.status === 429) throttle.pauseUntil(o.clock.now() + 60_000);
      if ((answer.status === 429 || answer.status >= 500) && attempt < maxAttempts) {
        if (answer.status >= 500) await o.clock.sleep(1000 * 2 ** (attempt - 1), opts.signal);
        continue;
      }
      throw new AppErrorException(error);
    }
  }

  async function formOf(req: StabilityRequest): Promise<{ path: string; async: boolean; form: () => FormData }> {
    const wire = toWire(req);
    const images = wire.parts.filter((p): p is [string, StabilityImage] => typeof p[1] !== 'string');
    const share = Math.floor(BODY_BUDGET / Math.max(1, images.length));
    const fitted: Part[] = await Promise.all(wire.parts.map(async ([name, value]): Promise<Part> => (
      typeof value === 'string' ? [name, value] : [name, await fitImage(value, name === 'image' ? IMAGE_LIMITS[req.operation] : { maxPixels: 9_437_184 }, share)]
    )));
    const form = () => {
      const f = new FormData();
      for (const [name, value] of fitted) {
        if (typeof value === 'string') f.append(name, value);
        else f.append(name, new Blob([value.bytes as Uint8Array<ArrayBuffer>], { type: value.mime }), `${name}.${value.mime.split('/')[1] ?? 'png'}`);
      }
      return f;
    };
    return { path: wire.path, async: wire.async, form };
  }

  const asset = (a: Answer): StabilityAsset => {
    const seed = Number(a.headers.get('seed'));
    return {
      bytes: a.bytes, mime: (a.headers.get('content-type') ?? 'image/png').split(';')[0] as string, seed: Number.isFinite(seed) && a.headers.has('seed') ? seed : null,
      filtered: a.headers.get('finish-reason') === 'CONTENT_FILTERED', ...(a.requestId ? { requestId: a.requestId } : {}),
    };
  };

  const api: StabilityApi = {
    async run(req, opts) {
      const { path, async, form } = await formOf(req);
      if (async) fail({ kind: 'internal', message: `${req.operation} is asynchronous: start it and collect the result.` });
      return asset(await send('POST', path, 'image/*', form, opts));
    },
    async start(req, opts) {
      const { path, async, form } = await formOf(req);
      if (!async) fail({ kind: 'internal', message: `${req.operation} is synchronous: run it.` });
      const a = await send('POST', path, 'application/json', form, opts);
      const id = (JSON.parse(new TextDecoder().decode(a.bytes)) as { id?: unknown }).id;
      if (typeof id !== 'string') fail({ kind: 'api', status: a.status, code: 'bad-response', message: 'Stability AI sent no result id.' });
      return { id, ...(a.requestId ? { requestId: a.requestId } : {}) };
    },
    async poll(id, opts) {
      const a = await send('GET', `/v2beta/results/${encodeURIComponent(id)}`, 'image/*', () => undefined, opts, true);
      if (a.status === 202) return { status: 'in-progress', ...(a.requestId ? { requestId: a.requestId } : {}) };
      return { status: 'done', ...asset(a) };
    },
    async waitResult(id, opts) {
      const deadline = o.clock.now() + RESULT_LIFETIME_MS;
      for (;;) {
        const p = await api.poll(id, opts);
        if (p.status === 'done') return p;
        opts?.onPending?.();
        if (o.clock.now() + POLL_INTERVAL_MS > deadline) fail({ kind: 'not-found', message: 'Stability kept this result for 24 hours and it never finished; it is gone.' });
        await o.clock.sleep(POLL_INTERVAL_MS, opts?.signal);
      }
    },
    async balance(opts) {
      const a = await send('GET', '/v1/user/balance', 'application/json', () => undefined, opts);
      const credits = (JSON.parse(new TextDecoder().decode(a.bytes)) as { credits?: unknown }).credits;
      if (typeof credits !== 'number') fail({ kind: 'api', status: a.status, code: 'bad-response', message: 'Stability AI sent an unreadable balance.' });
      return credits;
    },
  };
  return api;
}
