/**
 * The local MiniMax simulator: a real HTTP server on 127.0.0.1 speaking MiniMax's v1 media API as
 * /work/shared/minimax-api.md describes it — Bearer auth, JSON bodies, every business error as HTTP 200 with a
 * `base_resp` code, `Trace-Id` on every answer — for image-01 and Hailuo video (create, poll, file retrieve,
 * download links). Check order: path (404) and method (405) → auth (1004/2049) → rate limit (1002) → JSON (2013)
 * → the operation's own checks.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { delay } from '../faults';
import { readBody, send, sendText } from '../http-util';
import { classifyKey, resolveMinimaxOptions, type MinimaxSimulatorOptions, type ResolvedMinimaxOptions } from './config';
import { sendCode, sendOk, traceId } from './envelope';
import { createMinimaxFiles } from './files';
import { imageGeneration } from './images';
import { createVideoTasks } from './videos';
import { listenOnLoopback } from '../listen';

export interface MinimaxRecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  receivedAt: number;
  /** The answer's HTTP status and `Trace-Id`, once it has been handed to the socket in full (what was delivered). */
  status?: number;
  traceId?: string;
  answeredAt?: number;
}

export interface MinimaxSimulator {
  /** Origin, e.g. `http://127.0.0.1:43123`: the client's base URL (paths start `/v1/`). */
  url: string;
  requests: MinimaxRecordedRequest[];
  config: ResolvedMinimaxOptions;
  tasks: ReturnType<typeof createVideoTasks>['tasks'];
  close(): Promise<void>;
}

const ROUTES: Record<string, 'GET' | 'POST'> = {
  '/v1/image_generation': 'POST',
  '/v1/video_generation': 'POST',
  '/v1/query/video_generation': 'GET',
  '/v1/files/retrieve': 'GET',
  '/v1/files/retrieve_content': 'GET',
};

function masked(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    const value = Array.isArray(v) ? v.join(', ') : (v ?? '');
    out[k] = k === 'authorization' ? value.replace(/^(Bearer\s+)(\S{3})\S*(\S{2})$/i, '$1$2***$3') : value;
  }
  return out;
}

export async function startMinimaxSimulator(options: MinimaxSimulatorOptions = {}): Promise<MinimaxSimulator> {
  const config = resolveMinimaxOptions(options);
  const requests: MinimaxRecordedRequest[] = [];
  const files = createMinimaxFiles(() => config.now());
  const videos = createVideoTasks(config, files);
  const windows = new Map<string, number[]>();
  let baseUrl = '';

  function admit(key: string, path: string): boolean {
    const id = `${key} ${path}`;
    const t = config.now();
    const hits = (windows.get(id) ?? []).filter((at) => t - at < 60_000);
    windows.set(id, hits);
    if (hits.length >= config.requestsPerMinute) return false;
    hits.push(t);
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname;
    const raw = (await readBody(req, 64 * 1024 * 1024)).toString('utf8');
    let body: unknown;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = undefined;
    }
    const rec: MinimaxRecordedRequest = { method, path, query: Object.fromEntries(url.searchParams), headers: masked(req), body, receivedAt: config.now() };
    requests.push(rec);
    res.once('finish', () => {
      rec.status = res.statusCode;
      rec.answeredAt = config.now();
      const trace = res.getHeader('trace-id');
      if (typeof trace === 'string') rec.traceId = trace;
    });
    if (path.startsWith('/dl/') && method === 'GET' && files.serve(res, path)) return;
    const route = ROUTES[path];
    if (!route) return sendText(res, 404, '404 page not found');
    if (method !== route) {
      res.setHeader('allow', route);
      return sendText(res, 405, 'Method Not Allowed');
    }
    if (config.latencyMs > 0) await delay(config.latencyMs);
    const auth = classifyKey(req.headers.authorization);
    if (!auth.ok) return sendCode(res, auth.code, auth.message);
    if (!admit(auth.key, path)) return sendCode(res, 1002);
    if (route === 'POST') {
      if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '')) return sendCode(res, 2013, 'Content-Type must be application/json');
      if (!body || typeof body !== 'object' || Array.isArray(body)) return sendCode(res, 2013, 'the body must be a JSON object');
      const b = body as Record<string, unknown>;
      if (path === '/v1/image_generation') {
        return imageGeneration({ res, body: b, baseUrl, files, ttlMs: config.imageUrlTtlMs, noBalance: auth.noBalance });
      }
      return videos.create(res, b, auth.key, auth.noBalance);
    }
    if (path === '/v1/query/video_generation') return videos.query(res, url.searchParams.get('task_id') ?? '', auth.key);
    const file = files.get(url.searchParams.get('file_id') ?? '', auth.key);
    if (!file) return sendCode(res, 2013, 'file_id not found');
    if (path === '/v1/files/retrieve_content') {
      return send(res, 200, file.bytes, { 'content-type': file.mime, 'content-length': file.bytes.byteLength, 'trace-id': traceId() });
    }
    sendOk(res, {
      file: {
        // int64 here, a string in the query answer (reference §4.3): 15 digits are JS-safe.
        file_id: Number(file.fileId), bytes: file.bytes.byteLength, created_at: Math.floor(file.createdAt / 1000), filename: file.filename,
        purpose: 'video_generation', download_url: files.link(baseUrl, file.bytes, file.mime, file.filename, config.videoUrlTtlMs),
      },
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => sendCode(res, 1000, `simulator: ${(err as Error).message}`));
  });
  const listening = await listenOnLoopback(server, config.port);
  baseUrl = listening.url;
  return {
    url: baseUrl,
    requests,
    config,
    tasks: videos.tasks,
    close: () => new Promise<void>((resolve) => {
      listening.destroySockets();
      server.close(() => resolve());
    }),
  };
}
