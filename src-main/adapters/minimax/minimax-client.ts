/**
 * `MinimaxApi` over HTTP with global fetch (minimax-api.md §1–§4): Bearer auth, JSON bodies, every answer's
 * `base_resp` checked before `data` is read (business errors arrive as HTTP 200), counts coerced from strings,
 * result URLs downloaded at once without the key, and expired video links resolved again. Retries: 1002 and the
 * transient codes, with back-off, POSTs included (nothing was generated); everything else fails at once.
 */
import { AppErrorException, fail } from '../../core/app-error';
import { RETRYABLE_CODES, mapBaseResp, mapMinimaxHttp } from '../../core/minimax/errors';
import { imageBody, videoBody } from '../../core/minimax/requests';
import type { MinimaxApi, MinimaxTaskPoll } from '../../core/minimax/types';
import type { Clock, Logger } from '../../core/ports';
import { isBeforeSendError, keyMayGoTo, redactSecret, type CallOptions } from '../../core/xai';
import { cancelled, withDeadline } from '../xai/transport';

export interface MinimaxClientOptions {
  /** Default `https://api.minimax.io` (global); `https://api.minimaxi.com` (China) or the simulator's origin. */
  baseUrl?: string;
  getApiKey(): Promise<string | null>;
  clock: Clock;
  fetch?: typeof fetch;
  logger?: Logger;
  maxAttempts?: number;
  timeouts?: { postMs?: number; getMs?: number; downloadMs?: number };
}

interface Json {
  base_resp?: { status_code?: unknown; status_msg?: unknown };
  [k: string]: unknown;
}

export function createMinimaxClient(o: MinimaxClientOptions): MinimaxApi {
  const baseUrl = (o.baseUrl ?? 'https://api.minimax.io').replace(/\/+$/, '');
  const doFetch = o.fetch ?? globalThis.fetch;
  const maxAttempts = o.maxAttempts ?? 3;

  async function once(method: 'GET' | 'POST', path: string, key: string, body: unknown, opts: CallOptions): Promise<{ json: Json; traceId?: string }> {
    if (!keyMayGoTo(new URL(`${baseUrl}${path}`))) fail({ kind: 'internal', message: `The key may not be sent to ${baseUrl}.` });
    const timeoutMs = opts.timeoutMs ?? (method === 'POST' ? o.timeouts?.postMs ?? 180_000 : o.timeouts?.getMs ?? 30_000);
    const headers: Record<string, string> = { authorization: `Bearer ${key}`, ...(method === 'POST' ? { 'content-type': 'application/json' } : {}) };
    const out = await withDeadline(opts.signal, timeoutMs, async (signal) => {
      // Never followed: a redirect must not take the key along (issue 12).
      const res = await doFetch(`${baseUrl}${path}`, { method, headers, signal, redirect: 'manual', ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
      return { status: res.status, traceId: res.headers.get('trace-id') ?? undefined, text: await res.text() };
    });
    if (opts.signal?.aborted) fail(cancelled());
    if (out.timedOut) fail({ kind: 'timeout', message: `MiniMax did not answer within ${Math.round(timeoutMs / 1000)} s.` });
    if (!out.value) {
      const before = isBeforeSendError(out.error);
      throw Object.assign(new AppErrorException({ kind: 'network', message: before ? 'Could not connect to MiniMax. Check your internet connection.' : 'The connection to MiniMax broke before an answer arrived.' }), { retry: before });
    }
    const { status, traceId, text } = out.value;
    const tid = traceId ? { traceId } : {};
    if (status < 200 || status >= 300) {
      throw Object.assign(new AppErrorException(mapMinimaxHttp(status, redactSecret(text, key), traceId)), { retry: status === 429 || (method === 'GET' && status >= 500) });
    }
    let json: Json;
    try {
      json = JSON.parse(text) as Json;
    } catch {
      return fail({ kind: 'api', status, code: 'bad-response', message: `MiniMax sent an unreadable answer (not JSON)${traceId ? ` (Trace-Id ${traceId})` : ''}.` });
    }
    const code = Number(json.base_resp?.status_code ?? 0);
    if (code !== 0) {
      const msg = redactSecret(String(json.base_resp?.status_msg ?? ''), key);
      throw Object.assign(new AppErrorException(mapBaseResp(code, msg, traceId ?? (typeof json.id === 'string' ? json.id : undefined))), { retry: RETRYABLE_CODES.has(code), code, json });
    }
    return { json, ...tid };
  }

  async function send(method: 'GET' | 'POST', path: string, body: unknown, opts: CallOptions = {}): Promise<{ json: Json; traceId?: string }> {
    if (opts.signal?.aborted) fail(cancelled());
    const key = await o.getApiKey();
    if (!key) fail({ kind: 'missing-key', message: 'Add your MiniMax API key in Settings first.' });
    for (let attempt = 1; ; attempt++) {
      try {
        const answer = await once(method, path, key, body, opts);
        o.logger?.info('minimax request', { method, path, attempt, traceId: answer.traceId });
        return answer;
      } catch (err) {
        const retry = (err as { retry?: boolean }).retry === true && attempt < maxAttempts;
        o.logger?.info('minimax request failed', { method, path, attempt, retry });
        if (!retry) throw err;
        await o.clock.sleep(2000 * 2 ** (attempt - 1), opts.signal);
      }
    }
  }

  /** Fetches a result URL without the key (it may live on another host); 403/404 mean the link expired. */
  async function download(url: string, opts: CallOptions): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; status: number }> {
    const timeoutMs = o.timeouts?.downloadMs ?? 300_000;
    const out = await withDeadline(opts.signal, timeoutMs, async (signal) => {
      const res = await doFetch(url, { signal });
      return res.ok ? { ok: true as const, bytes: new Uint8Array(await res.arrayBuffer()) } : { ok: false as const, status: res.status };
    });
    if (out.value) return out.value;
    if (opts.signal?.aborted) fail(cancelled());
    return fail({ kind: out.timedOut ? 'timeout' : 'network', message: 'Downloading the MiniMax result failed.' });
  }

  const api: MinimaxApi = {
    async generateImages(req, opts = {}) {
      const { json, traceId } = await send('POST', '/v1/image_generation', imageBody(req), opts);
      const urls = ((json.data as { image_urls?: unknown } | null)?.image_urls ?? []) as unknown[];
      const meta = (json.metadata ?? {}) as { success_count?: unknown; failed_count?: unknown };
      const withheld = Number(meta.failed_count ?? 0) || 0;
      const tid = traceId ?? (typeof json.id === 'string' ? json.id : undefined);
      if (urls.length === 0) {
        fail({ kind: 'moderated', message: `MiniMax's content filter rejected all images of this request${tid ? ` (Trace-Id ${tid})` : ''}.`, ...(tid ? { requestId: tid } : {}) });
      }
      const images = [];
      for (const url of urls) {
        const got = await download(String(url), opts);
        if (!got.ok) fail({ kind: 'api', status: got.status, message: `The MiniMax image link answered HTTP ${got.status}.` });
        images.push({ bytes: got.bytes, mime: 'image/jpeg' });
      }
      return { images, withheld, ...(tid ? { traceId: tid } : {}) };
    },
    async startVideo(req, opts) {
      const { json, traceId } = await send('POST', '/v1/video_generation', videoBody(req), opts);
      if (typeof json.task_id !== 'string' && typeof json.task_id !== 'number') fail({ kind: 'api', status: 200, code: 'bad-response', message: 'MiniMax sent no task id.' });
      return { taskId: String(json.task_id), ...(traceId ? { traceId } : {}) };
    },
    async pollVideo(taskId, opts): Promise<MinimaxTaskPoll> {
      let answer: { json: Json; traceId?: string };
      try {
        answer = await send('GET', `/v1/query/video_generation?task_id=${encodeURIComponent(taskId)}`, undefined, opts);
      } catch (err) {
        // A Fail that carries its reason in base_resp (1026/1027) is an answer, not a transport failure.
        const failed = (err as { json?: Json }).json;
        if (failed?.status === 'Fail' && err instanceof AppErrorException) {
          const code = (err as { code?: number }).code ?? 0;
          return { status: 'failed', code, message: err.appError.message, filtered: code === 1026 || code === 1027 };
        }
        throw err;
      }
      const { json, traceId } = answer;
      const tid = traceId ? { traceId } : {};
      if (json.status === 'Success') {
        const w = Number(json.video_width);
        const h = Number(json.video_height);
        return { status: 'done', fileId: String(json.file_id), width: Number.isFinite(w) ? w : null, height: Number.isFinite(h) ? h : null, ...tid };
      }
      if (json.status === 'Fail') return { status: 'failed', code: 0, message: `MiniMax could not make this video${traceId ? ` (Trace-Id ${traceId})` : ''}.`, filtered: false, ...tid };
      // Preparing, Queueing, Processing — and any status we do not know yet — mean "still running" (behaviour 22).
      return { status: 'pending', stage: String(json.status ?? 'unknown'), ...tid };
    },
    async retrieveFile(fileId, opts) {
      const { json } = await send('GET', `/v1/files/retrieve?file_id=${encodeURIComponent(fileId)}`, undefined, opts);
      const file = (json.file ?? {}) as { download_url?: unknown; bytes?: unknown };
      if (typeof file.download_url !== 'string') fail({ kind: 'api', status: 200, code: 'bad-response', message: 'MiniMax sent no download URL.' });
      return { url: file.download_url, bytes: typeof file.bytes === 'number' ? file.bytes : null };
    },
    async downloadVideo(fileId, opts = {}) {
      for (let attempt = 1; attempt <= 2; attempt++) {
        const file = await api.retrieveFile(fileId, opts);
        const got = await download(file.url, opts);
        if (got.ok) {
          if (file.bytes !== null && got.bytes.byteLength !== file.bytes) fail({ kind: 'network', message: `The MiniMax video arrived incomplete (${got.bytes.byteLength} of ${file.bytes} bytes).` });
          return got.bytes;
        }
        // An expired link (403/404 from the file host): ask for a fresh one once (behaviour 27).
        if (got.status !== 403 && got.status !== 404) break;
      }
      return fail({ kind: 'not-found', message: 'The MiniMax video file could not be downloaded.' });
    },
  };
  return api;
}
