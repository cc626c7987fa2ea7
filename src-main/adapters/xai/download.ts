/**
 * Downloads a temporary result URL to bytes. No API key is sent: result URLs are pre-signed and may live on another
 * host, and the key must never leave for a host we did not choose. A connection that breaks mid-body is resumed with
 * `Range: bytes=N-` when the server advertised `Accept-Ranges: bytes`, so a 30 MB video does not restart from zero.
 */
import { AppErrorException, fail } from '../../core/app-error';
import { DEFAULT_RETRY_POLICY, decideRetry, isBeforeSendError, mapHttpError, type Download, type DownloadOptions, type RetryPolicy } from '../../core/xai';
import { cancelled, withDeadline, type TransportOptions } from './transport';

const DEFAULT_MAX_BYTES = 512 * 1024 * 1024;

type Chunked = { bytes: Uint8Array[]; length: number };

/** Reads a body into `into`; returns an error instead of throwing so the caller can resume. */
async function readInto(body: ReadableStream<Uint8Array>, into: Chunked, maxBytes: number): Promise<unknown> {
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return undefined;
      into.bytes.push(value);
      into.length += value.byteLength;
      if (into.length > maxBytes) fail({ kind: 'storage', message: 'The download is larger than allowed.' });
    }
  } catch (err) {
    if (err instanceof AppErrorException) throw err;
    return err ?? new Error('read failed');
  }
}

function concat(c: Chunked): Uint8Array {
  const out = new Uint8Array(c.length);
  let at = 0;
  for (const b of c.bytes) {
    out.set(b, at);
    at += b.byteLength;
  }
  return out;
}

export function createDownloader(options: Pick<TransportOptions, 'clock' | 'fetch' | 'retry' | 'timeouts'>) {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const doFetch = options.fetch ?? globalThis.fetch;

  return async function download(url: string, o: DownloadOptions = {}): Promise<Download> {
    const got: Chunked = { bytes: [], length: 0 };
    const maxBytes = o.maxBytes ?? DEFAULT_MAX_BYTES;
    const timeoutMs = o.timeoutMs ?? options.timeouts?.downloadMs ?? 300_000;
    let resumes = 0;
    let mime: string | null = null;
    for (let attempt = 1; ; attempt++) {
      const resuming = got.length > 0;
      const out = await withDeadline(o.signal, timeoutMs, async (signal) => {
        const res = await doFetch(url, { signal, headers: resuming ? { range: `bytes=${got.length}-` } : {} });
        // The break came after the last byte but before the end of the body was seen: the server answers our
        // `bytes=N-` with 416 and `Content-Range: bytes */N`. We already have the whole file.
        if (resuming && res.status === 416 && /^bytes \*\/(\d+)$/.exec(res.headers.get('content-range') ?? '')?.[1] === String(got.length)) {
          await res.body?.cancel().catch(() => {});
          return { readError: undefined, canResume: true };
        }
        if (!res.ok) {
          const text = await res.text().catch(() => '');
          if (res.status === 404 || res.status === 410) fail({ kind: 'not-found', message: 'The result link has expired; xAI keeps results only for a limited time.' });
          fail(mapHttpError({ status: res.status, bodyText: text, nowMs: options.clock.now(), retryAfter: res.headers.get('retry-after') }));
        }
        // A server that ignored our Range sends the whole file again: start over rather than splice garbage.
        if (resuming && res.status !== 206) {
          got.bytes = [];
          got.length = 0;
        }
        mime ??= res.headers.get('content-type');
        const canResume = /bytes/i.test(res.headers.get('accept-ranges') ?? '') || res.status === 206;
        const readError = res.body ? await readInto(res.body, got, maxBytes) : undefined;
        return { readError, canResume };
      });
      if (o.signal?.aborted) fail(cancelled());
      if (out.timedOut) fail({ kind: 'timeout', message: 'The download took too long.' });
      if (out.error instanceof AppErrorException) {
        const status = (out.error.appError as { status?: number }).status;
        const decision = status && status >= 500 ? decideRetry({ method: 'GET', attempt, failure: { type: 'status', status }, policy }) : null;
        if (!decision?.retry) throw out.error;
        await options.clock.sleep(decision.delayMs, o.signal);
        continue;
      }
      if (out.value && !out.value.readError) return { bytes: concat(got), mime, resumes };
      const failure = { type: 'network' as const, beforeSend: out.value ? false : isBeforeSendError(out.error) };
      // A GET is safe to repeat; resume only if the server supports ranges, else restart from scratch.
      const decision = decideRetry({ method: 'GET', attempt, failure, policy });
      if (!decision.retry) fail({ kind: 'network', message: 'The download was interrupted.' });
      if (out.value?.canResume && got.length > 0) resumes++;
      else {
        got.bytes = [];
        got.length = 0;
      }
      await options.clock.sleep(decision.delayMs, o.signal);
    }
  };
}
