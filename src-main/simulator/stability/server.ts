/**
 * The local Stability AI simulator: a real HTTP server on 127.0.0.1 speaking Stability's v2beta Stable Image and v1
 * account API as /work/shared/stability-api.md describes it, in the validation order of its §10: path (404) and
 * method (405) → auth (401) → rate limit (429) → size (413) → multipart content type (400) → field rules (400,
 * naming the field) → language (422) → hooks → credits (402) → success. Every answer carries `x-request-id`.
 */
import { randomInt } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { delay } from '../faults';
import { newRequestId, readBody, send } from '../http-util';
import { classifyKey, hooksIn, resolveStabilityOptions, type ResolvedStabilityOptions, type StabilitySimulatorOptions } from './config';
import { MESSAGES, errorId, sendV1Error, sendV2Error } from './errors';
import { readFields, textsOf, type Values } from './fields';
import { OPERATIONS, PROMPT_FIELDS, looksNonEnglish } from './operations';
import { RENDER, encode, type OutputFormat } from './render';
import { createResultStore, type Asset } from './results';
import { listenOnLoopback } from '../listen';

/** A request as received (authorization masked; file parts summarised). */
export interface StabilityRecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Multipart fields: text values, or `{filename, type, size}` for files. Empty for GETs and unparsed bodies. */
  fields: Record<string, string | { filename: string; type: string; size: number }>;
  /** The answer's status and `x-request-id`, once it has been handed to the socket in full (what was delivered). */
  status?: number;
  requestId?: string;
  receivedAt: number;
  answeredAt?: number;
}

export interface StabilitySimulator {
  /** Origin, e.g. `http://127.0.0.1:43123`: the client's base URL (it replaces `https://api.stability.ai`). */
  url: string;
  requests: StabilityRecordedRequest[];
  config: ResolvedStabilityOptions;
  /** Credits left for a key (a new key starts with `startingCredits`). */
  balance(key: string): number;
  /** Pending and finished async results. */
  results: ReturnType<typeof createResultStore>['results'];
  close(): Promise<void>;
}

const MAX_BODY = 10 * 1024 * 1024;
const OP_PREFIX = '/v2beta/stable-image/';
const RESULT_PATHS = [/^\/v2beta\/results\/([^/]+)$/, /^\/v2beta\/stable-image\/upscale\/creative\/result\/([^/]+)$/];
const V1_GET = ['/v1/user/balance', '/v1/user/account'];

function masked(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    const value = Array.isArray(v) ? v.join(', ') : (v ?? '');
    out[k] = k === 'authorization' ? value.replace(/^(Bearer\s+)?(\S{3})\S*(\S{2})$/i, '$1$2***$3') : value;
  }
  return out;
}

/** Starts the simulator; resolves once it is listening. */
export async function startStabilitySimulator(options: StabilitySimulatorOptions = {}): Promise<StabilitySimulator> {
  const config = resolveStabilityOptions(options);
  const requests: StabilityRecordedRequest[] = [];
  const credits = new Map<string, number>();
  const windows = new Map<string, { hits: number[]; blockedUntil: number }>();
  const store = createResultStore({ now: () => config.now(), pendingPolls: () => config.pendingPolls, ttlMs: () => config.resultTtlMs });

  const balance = (key: string) => credits.get(key) ?? (key.startsWith('sk-nocredit') ? 0 : config.startingCredits);

  /** Counts a request against the key's window; false when the key is (or now becomes) timed out. */
  function admit(key: string): boolean {
    const t = config.now();
    const w = windows.get(key) ?? { hits: [], blockedUntil: 0 };
    windows.set(key, w);
    if (t < w.blockedUntil) return false;
    w.hits = w.hits.filter((at) => t - at < config.rateLimit.windowMs);
    if (w.hits.length >= config.rateLimit.requests) {
      w.blockedUntil = t + config.rateLimit.timeoutMs;
      return false;
    }
    w.hits.push(t);
    return true;
  }

  function sendAsset(res: ServerResponse, accept: string, a: Asset): void {
    if (/application\/json/i.test(accept)) {
      send(res, 200, JSON.stringify({ image: a.bytes.toString('base64'), seed: a.seed, finish_reason: a.finishReason }), { 'content-type': `application/json; type=${a.mime}` });
    } else {
      send(res, 200, a.bytes, { 'content-type': a.mime, 'finish-reason': a.finishReason, seed: String(a.seed) });
    }
  }

  async function operation(req: IncomingMessage, res: ServerResponse, rec: StabilityRecordedRequest, op: string, key: string, body: Buffer): Promise<void> {
    const spec = OPERATIONS[op];
    if (!spec) return;
    if (body.byteLength > MAX_BODY) return sendV2Error(res, 413, 'payload_too_large', [MESSAGES.tooLarge]);
    const type = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data;.*boundary=/i.test(type)) {
      return sendV2Error(res, 400, 'bad_request', ['content-type: must be multipart/form-data with a boundary']);
    }
    let form: FormData;
    try {
      form = await new Response(new Uint8Array(body), { headers: { 'content-type': type } }).formData();
    } catch {
      return sendV2Error(res, 400, 'bad_request', ['body: could not be parsed as multipart/form-data']);
    }
    for (const [name, value] of form.entries()) {
      rec.fields[name] = typeof value === 'string' ? value : { filename: value.name, type: value.type, size: value.size };
    }
    const v = await readFields(form, spec.fields);
    if (typeof v === 'string') return sendV2Error(res, 400, 'bad_request', [v]);
    const crossField = spec.check?.(v);
    if (crossField) return sendV2Error(res, 400, 'bad_request', [crossField]);
    if (PROMPT_FIELDS.some((f) => looksNonEnglish(v.text[f] ?? ''))) return sendV2Error(res, 422, 'invalid_language', [MESSAGES.language]);
    const hooks = hooksIn(textsOf(form));
    if (hooks.has('FLAGGED')) return sendV2Error(res, 403, 'content_moderation', [MESSAGES.moderation]);
    if (hooks.has('PUBLIC_FIGURE')) return sendV2Error(res, 422, 'public_figure', [MESSAGES.publicFigure]);
    if (hooks.has('FAIL500')) return sendV2Error(res, 500, 'internal_error', [MESSAGES.internal]);
    const price = spec.credits(v);
    if (balance(key) < price) return sendV2Error(res, 402, 'payment_required', [MESSAGES.paymentRequired]);

    const asset = produce(op, v, hooks.has('BLOCKED'));
    if (spec.async) {
      credits.set(key, balance(key) - price);
      send(res, 200, JSON.stringify({ id: store.create(key, op, asset) }), { 'content-type': 'application/json' });
      return;
    }
    const done = await asset;
    // Charged only on success (reference §7); a filtered (blurred) result is charged too [G, Q3].
    credits.set(key, balance(key) - price);
    sendAsset(res, req.headers.accept ?? 'image/*', done);
  }

  async function produce(op: string, v: Values, filtered: boolean): Promise<Asset> {
    const render = RENDER[op];
    if (!render) throw new Error(`no renderer for ${op}`);
    const seed = v.numbers.seed ? v.numbers.seed : randomInt(1, 4_294_967_295);
    const { bytes, mime } = await encode(await render(v), (v.text.output_format ?? 'png') as OutputFormat, filtered);
    return { bytes, mime, seed, finishReason: filtered ? 'CONTENT_FILTERED' : 'SUCCESS' };
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = newRequestId();
    res.setHeader('x-request-id', requestId);
    const method = req.method ?? 'GET';
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const body = await readBody(req, 64 * 1024 * 1024);
    const rec: StabilityRecordedRequest = { method, path, headers: masked(req), fields: {}, receivedAt: config.now() };
    requests.push(rec);
    res.once('finish', () => {
      rec.status = res.statusCode;
      rec.requestId = requestId;
      rec.answeredAt = config.now();
    });
    const v1 = path.startsWith('/v1/');
    const op = path.startsWith(OP_PREFIX) ? path.slice(OP_PREFIX.length) : '';
    const resultId = RESULT_PATHS.map((r) => r.exec(path)?.[1]).find(Boolean);
    const known = OPERATIONS[op] ? 'POST' : resultId || V1_GET.includes(path) ? 'GET' : null;
    if (!known) {
      return v1 ? sendV1Error(res, 404, 'not_found', `No route for ${method} ${path}`) : sendV2Error(res, 404, 'not_found', [`path: no route for ${method} ${path}`]);
    }
    if (method !== known) {
      res.setHeader('allow', known);
      return v1 ? sendV1Error(res, 405, 'method_not_allowed', `Use ${known}`) : sendV2Error(res, 405, 'method_not_allowed', [`method: use ${known}`]);
    }
    if (config.latencyMs > 0) await delay(config.latencyMs);

    const { cls, key } = classifyKey(req.headers.authorization);
    if (cls === 'missing' || cls === 'invalid' || !key) {
      if (!v1) return sendV2Error(res, 401, 'unauthorized', [MESSAGES.unauthorized]);
      // A live v1 401 echoes the key (reference §5); clients must redact it.
      return sendV1Error(res, 401, 'unauthorized', req.headers.authorization
        ? `Incorrect API key provided: ${key ?? req.headers.authorization}. You can find your API key at https://stability.ai.`
        : 'missing authorization header');
    }
    if (!admit(key)) {
      const { requests: n, windowMs, timeoutMs } = config.rateLimit;
      return sendV2Error(res, 429, 'rate_limit_exceeded', [MESSAGES.rateLimit(n, windowMs / 1000, timeoutMs / 1000)]);
    }
    if (path === '/v1/user/balance') return send(res, 200, JSON.stringify({ credits: balance(key) }), { 'content-type': 'application/json' });
    if (path === '/v1/user/account') {
      const org = { id: 'org-simulator', name: 'Simulator', role: 'OWNER', is_default: true };
      return send(res, 200, JSON.stringify({ id: `user-${errorId().slice(0, 12)}`, email: 'simulator@example.invalid', profile_picture: '', organizations: [org] }), { 'content-type': 'application/json' });
    }
    if (resultId) {
      const answer = await store.poll(resultId, key);
      if (answer.state === 'not-found') return sendV2Error(res, 404, 'generation_not_found', [MESSAGES.notFound]);
      if (answer.state === 'in-progress') return send(res, 202, JSON.stringify({ id: resultId, status: 'in-progress' }), { 'content-type': 'application/json' });
      return sendAsset(res, req.headers.accept ?? '*/*', answer.asset);
    }
    return operation(req, res, rec, op, key, body);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendV2Error(res, 500, 'internal_error', [`simulator: ${(err as Error).message}`]));
  });
  const listening = await listenOnLoopback(server, config.port);
  const url = listening.url;
  return {
    url,
    requests,
    config,
    balance,
    results: store.results,
    close: () => new Promise<void>((resolve) => {
      listening.destroySockets();
      server.close(() => resolve());
    }),
  };
}
