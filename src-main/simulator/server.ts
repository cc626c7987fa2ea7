/**
 * The local xAI Imagine simulator: a real HTTP server on 127.0.0.1 speaking the documented wire format, used by
 * tests (in-process) and by the app's demo mode. See config.ts for options, trigger words and special keys.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolveOptions, triggersIn, type QueuedFault, type ResolvedOptions, type SimulatorOptions } from './config';
import type { Ctx, DeliveredResponse, RecordedRequest, SimState } from './context';
import { checkAuth, parseJsonBody } from './checks';
import { applyFault, delay, faultForTriggers, takeQueuedFault } from './faults';
import { createFileStore } from './file-store';
import { createFilesState, handleFiles, serveCdn, type FilesState } from './files';
import { GRPC, newRequestId, readBody, send, sendError, sendText } from './http-util';
import { imageEdits, imageGenerations, imagePoll } from './images';
import { chatCompletions } from './chat';
import { modelRoutes } from './models';
import { videoEdits, videoExtensions, videoGenerations, videoPoll } from './videos';
import { createRateWindows } from './rate-limit';
import { XAI_ONLY, allModels } from '@contract';
import { listenOnLoopback } from './listen';

/** A running simulator. */
export interface Simulator {
  /** Origin, e.g. `http://127.0.0.1:43123`; the API base URL is `${url}/v1`. */
  url: string;
  /** Every request received, in order, with parsed bodies (authorization masked). */
  requests: RecordedRequest[];
  /** Every response sent in full, in order (see `DeliveredResponse`). */
  delivered: DeliveredResponse[];
  /** Live state (video jobs, deferred images) for tests that need to poke at it. */
  state: SimState;
  /** Uploaded files and their public URLs (the Files API). */
  files: FilesState;
  /** Effective options; mutable, so a test can change latency or keys on a running simulator. */
  config: ResolvedOptions;
  /** Queues a fault for the next matching request(s). */
  injectFault(fault: QueuedFault): void;
  /** Forgets recorded requests (not jobs). */
  clearRequests(): void;
  close(): Promise<void>;
}

const POST_ROUTES: Record<string, (ctx: Ctx) => Promise<void>> = {
  '/v1/images/generations': imageGenerations,
  '/v1/images/edits': imageEdits,
  '/v1/videos/generations': videoGenerations,
  '/v1/videos/edits': videoEdits,
  '/v1/videos/extensions': videoExtensions,
  '/v1/chat/completions': chatCompletions,
};
const GET_ROUTES = ['/v1/image-generation-models', '/v1/video-generation-models', '/v1/models'];

function maskHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    const value = Array.isArray(v) ? v.join(', ') : (v ?? '');
    out[k] = k === 'authorization' ? value.replace(/^(Bearer\s+)(\S{2})\S*(\S{2})$/i, '$1$2***$3') : value;
  }
  return out;
}

/** Starts the simulator; resolves once it is listening. */
export async function startSimulator(options: SimulatorOptions = {}): Promise<Simulator> {
  const config = resolveOptions(options);
  const state: SimState = { requests: [], delivered: [], faults: [], videos: new Map(), deferredImages: new Map(), seenPrompts: new Set() };
  const store = createFileStore(() => config.now());
  const files = createFilesState();
  const rateWindows = createRateWindows(() => config.now());
  /** The model a POST counts against: the one that serves it (a retired slug, its successor). */
  const servingModel = (body: Record<string, unknown>): string | undefined => {
    const asked = typeof body.model === 'string' ? body.model : undefined;
    const spec = allModels(config.capabilities, XAI_ONLY).find((m) => m.id === asked || m.aliases.includes(asked ?? ''));
    return spec?.retired?.successor ?? spec?.id ?? asked;
  };
  let baseUrl = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('x-request-id', newRequestId());
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const rawBuf = await readBody(req);
    const raw = rawBuf.toString('utf8');
    let parsed: unknown;
    try {
      parsed = raw ? JSON.parse(raw) : undefined;
    } catch {
      parsed = undefined;
    }
    const recorded: RecordedRequest = { method, path, headers: maskHeaders(req), body: parsed, rawBody: raw, receivedAt: config.now() };
    state.requests.push(recorded);
    res.once('finish', () => {
      const length = Number(res.getHeader('content-length'));
      state.delivered.push({
        method, path, status: res.statusCode, requestId: String(res.getHeader('x-request-id') ?? ''),
        bytes: Number.isFinite(length) ? length : null, at: config.now(), request: recorded,
      });
    });

    if (path.startsWith('/files/') && (method === 'GET' || method === 'HEAD')) {
      if (!store.serve(req, res, path)) sendText(res, 404, 'Not found');
      return;
    }
    if (path.startsWith('/cdn/') && (method === 'GET' || method === 'HEAD')) {
      if (!serveCdn({ res, method, path, opts: config, state: files })) send(res, 404, 'Not found');
      return;
    }
    if (path.startsWith('/v1/files')) {
      if (config.latencyMs > 0) await delay(config.latencyMs);
      const queued = takeQueuedFault(state.faults, method, path);
      if (queued && (await applyFault(queued, res))) return;
      await handleFiles({ req, res, method, path, query: url.searchParams, raw: rawBuf, baseUrl, opts: config, state: files });
      return;
    }
    const ctx: Ctx = { req, res, method, path, body: {}, baseUrl, opts: config, store, state, triggers: new Set() };
    const post = POST_ROUTES[path];
    const isGet = GET_ROUTES.includes(path) || /^\/v1\/(videos|images)\/[^/]+$/.test(path) || /^\/v1\/(image|video)-generation-models\/[^/]+$/.test(path);
    if (!post && !isGet) return sendError(res, 404, GRPC.notFound, `No route for ${method} ${path}`);
    if ((post && method !== 'POST') || (!post && method !== 'GET')) {
      res.setHeader('allow', post ? 'POST' : 'GET');
      return sendText(res, 405, 'Method Not Allowed');
    }
    if (config.latencyMs > 0) await delay(config.latencyMs);
    const queued = takeQueuedFault(state.faults, method, path);
    if (queued && (await applyFault(queued, res))) return;
    if (queued) ctx.bodyFault = queued;

    if (post) {
      const body = parseJsonBody(req, res, path, raw);
      if (!body) return;
      ctx.body = body;
    }
    if (!checkAuth(req, res, config)) return;
    if (post) {
      const model = servingModel(ctx.body);
      if (model && config.rps && !rateWindows.admit(model, config.rps(model))) {
        // No Retry-After: none is documented for Imagine 429s (updates §4, §7 Q10).
        return sendError(res, 429, GRPC.exhausted, `Too many requests: rate limit exceeded for ${model}. Please slow down.`);
      }
      const prompt = typeof ctx.body.prompt === 'string' ? ctx.body.prompt : '';
      ctx.triggers = triggersIn(prompt);
      const fault = faultForTriggers(ctx.triggers, state.seenPrompts.has(prompt), config);
      state.seenPrompts.add(prompt);
      if (fault && (await applyFault(fault, res))) return;
      if (ctx.triggers.has('TRUNCATED')) ctx.bodyFault = { type: 'truncated' };
      if (ctx.triggers.has('NOT_JSON')) ctx.bodyFault = { type: 'not-json' };
      return post(ctx);
    }
    if (modelRoutes(ctx)) return;
    const poll = /^\/v1\/(videos|images)\/([^/]+)$/.exec(path);
    const id = decodeURIComponent(poll?.[2] ?? '');
    return poll?.[1] === 'videos' ? videoPoll(ctx, id) : imagePoll(ctx, id);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      sendError(res, 500, GRPC.internal, `Simulator error: ${(err as Error).message}`);
    });
  });
  const listening = await listenOnLoopback(server, config.port);
  baseUrl = listening.url;

  return {
    url: baseUrl,
    requests: state.requests,
    delivered: state.delivered,
    state,
    files,
    config,
    injectFault: (f) => state.faults.push({ ...f }),
    clearRequests: () => {
      state.requests.splice(0);
      state.delivered.splice(0);
    },
    close: () =>
      new Promise<void>((resolve) => {
        // Hanging (HANG) requests would keep close() waiting forever: drop every socket.
        listening.destroySockets();
        server.close(() => resolve());
      }),
  };
}

export type { SimulatorOptions, QueuedFault, Fault } from './config';
export { TRIGGER_WORDS } from './config';
export type { DeliveredResponse, RecordedRequest } from './context';
