/** Helpers for the MiniMax simulator suites. */
import sharp from 'sharp';
import { startMinimaxSimulator, type MinimaxSimulator, type MinimaxSimulatorOptions } from '../../../src-main/simulator/minimax';

export const MM = 'mm-TEST-fake-minimax-key-0123456789';

export function startMinimax(o: MinimaxSimulatorOptions = {}): Promise<MinimaxSimulator> {
  return startMinimaxSimulator({ pendingPolls: 1, requestsPerMinute: 1000, fps: 2, ...o });
}

export interface Envelope {
  base_resp: { status_code: number; status_msg: string };
  [k: string]: unknown;
}

export async function mmPost(sim: { url: string }, path: string, body: unknown, o: { key?: string | null; raw?: string } = {}): Promise<{ res: Response; json: Envelope }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const key = o.key === undefined ? MM : o.key;
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const res = await fetch(`${sim.url}${path}`, { method: 'POST', headers, body: o.raw ?? JSON.stringify(body) });
  return { res, json: (await res.json()) as Envelope };
}

export async function mmGet(sim: { url: string }, path: string, key: string | null = MM): Promise<{ res: Response; json: Envelope }> {
  const res = await fetch(`${sim.url}${path}`, key === null ? {} : { headers: { authorization: `Bearer ${key}` } });
  return { res, json: (await res.json()) as Envelope };
}

export async function dataUrl(width: number, height: number, format: 'png' | 'jpeg' | 'webp' | 'gif' = 'jpeg'): Promise<string> {
  const img = sharp({ create: { width, height, channels: 3, background: '#aa6633' } });
  const buf = await (format === 'png' ? img.png() : format === 'jpeg' ? img.jpeg() : format === 'webp' ? img.webp() : img.gif()).toBuffer();
  return `data:image/${format};base64,${buf.toString('base64')}`;
}

/** Polls a task until Success or Fail (or a non-zero code), returning every status seen and the final body. */
export async function pollTask(sim: { url: string }, taskId: string, key = MM): Promise<{ statuses: string[]; final: Envelope }> {
  const statuses: string[] = [];
  for (let i = 0; i < 200; i++) {
    const { json } = await mmGet(sim, `/v1/query/video_generation?task_id=${taskId}`, key);
    statuses.push(String(json.status));
    if (json.base_resp.status_code !== 0 || json.status === 'Success' || json.status === 'Fail') return { statuses, final: json };
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('task never settled');
}
