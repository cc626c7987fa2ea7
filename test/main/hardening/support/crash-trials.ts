/**
 * The crash harness behind `scripts/crash-trials.ts` and `test/main/hardening/crash/crash-trials.test.ts`.
 *
 * One simulator in this process, one real host child process on a temp data folder pointed at it. Each trial starts
 * the host, submits image batches (and on some trials video jobs) over the WebSocket bridge, then SIGKILLs the host
 * after a seeded random delay. A final start lets everything settle; then the folder is inspected with no host
 * running and compared with what the simulator delivered (`sim.delivered`).
 *
 * What counts as lost: an image response the host itself logged as received (the transport logs `xai request` right
 * after it has read the whole body) whose images are not all in the library, when the host had got past staging it
 * (the log says `generation: result staged`, appended synchronously once every image is staged) or had `inFlightMs`
 * to do so. Not the request id on its job: recovery writes that too from a staging a kill cut short (meta.json and
 * the first image on disk, the rest only in memory). A kill before the staged line, within `inFlightMs` of the
 * receipt, caught (some of) the bytes in memory, where no client can save them: reported as `lostInFlight`, with
 * the gaps. Responses the simulator sent but the host never finished reading are `notReceived`. Videos can be
 * downloaded again for 24 h, so every video the simulator finished must end up in the library. MiniMax's Hailuo videos (issue 18) run beside xAI's through the same journal,
 * against the MiniMax simulator: every task whose file the host asked for must end up in the library, once.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSimulator, type Simulator } from '../../../../src-main/simulator';
import type { MinimaxSimulator } from '../../../../src-main/simulator/minimax';
import { startHostProcess, type HostProcess } from '../../../e2e/support/host-process';
import { findSecret } from './key-scan';
import { PROVIDER_KEYS, compareProviderImages, providerEnv, providerReceipts, startProviderSims, submitProviderImages, type ProviderImageFigures, type ProviderSims } from './crash-providers';
import { hostLog, inspectDataDir, type DataDirReport } from './inspect-data-dir';
import { compareCreative, creativeBusy, resetCreative, submitCreative, type CreativeFigures } from './crash-creative';
import { seededRandom } from './prng';
import { connectHost, type HostClient } from './ws-client';

export interface CrashTrialOptions {
  trials: number;
  seed: number;
  /** The kill comes this long after the trial's first submit (ms, inclusive range). */
  killAfterMs?: [number, number];
  /** A kill this soon after the host logged a response, before staging was done, caught the bytes in memory (default 1000 ms: a loaded CI machine can starve the child that long). */
  inFlightMs?: number;
  /** Keep the data folder for a post-mortem (its path is in the figures). */
  keepDir?: boolean;
  log?: (line: string) => void;
}

export interface CrashFigures {
  trials: number;
  seed: number;
  /** Extra kills during a start-up (before or just after ready), on about a third of the trials. */
  startupKills: number;
  /** Images in 200 answers to image POSTs plus videos downloaded in full, as the simulator sent them. */
  resultsDelivered: number;
  /** Of those, found in the library (row and file). */
  resultsFound: number;
  images: { delivered: number; found: number; notReceived: number; lostInFlight: number; lost: number; duplicates: number };
  videos: { delivered: number; found: number; lost: number; duplicates: number; journal: Record<string, number>; resumedAcrossKill: number };
  /** MiniMax video tasks whose file the host asked for (`files/retrieve`), and of those in the library. */
  minimaxVideos: { delivered: number; found: number; lost: number; duplicates: number; startsRetried: number };
  /** Text→image of the other providers through the same queue (./crash-providers.ts). */
  providers: { stability: ProviderImageFigures; minimax: ProviderImageFigures };
  /** Stability creative upscales, journaled and polled (./crash-creative.ts). */
  creativeUpscales: CreativeFigures;
  orphans: number;
  tempFiles: number;
  rowsWithoutFile: number;
  stagedLeft: number;
  integrityFailures: number;
  /** The databases checked with `PRAGMA integrity_check`. */
  databases: string[];
  interruptedJobs: number;
  imageJobs: Record<string, number>;
  /** Why image jobs failed, once per distinct message (a crash should only ever interrupt, never fail). */
  failedJobMessages: string[];
  billedPostsRetried: number;
  /** Where the API key turned up: files in the data folder or text the hosts printed (must stay empty). */
  keyLeaks: string[];
  lostDetails: string[];
  /** For each response lost in flight: ms between the host logging it and the kill. */
  inFlightGapsMs: number[];
  dataDir?: string;
  durationMs: number;
}

interface JobsList {
  batches: { jobs: { id: string; state: string; prompt: string; requestId: string | null; error: { kind: string; message: string } | null }[] }[];
}
interface VideoList {
  jobs: { id: string; state: string; videoRequestId: string | null; model: string }[];
}

const IMAGE_PATH = '/v1/images/generations';
const TERMINAL = new Set(['succeeded', 'partially-blocked', 'failed', 'cancelled', 'interrupted']);
const VIDEO_FINAL = new Set(['done', 'failed', 'expired', 'blocked', 'lost', 'cancelled']);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const HOST_ENV = { IMAGINE_VIDEO_POLL_MS: '100', XAI_API_KEY: 'xai-crash-trials-key-0000' };
/** Stability's and MiniMax's keys and simulator origins, once they run (set by runCrashTrials). */
let providersEnv: Record<string, string> = {};

async function launch(sim: Simulator, dataDir: string): Promise<{ host: HostProcess; client: HostClient }> {
  const host = await startHostProcess({ dataDir, env: { ...HOST_ENV, ...providersEnv }, args: ['--api-base-url', `${sim.url}/v1`] });
  return { host, client: await connectHost(host.url) };
}

/**
 * Starts a host and SIGKILLs it `afterMs` later whether or not it is ready: a crash during start-up (module load,
 * library reconcile, filing staged results, the queue and video journal resuming). Resolves with whether it got ready.
 */
async function killDuringStart(sim: Simulator, dataDir: string, afterMs: number, outputs: string[]): Promise<boolean> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src-main/shells/browser-host.ts', '--data-dir', dataDir, '--port', '0', '--api-base-url', `${sim.url}/v1`], {
    env: { ...process.env, IMAGINE_SECRET_STORE: 'memory', ...HOST_ENV, ...providersEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  await Promise.race([sleep(afterMs), exited]);
  child.kill('SIGKILL');
  await exited;
  outputs.push(out);
  return out.includes('IMAGINE_HOST_READY');
}

/** Submits this trial's work without waiting for video start calls (a kill may land while they are in flight). */
function submitWork(client: HostClient, trial: number, rng: ReturnType<typeof seededRandom>): Promise<unknown>[] {
  const pending: Promise<unknown>[] = [];
  const batches = rng.int(1, 2);
  for (let b = 0; b < batches; b++) {
    const prompts = Array.from({ length: rng.int(1, 4) }, (_, p) => `crash trial ${trial} batch ${b} prompt ${p}`);
    pending.push(client.invoke('jobs:submit', { prompts, n: rng.int(1, 4), model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' }));
  }
  if (rng.next() < 0.6) {
    for (let v = rng.int(1, 2); v > 0; v--) {
      pending.push(client.invoke('video:submit', {
        mode: 'text', prompt: `crash trial ${trial} video ${v}`, model: 'grok-imagine-video', duration: rng.int(1, 2), aspectRatio: '16:9', resolution: '480p',
      }));
    }
  }
  // MiniMax Hailuo text → video through the same journal (its 01-series model renders the smallest clip).
  if (rng.next() < 0.5) {
    pending.push(client.invoke('video:submit', {
      mode: 'text', prompt: `crash trial ${trial} minimax video`, model: 'T2V-01', duration: 6, aspectRatio: '16:9', resolution: '720p',
    }));
  }
  pending.push(...submitProviderImages(client, trial, rng));
  const creative = submitCreative(client, rng);
  if (creative) pending.push(creative);
  for (const p of pending) p.catch(() => {}); // the kill closes the socket under them
  return pending;
}

async function settle(client: HostClient, dataDir: string, timeoutMs: number): Promise<{ jobs: JobsList; videos: VideoList }> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const jobs = await client.invoke<JobsList>('jobs:list');
    const videos = await client.invoke<VideoList>('video:list');
    const busy = jobs.batches.flatMap((b) => b.jobs).filter((j) => !TERMINAL.has(j.state)).length + videos.jobs.filter((j) => !VIDEO_FINAL.has(j.state)).length + creativeBusy(dataDir);
    if (busy === 0) return { jobs, videos };
    if (Date.now() > end) throw new Error(`still ${busy} unfinished jobs after ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** Waits for the library's start-up check to end (it runs in the background since the library grew past 300k). */
async function checked(client: HostClient, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const { status } = await client.invoke<{ status: { task: string; state: string } | null }>('library:maintenance');
    if (status && status.state !== 'running') return;
    if (Date.now() > end) throw new Error(`the library check still runs after ${timeoutMs} ms`);
    await sleep(100);
  }
}

const countBy = (values: string[]) => values.reduce<Record<string, number>>((acc, v) => ((acc[v] = (acc[v] ?? 0) + 1), acc), {});

export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashFigures> {
  const started = Date.now();
  const log = options.log ?? (() => {});
  const rng = seededRandom(options.seed);
  const [killMin, killMax] = options.killAfterMs ?? [100, 1800];
  const inFlightMs = options.inFlightMs ?? 1000;
  // Latency and video length keep work in flight across most kill moments: requests take ~0.3 s, videos ~1–2 s.
  const sim = await startSimulator({ latencyMs: 250, video: { emptyPolls: 1, pendingPolls: 8 } });
  const others = await startProviderSims();
  providersEnv = providerEnv(others);
  resetCreative();
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'imagine-crash-'));
  const kills: number[] = [];
  const outputs: string[] = [];
  let startupKills = 0;
  log(`crash trials: ${options.trials} trials, seed ${options.seed}, data ${dataDir}`);
  try {
    for (let t = 0; t < options.trials; t++) {
      const { host } = await launch(sim, dataDir).then(async (h) => {
        submitWork(h.client, t, rng);
        return h;
      });
      const wait = rng.int(killMin, killMax);
      await sleep(wait);
      kills.push(Date.now());
      await host.stop('SIGKILL');
      outputs.push(host.output());
      log(`trial ${t + 1}/${options.trials}: killed after ${wait} ms`);
      if (rng.next() < 0.3) {
        const at = rng.int(300, 2500);
        const ready = await killDuringStart(sim, dataDir, at, outputs);
        kills.push(Date.now());
        startupKills++;
        log(`trial ${t + 1}/${options.trials}: start-up killed after ${at} ms (${ready ? 'was ready' : 'not ready yet'})`);
      }
    }
    const { host, client } = await launch(sim, dataDir);
    const final = await settle(client, dataDir, 120_000);
    // The start-up check runs in the background: the folder is inspected once it has been through it.
    await checked(client, 60_000);
    client.close();
    await host.stop('SIGTERM');
    outputs.push(host.output());
    const report = inspectDataDir(dataDir);
    const figures = compare(sim, others, dataDir, report, final, kills, inFlightMs);
    const keyLeaks = [HOST_ENV.XAI_API_KEY, ...Object.values(PROVIDER_KEYS)].flatMap((key) => findSecret(key, dataDir, outputs));
    const minimaxVideos = compareMinimax(others.minimax, report);
    const creativeUpscales = compareCreative(others.stability, dataDir, report, kills, figures.lostDetails);
    if (minimaxVideos.lost > 0) figures.lostDetails.push(`${minimaxVideos.lost} MiniMax video(s) asked for but not in the library`);
    return {
      trials: options.trials, seed: options.seed, startupKills, ...figures,
      resultsDelivered: figures.resultsDelivered + minimaxVideos.delivered + creativeUpscales.collected,
      resultsFound: figures.resultsFound + minimaxVideos.found + creativeUpscales.found,
      minimaxVideos, creativeUpscales, keyLeaks, ...(options.keepDir ? { dataDir } : {}), durationMs: Date.now() - started,
    };
  } finally {
    await sim.close();
    await others.close();
    providersEnv = {};
    if (!options.keepDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/** The figures: what the simulator delivered against what the folder holds. */
function compare(sim: Simulator, others: ProviderSims, dataDir: string, report: DataDirReport, final: { jobs: JobsList; videos: VideoList }, kills: number[], inFlightMs: number) {
  const present = report.rows.filter((r) => !report.rowsWithoutFile.includes(r.id));
  const byRequest = countBy(present.map((r) => r.requestId ?? ''));
  const received = new Map<string, number>();
  // Past staging = the `result staged` line only (see the header: a job's request id may come from a cut staging).
  const pastStaging = new Set<string>();
  for (const line of hostLog(dataDir)) {
    if (line.message === 'xai request' && line.status === 200 && typeof line.requestId === 'string') received.set(line.requestId, Date.parse(String(line.at)));
    if (line.message === 'generation: result staged' && typeof line.requestId === 'string') pastStaging.add(line.requestId);
  }
  const images = { delivered: 0, found: 0, notReceived: 0, lostInFlight: 0, lost: 0, duplicates: 0 };
  const lostDetails: string[] = [];
  const inFlightGapsMs: number[] = [];
  const billedPerPrompt = new Map<string, number>();
  for (const d of sim.delivered) {
    if (d.method !== 'POST' || d.path !== IMAGE_PATH || d.status !== 200) continue;
    const body = d.request.body as { n?: number; prompt?: string };
    billedPerPrompt.set(body.prompt ?? '', (billedPerPrompt.get(body.prompt ?? '') ?? 0) + 1);
    const n = body.n ?? 1;
    const found = byRequest[d.requestId] ?? 0;
    images.delivered += n;
    images.found += Math.min(found, n);
    images.duplicates += Math.max(0, found - n);
    const missing = Math.max(0, n - found);
    if (missing === 0) continue;
    const at = received.get(d.requestId);
    const kill = kills.find((k) => k >= (at ?? d.at));
    if (at === undefined) images.notReceived += missing;
    else if (kill !== undefined && kill - at <= inFlightMs && !pastStaging.has(d.requestId)) {
      images.lostInFlight += missing;
      inFlightGapsMs.push(kill - at);
    }
    else {
      images.lost += missing;
      lostDetails.push(`${missing}/${n} images of ${d.requestId} ("${body.prompt}"), received ${kill === undefined ? 'with no kill after' : `${kill - at} ms before a kill`}`);
    }
  }
  // Videos: a download finished by the simulator, mapped back to its xAI request id through the file URL.
  const videoByPath = new Map<string, { id: string; createdAt: number }>();
  for (const [id, job] of sim.state.videos) if (job.url) videoByPath.set(new URL(job.url).pathname, { id, createdAt: job.createdAt });
  const downloaded = new Map<string, { firstDownload: number; createdAt: number }>();
  for (const d of sim.delivered) {
    const v = d.method === 'GET' && (d.status === 200 || d.status === 206) ? videoByPath.get(d.path) : undefined;
    if (v && !downloaded.has(v.id)) downloaded.set(v.id, { firstDownload: d.at, createdAt: v.createdAt });
  }
  const videoRows = countBy(present.filter((r) => r.kind === 'video').map((r) => r.requestId ?? ''));
  const videos = {
    delivered: downloaded.size,
    found: [...downloaded.keys()].filter((id) => (videoRows[id] ?? 0) > 0).length,
    lost: 0,
    duplicates: Object.values(videoRows).reduce((s, c) => s + Math.max(0, c - 1), 0),
    journal: countBy(final.videos.jobs.map((j) => j.state)),
    // Done videos whose xAI job started before a kill and finished downloading after it: resumed from the journal.
    resumedAcrossKill: final.videos.jobs.filter((j) => {
      const sv = j.state === 'done' && j.videoRequestId ? sim.state.videos.get(j.videoRequestId) : undefined;
      const dl = j.videoRequestId ? downloaded.get(j.videoRequestId) : undefined;
      return sv && dl && kills.some((k) => k > sv.createdAt && k < dl.firstDownload);
    }).length,
  };
  videos.lost = videos.delivered - videos.found;
  for (const id of downloaded.keys()) if (!(videoRows[id] ?? 0)) lostDetails.push(`video ${id} was downloaded but is not in the library`);
  const jobs = final.jobs.batches.flatMap((b) => b.jobs);
  const providers = compareProviderImages(others, byRequest, { received: providerReceipts(hostLog(dataDir)), pastStaging }, kills, inFlightMs);
  lostDetails.push(...providers.lostDetails);
  const { stability, minimax } = providers;
  return {
    resultsDelivered: images.delivered + videos.delivered + stability.delivered + minimax.delivered,
    resultsFound: images.found + videos.found + stability.found + minimax.found,
    images,
    videos,
    providers: { stability, minimax },
    orphans: report.orphanFiles.length,
    tempFiles: report.tempFiles.length,
    rowsWithoutFile: report.rowsWithoutFile.length,
    stagedLeft: report.stagedFiles.length,
    integrityFailures: report.integrityFailures,
    databases: Object.keys(report.integrity),
    interruptedJobs: jobs.filter((j) => j.state === 'interrupted').length,
    imageJobs: countBy(jobs.map((j) => j.state)),
    failedJobMessages: [...new Set(jobs.filter((j) => j.state === 'failed').map((j) => `${j.error?.kind}: ${j.error?.message}`))],
    // Every prompt is unique, so a prompt answered 200 twice means a billed POST was sent again without the user.
    billedPostsRetried: [...billedPerPrompt.values()].reduce((s, c) => s + c - 1, 0) + providers.billedPostsRetried,
    lostDetails,
    inFlightGapsMs,
  };
}

/**
 * MiniMax videos: a task whose file the host asked for (`files/retrieve`, the step before each download) was
 * finished and paid for, so it must be in the library exactly once (rows carry the task id as request id); each
 * prompt is unique, so a prompt started twice means a start call was sent again without the user.
 */
function compareMinimax(minimax: MinimaxSimulator, report: DataDirReport): CrashFigures['minimaxVideos'] {
  const present = report.rows.filter((r) => r.kind === 'video' && !report.rowsWithoutFile.includes(r.id));
  const rows = countBy(present.map((r) => r.requestId ?? ''));
  const asked = new Set(minimax.requests.filter((r) => r.method === 'GET' && r.path === '/v1/files/retrieve').map((r) => r.query.file_id));
  const delivered = [...minimax.tasks.values()].filter((t) => t.settled && asked.has(t.settled.fileId)).map((t) => t.taskId);
  const found = delivered.filter((id) => (rows[id] ?? 0) > 0).length;
  const taskIds = new Set([...minimax.tasks.keys()]);
  const starts = countBy(minimax.requests.filter((r) => r.method === 'POST' && r.path === '/v1/video_generation').map((r) => String((r.body as { prompt?: string }).prompt)));
  return {
    delivered: delivered.length, found, lost: delivered.length - found,
    duplicates: Object.entries(rows).filter(([id]) => taskIds.has(id)).reduce((sum, [, c]) => sum + Math.max(0, c - 1), 0),
    startsRetried: Object.values(starts).reduce((sum, c) => sum + c - 1, 0),
  };
}

/** True when the figures show no loss, no debris and no damage. */
export function crashFiguresOk(f: CrashFigures): boolean {
  return f.images.lost === 0 && f.videos.lost === 0 && f.orphans === 0 && f.tempFiles === 0 && f.rowsWithoutFile === 0 &&
    f.stagedLeft === 0 && f.keyLeaks.length === 0 && f.integrityFailures === 0 && f.billedPostsRetried === 0 && f.images.duplicates === 0 && f.videos.duplicates === 0 &&
    Object.values(f.providers).every((p) => p.lost === 0 && p.duplicates === 0) &&
    f.minimaxVideos.lost === 0 && f.minimaxVideos.duplicates === 0 && f.minimaxVideos.startsRetried === 0 &&
    f.creativeUpscales.lost === 0 && f.creativeUpscales.duplicates === 0 && f.creativeUpscales.starts <= f.creativeUpscales.submitted;
}
