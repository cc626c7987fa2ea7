/**
 * MiniMax's own JavaScript client (`minimax-mcp-js`, MCPJS in the reference) pointed at the MiniMax simulator: its
 * image and Hailuo video calls, its polling and file retrieval, and its error classes must work against our wire
 * format as against api.minimax.io. Where MiniMax's client disagrees with MiniMax's docs, the docs win and the test
 * says so (the subject reference).
 */
import { ImageAPI } from 'minimax-mcp-js/build/api/image.js';
import { VideoAPI } from 'minimax-mcp-js/build/api/video.js';
import { MiniMaxAPI } from 'minimax-mcp-js/build/utils/api.js';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MinimaxSimulator } from '../../../src-main/simulator/minimax';
import { MM, dataUrl, startMinimax } from '../simulator/minimax-helpers';

let sim: MinimaxSimulator;
beforeAll(async () => {
  sim = await startMinimax({ pendingPolls: 1 });
});
afterAll(() => sim.close());

const api = (apiKey = MM) => new MiniMaxAPI({ apiKey, apiHost: sim.url, resourceMode: 'url' });

describe('minimax-mcp-js against the simulator', () => {
  it('generates image-01 pictures whose URLs download without auth as JPEGs of the ratio’s size', async () => {
    const urls = await new ImageAPI(api()).generateImage({ prompt: 'a paper lantern', n: 2, aspectRatio: '16:9' });
    expect(urls).toHaveLength(2);
    const m = await sharp(new Uint8Array(await (await fetch(urls[0] as string)).arrayBuffer())).metadata();
    expect([m.format, m.width, m.height]).toEqual(['jpeg', 1280, 720]);
    expect(sim.requests.find((r) => r.path === '/v1/image_generation')?.headers['mm-api-source']).toBe('Minimax-MCP-JS');
  });

  it('creates a Hailuo task, polls it to Success and resolves the file to a download URL', async () => {
    const video = new VideoAPI(api());
    const { task_id } = await video.generateVideo({ prompt: 'a paper boat', model: 'MiniMax-Hailuo-02', asyncMode: true });
    expect(task_id).toMatch(/^\d{15}$/);
    let answer = await video.queryVideoGeneration({ taskId: task_id });
    for (let i = 0; i < 100 && !answer.video_url; i++) {
      expect(['Preparing', 'Queueing', 'Processing']).toContain(answer.status);
      await new Promise((r) => setTimeout(r, 50));
      answer = await video.queryVideoGeneration({ taskId: task_id });
    }
    const res = await fetch(answer.video_url as string);
    expect(res.headers.get('content-type')).toBe('video/mp4');
    expect(sim.requests.map((r) => r.path)).toContain('/v1/files/retrieve');
  });

  it('an image-to-video start with a first frame is accepted', async () => {
    const video = new VideoAPI(api());
    const { task_id } = await video.generateVideo({ prompt: 'waves', model: 'I2V-01', firstFrameImage: await dataUrl(640, 360), asyncMode: true });
    expect(task_id).toMatch(/^\d+$/);
  });

  it('surfaces base_resp errors: 1004 as MinimaxAuthError, 2049/1026/1008 as MinimaxRequestError with the Trace-Id', async () => {
    const noKey = await new ImageAPI(api('not-a-minimax-key')).generateImage({ prompt: 'x' }).catch((e: Error) => e);
    expect(noKey).toMatchObject({ name: 'MinimaxAuthError', message: expect.stringMatching(/login fail.*Trace ID: [0-9a-f]{32}/) });
    const invalid = await new ImageAPI(api('mm-invalid-1')).generateImage({ prompt: 'x' }).catch((e: Error) => e);
    expect(invalid).toMatchObject({ name: 'MinimaxRequestError', message: expect.stringContaining('invalid api key') });
    const blocked = await new VideoAPI(api()).generateVideo({ prompt: 'BLOCKED', asyncMode: true }).catch((e: Error) => e);
    expect((blocked as Error).message).toContain('input new_sensitive');
    const broke = await new ImageAPI(api('mm-nobalance-x')).generateImage({ prompt: 'x' }).catch((e: Error) => e);
    expect((broke as Error).message).toContain('insufficient balance');
  });

  it('its subject reference is a bare string, which the documented shape refuses (2013): reference §3 wins', async () => {
    const err = await new ImageAPI(api()).generateImage({ prompt: 'portrait', subjectReference: await dataUrl(400, 600) }).catch((e: Error) => e);
    expect((err as Error).message).toContain('invalid params, subject_reference must hold exactly one item');
  });
});
