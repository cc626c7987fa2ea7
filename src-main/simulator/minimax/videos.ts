/**
 * Hailuo v1 video (reference §4): create `POST /v1/video_generation` → `task_id`; poll
 * `GET /v1/query/video_generation?task_id=` (Preparing → Queueing → Processing → Success | Fail); the finished
 * file is a 15-digit `file_id`. A `callback_url` gets the challenge handshake and lowercase status pushes (§4.4).
 */
import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { renderVideo } from '../render-video';
import { hooksIn, type MinimaxHook, type ResolvedMinimaxOptions } from './config';
import { InvalidParams, sendCode, sendOk } from './envelope';
import { digitsId, type MinimaxFiles, type StoredFile } from './files';
import { FRAME_IMAGE, resolveImage } from './inputs';
import { MODE_MODELS, PRETREATMENT_MODELS, RESOLUTION_SIZES, allowedDurations, isSeries01, modeOf, type VideoMode } from './video-rules';

export interface VideoTask {
  taskId: string;
  key: string;
  model: string;
  mode: VideoMode;
  createdAt: number;
  polls: number;
  width: number;
  height: number;
  durationSeconds: number;
  hooks: Set<MinimaxHook>;
  /** Settles when the clip is rendered (or the task fails). */
  file: Promise<StoredFile | null>;
  settled?: StoredFile | null;
}

interface Checked {
  model: string;
  mode: VideoMode;
  width: number;
  height: number;
  durationSeconds: number;
}

async function check(b: Record<string, unknown>): Promise<Checked> {
  const mode = modeOf(b);
  const model = b.model;
  if (typeof model !== 'string' || !MODE_MODELS[mode].includes(model)) throw new InvalidParams(`model ${String(model)} does not support ${mode}`);
  if (b.prompt !== undefined && typeof b.prompt !== 'string') throw new InvalidParams('prompt must be a string');
  const prompt = (b.prompt as string | undefined) ?? '';
  if (mode === 't2v' && prompt.trim() === '') throw new InvalidParams('prompt is required');
  if (prompt.length > 2000) throw new InvalidParams('prompt must be at most 2000 characters');
  for (const f of ['prompt_optimizer', 'fast_pretreatment']) if (b[f] !== undefined && typeof b[f] !== 'boolean') throw new InvalidParams(`${f} must be a boolean`);
  if (b.fast_pretreatment !== undefined && !PRETREATMENT_MODELS.includes(model)) throw new InvalidParams(`fast_pretreatment is not supported by ${model}`);
  const allowed = allowedDurations(model, mode);
  if (isSeries01(model) && (b.duration !== undefined || b.resolution !== undefined)) throw new InvalidParams(`${model} takes no duration or resolution`);
  const resolution = (b.resolution as string | undefined) ?? (Object.keys(allowed)[0] as string);
  const duration = (b.duration as number | undefined) ?? 6;
  if (!allowed[resolution]) throw new InvalidParams(`resolution ${resolution} is not supported by ${model}`);
  if (!Number.isInteger(duration) || !allowed[resolution].includes(duration)) throw new InvalidParams(`duration ${String(duration)} is not supported at ${resolution}`);
  let [width, height] = RESOLUTION_SIZES[resolution] as readonly [number, number];
  let first: { width: number; height: number } | undefined;
  if (mode === 'fl2v' && b.first_frame_image === undefined) throw new InvalidParams('first_frame_image is required with last_frame_image');
  if (b.first_frame_image !== undefined) first = await resolveImage(b.first_frame_image, 'first_frame_image', FRAME_IMAGE);
  if (b.last_frame_image !== undefined) await resolveImage(b.last_frame_image, 'last_frame_image', FRAME_IMAGE);
  if (mode === 's2v') {
    const refs = b.subject_reference as { type?: unknown; image?: unknown }[] | unknown;
    const ref = Array.isArray(refs) && refs.length === 1 ? (refs[0] as { type?: unknown; image?: unknown }) : null;
    if (!ref || ref.type !== 'character' || !Array.isArray(ref.image) || ref.image.length !== 1) {
      throw new InvalidParams('subject_reference must be [{type:"character", image:[one image]}]');
    }
    await resolveImage(ref.image[0], 'subject_reference.image', FRAME_IMAGE);
  }
  // The video follows the first frame's orientation (reference §4.1: FL2V documented, I2V our guess).
  if (first && first.height > first.width) [width, height] = [height, width];
  return { model, mode, width, height, durationSeconds: duration };
}

const STEPS = ['Preparing', 'Queueing', 'Processing'] as const;

export function createVideoTasks(o: ResolvedMinimaxOptions, files: MinimaxFiles) {
  const tasks = new Map<string, VideoTask>();

  async function push(url: string, body: unknown): Promise<unknown> {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(3000) });
    return res.json();
  }

  async function create(res: ServerResponse, b: Record<string, unknown>, key: string, noBalance: boolean): Promise<void> {
    let c: Checked;
    try {
      c = await check(b);
    } catch (err) {
      if (err instanceof InvalidParams) return sendCode(res, 2013, err.message);
      throw err;
    }
    if (typeof b.callback_url === 'string') {
      const challenge = randomBytes(12).toString('hex');
      const echoed = await push(b.callback_url, { challenge }).catch(() => null) as { challenge?: unknown } | null;
      if (echoed?.challenge !== challenge) return sendCode(res, 2013, 'callback_url did not answer the challenge within 3 s');
    }
    if (noBalance) return sendCode(res, 1008);
    const hooks = hooksIn(b.prompt);
    if (hooks.has('BLOCKED')) return sendCode(res, 1026);
    const taskId = digitsId();
    const failing = hooks.has('BLOCKED_OUTPUT') || hooks.has('FAIL_TASK');
    const file = failing ? Promise.resolve(null) : renderVideo({ width: c.width, height: c.height, durationSeconds: c.durationSeconds, prompt: String(b.prompt ?? c.mode), fps: o.fps })
      .then((bytes) => files.add({ key, bytes, mime: 'video/mp4', filename: 'output_aigc.mp4' }));
    const task: VideoTask = { taskId, key, ...c, createdAt: o.now(), polls: 0, hooks, file };
    file.then((f) => {
      task.settled = f;
    }, () => {
      task.settled = null;
    });
    tasks.set(taskId, task);
    sendOk(res, { task_id: taskId });
    if (typeof b.callback_url === 'string') void callbacks(b.callback_url, task);
  }

  function final(t: VideoTask): Record<string, unknown> {
    if (t.settled) return { task_id: t.taskId, status: 'Success', file_id: t.settled.fileId, video_width: t.width, video_height: t.height };
    return { task_id: t.taskId, status: 'Fail' };
  }
  const failCode = (t: VideoTask) => (t.hooks.has('BLOCKED_OUTPUT') ? 1027 : 0);

  /** Pushes `processing`, then the final state in lowercase (reference §4.4). */
  async function callbacks(url: string, t: VideoTask): Promise<void> {
    const base = (status: string, code = 0) => ({ task_id: t.taskId, status, base_resp: { status_code: code, status_msg: code ? 'output new_sensitive' : 'success' } });
    await push(url, base('processing')).catch(() => undefined);
    await t.file.catch(() => null);
    const f = final(t);
    await push(url, { ...f, ...base(t.settled ? 'success' : 'failed', t.settled ? 0 : failCode(t)) }).catch(() => undefined);
  }

  function query(res: ServerResponse, taskId: string, key: string): void {
    const t = tasks.get(taskId);
    if (!t || t.key !== key) return sendCode(res, 2013, 'task_id not found');
    const ready = t.settled !== undefined && t.polls >= o.pendingPolls && o.now() - t.createdAt >= o.minTaskMs;
    if (!ready) {
      const status = STEPS[Math.min(t.polls, STEPS.length - 1)];
      t.polls++;
      return sendOk(res, { task_id: t.taskId, status });
    }
    const f = final(t);
    const code = t.settled ? 0 : failCode(t);
    if (code) return sendCode(res, code, undefined, f);
    sendOk(res, f);
  }

  return { tasks, create, query };
}
