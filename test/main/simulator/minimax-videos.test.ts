/** The MiniMax simulator against /work/shared/minimax-api.md §9.17–31 (Hailuo v1 video, files, callbacks, rate limit). */
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinimaxSimulator } from '../../../src-main/simulator/minimax';
import { MM, dataUrl, mmGet, mmPost, pollTask, startMinimax } from './minimax-helpers';

let t = 1_800_000_000_000;
let sim: MinimaxSimulator;
beforeAll(async () => {
  sim = await startMinimax({ now: () => t, pendingPolls: 3 });
});
afterAll(() => sim.close());

const create = (body: object, key?: string) => mmPost(sim, '/v1/video_generation', { model: 'MiniMax-Hailuo-02', prompt: 'a boat at dawn', ...body }, { key });
const code = async (body: object) => (await create(body)).json.base_resp.status_code;

async function probe(bytes: Uint8Array): Promise<{ width: number; height: number; duration: number }> {
  const file = join(mkdtempSync(join(tmpdir(), 'mm-probe-')), 'v.mp4');
  writeFileSync(file, bytes);
  const { stdout } = await promisify(execFile)('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height:format=duration', '-of', 'json', file]);
  const j = JSON.parse(stdout) as { streams: { width: number; height: number }[]; format: { duration: string } };
  return { width: j.streams[0]?.width ?? 0, height: j.streams[0]?.height ?? 0, duration: Number(j.format.duration) };
}

describe('MiniMax simulator: Hailuo v1 video create (§9.17–21)', () => {
  it('§9.17 T2V returns a digit-string task_id; first_frame → I2V, last_frame → FL2V, subject_reference → S2V', async () => {
    const { json } = await create({});
    expect(json.task_id).toMatch(/^\d{15}$/);
    const frame = await dataUrl(640, 360);
    expect(await code({ model: 'MiniMax-Hailuo-2.3-Fast', first_frame_image: frame })).toBe(0);
    expect(await code({ first_frame_image: frame, last_frame_image: frame })).toBe(0);
    expect(await code({ model: 'S2V-01', subject_reference: [{ type: 'character', image: [frame] }] })).toBe(0);
  });

  it('§9.18 model/mode mismatches → 2013', async () => {
    const frame = await dataUrl(640, 360);
    expect(await code({ model: 'MiniMax-Hailuo-2.3-Fast' })).toBe(2013);
    expect(await code({ model: 'MiniMax-Hailuo-2.3', first_frame_image: frame, last_frame_image: frame })).toBe(2013);
    expect(await code({ model: 'S2V-01' })).toBe(2013);
    expect(await code({ last_frame_image: frame })).toBe(2013);
  });

  it('§9.19 duration × resolution outside the table → 2013 (1080P + 10 s; 512P outside Hailuo-02 I2V)', async () => {
    expect(await code({ resolution: '1080P', duration: 10 })).toBe(2013);
    expect(await code({ resolution: '512P' })).toBe(2013);
    expect(await code({ resolution: '512P', duration: 10, first_frame_image: await dataUrl(640, 360) })).toBe(0);
    expect(await code({ resolution: '768P', duration: 10 })).toBe(0);
  });

  it('§9.20 01-series models refuse explicit duration/resolution (the client omits both)', async () => {
    expect(await code({ model: 'T2V-01', duration: 6 })).toBe(2013);
    expect(await code({ model: 'T2V-01', resolution: '720P' })).toBe(2013);
    expect(await code({ model: 'T2V-01' })).toBe(0);
  });

  it('§9.21 frame images: short side ≤ 300, ratio outside 2:5–5:2, or GIF → 2013; video prompts over 2000 → 2013', async () => {
    expect(await code({ first_frame_image: await dataUrl(400, 300) })).toBe(2013);
    expect(await code({ first_frame_image: await dataUrl(1600, 310) })).toBe(2013);
    expect(await code({ first_frame_image: await dataUrl(640, 360, 'gif') })).toBe(2013);
    expect(await code({ prompt: 'x'.repeat(2001) })).toBe(2013);
  });
});

describe('MiniMax simulator: polling and files (§9.22–29)', () => {
  it('§9.22–23 statuses run Preparing → Queueing → Processing → Success with a string file_id; 768P T2V is 1366×768', async () => {
    const { json } = await create({});
    const { statuses, final } = await pollTask(sim, json.task_id as string);
    expect(statuses.slice(0, 3)).toEqual(['Preparing', 'Queueing', 'Processing']);
    expect(final).toMatchObject({ status: 'Success', file_id: expect.stringMatching(/^\d{15}$/), video_width: 1366, video_height: 768 });
  });

  it('§9.24 Fail is terminal: BLOCKED_OUTPUT ends Fail with 1027, FAIL_TASK ends Fail with 0; BLOCKED → 1026 at creation', async () => {
    const out = await pollTask(sim, (await create({ prompt: 'BLOCKED_OUTPUT waves' })).json.task_id as string);
    expect(out.final).toMatchObject({ status: 'Fail', base_resp: { status_code: 1027 } });
    const fail = await pollTask(sim, (await create({ prompt: 'FAIL_TASK waves' })).json.task_id as string);
    expect(fail.final).toMatchObject({ status: 'Fail', base_resp: { status_code: 0 } });
    expect(await code({ prompt: 'BLOCKED' })).toBe(1026);
    expect((await create({}, 'mm-nobalance-2')).json.base_resp.status_code).toBe(1008);
  });

  it('§9.25 another account’s task or an unknown one → non-zero base_resp', async () => {
    const { json } = await create({});
    expect((await mmGet(sim, `/v1/query/video_generation?task_id=${json.task_id as string}`, 'mm-someone-else')).json.base_resp.status_code).toBe(2013);
    expect((await mmGet(sim, '/v1/query/video_generation?task_id=123')).json.base_resp.status_code).toBe(2013);
  });

  it('§9.27–28 files/retrieve → download_url (no auth, 1 h), bytes and purpose match; a new call gives a fresh URL; retrieve_content serves the bytes', async () => {
    const { final } = await pollTask(sim, (await create({})).json.task_id as string);
    const fileId = final.file_id as string;
    const first = (await mmGet(sim, `/v1/files/retrieve?file_id=${fileId}`)).json.file as Record<string, unknown>;
    expect(first).toMatchObject({ file_id: Number(fileId), filename: 'output_aigc.mp4', purpose: 'video_generation' });
    const video = new Uint8Array(await (await fetch(first.download_url as string)).arrayBuffer());
    expect(video.byteLength).toBe(first.bytes);
    t += 3_600_001;
    expect((await fetch(first.download_url as string)).status).toBe(403);
    const again = (await mmGet(sim, `/v1/files/retrieve?file_id=${fileId}`)).json.file as Record<string, unknown>;
    expect(again.download_url).not.toBe(first.download_url);
    expect((await fetch(again.download_url as string)).status).toBe(200);
    const content = await fetch(`${sim.url}/v1/files/retrieve_content?file_id=${fileId}`, { headers: { authorization: `Bearer ${MM}` } });
    expect(new Uint8Array(await content.arrayBuffer()).byteLength).toBe(first.bytes);
    expect((await mmGet(sim, `/v1/files/retrieve?file_id=${fileId}`, 'mm-someone-else')).json.base_resp.status_code).toBe(2013);
  });

  it('§9.29 FL2V follows a portrait first frame; a 10 s FL2V file lasts about 10 s', async () => {
    const frame = await dataUrl(360, 640);
    const { final } = await pollTask(sim, (await create({ first_frame_image: frame, last_frame_image: frame, duration: 10 })).json.task_id as string);
    expect(final).toMatchObject({ video_width: 768, video_height: 1366 });
    const url = ((await mmGet(sim, `/v1/files/retrieve?file_id=${final.file_id as string}`)).json.file as { download_url: string }).download_url;
    const p = await probe(new Uint8Array(await (await fetch(url)).arrayBuffer()));
    expect(p.width).toBe(768);
    expect(p.duration).toBeGreaterThan(9.4);
    expect(p.duration).toBeLessThan(10.6);
  });
});

describe('MiniMax simulator: callbacks and rate limit (§9.30–31)', () => {
  let server: Server;
  const received: { challenge?: string; status?: string }[] = [];
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('§9.30 callback_url: the challenge is echoed, then lowercase pushes (processing, success)', async () => {
    server = createServer((req, res) => {
      let raw = '';
      req.on('data', (c: Buffer) => (raw += c.toString()));
      req.on('end', () => {
        const body = JSON.parse(raw) as { challenge?: string; status?: string };
        received.push(body);
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(body.challenge ? { challenge: body.challenge } : {}));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
    expect((await create({ callback_url: url })).json.base_resp.status_code).toBe(0);
    await expect.poll(() => received.map((b) => b.status ?? 'challenge'), { timeout: 15_000 }).toEqual(['challenge', 'processing', 'success']);
    expect(await code({ callback_url: 'http://127.0.0.1:1/nothing-listens' })).toBe(2013);
  });

  it('§9.31 over the per-key per-API limit in a minute → 1002; other APIs and keys unaffected', async () => {
    const limited = await startMinimax({ requestsPerMinute: 2, now: () => t });
    try {
      const body = { model: 'image-01', prompt: 'x' };
      for (let i = 0; i < 2; i++) expect((await mmPost(limited, '/v1/image_generation', body)).json.base_resp.status_code).toBe(0);
      expect((await mmPost(limited, '/v1/image_generation', body)).json.base_resp).toEqual({ status_code: 1002, status_msg: 'rate limit exceeded(RPM)' });
      expect((await mmGet(limited, '/v1/query/video_generation?task_id=1')).json.base_resp.status_code).toBe(2013);
      expect((await mmPost(limited, '/v1/image_generation', body, { key: 'mm-another' })).json.base_resp.status_code).toBe(0);
      t += 60_001;
      expect((await mmPost(limited, '/v1/image_generation', body)).json.base_resp.status_code).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
