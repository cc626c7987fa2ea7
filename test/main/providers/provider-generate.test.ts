/**
 * Text→image with Stability AI and MiniMax through the one queue (issue 18 §1–3), against both simulators through the
 * whole app core: the request is built by the provider's adapter, split to the provider's per-request limit, staged,
 * filed with provider, model and seed, priced from the capability table (Stability credits → USD) and recorded once;
 * a missing key for the chosen provider is refused before anything is queued, and the Provider filter finds the items.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BatchView, ChannelInput, ChannelName, ChannelOutput, JobRequest } from '@contract';
import { createAppCore, type AppCore } from '../../../src-main/app-core';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { InMemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { startStabilitySimulator, type StabilitySimulator } from '../../../src-main/simulator/stability';
import { startMinimaxSimulator, type MinimaxSimulator } from '../../../src-main/simulator/minimax';

const silent = { info() {}, warn() {}, error() {} };
const CENT = 100_000_000;
let stability: StabilitySimulator;
let minimax: MinimaxSimulator;
beforeAll(async () => {
  [stability, minimax] = await Promise.all([startStabilitySimulator(), startMinimaxSimulator()]);
});
afterAll(async () => {
  await Promise.all([stability.close(), minimax.close()]);
});

let dataDir: string;
let core: AppCore;
const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
  (core.handlers[channel] as (i: unknown) => Promise<ChannelOutput<C>>)(input);

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'providers-generate-'));
  core = await createAppCore({
    shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, clock: systemClock, logger: silent, secrets: new InMemorySecretStore(),
    providerBaseUrls: { stability: stability.url, minimax: minimax.url }, events: { emit() {} },
  });
});
afterEach(async () => {
  await core.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

const request = (model: string, prompt: string, n: number, aspectRatio: JobRequest['aspectRatio']): JobRequest =>
  ({ prompts: [prompt], n, model, aspectRatio, resolution: '1k' }) as JobRequest;

/** Submits and waits until every request of the batch has ended (the queue runs in the background). */
async function run(req: JobRequest): Promise<BatchView> {
  const submitted = await call('jobs:submit', req);
  for (;;) {
    const batch = (await call('jobs:list', {})).batches.find((b) => b.id === submitted.id);
    if (batch && batch.jobs.every((j) => !['queued', 'running'].includes(j.state))) return batch;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('text→image with other providers through the shared queue', () => {
  it('Stability: one request per image (its limit), credits → USD once per request, provider/model/seed on each item', async () => {
    await call('key:set', { provider: 'stability', key: 'sk-generate-test-key' });
    const estimate = await call('jobs:estimate', request('sd3.5-large', 'a lighthouse at dusk', 2, '21:9'));
    expect(estimate).toMatchObject({ images: 2, requests: 2, perImageTicks: 6.5 * CENT, ticks: 13 * CENT, source: 'table' });
    const before = stability.requests.length;
    const batch = await run(request('sd3.5-large', 'a lighthouse at dusk', 2, '21:9'));
    expect(batch.jobs.map((j) => [j.state, j.n, j.costTicks])).toEqual([['succeeded', 1, 6.5 * CENT], ['succeeded', 1, 6.5 * CENT]]);
    const sent = stability.requests.slice(before);
    expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v2beta/stable-image/generate/sd3', 'POST /v2beta/stable-image/generate/sd3']);
    expect(sent[0]!.fields).toMatchObject({ model: 'sd3.5-large', aspect_ratio: '21:9', prompt: 'a lighthouse at dusk' });
    const items = batch.jobs.flatMap((j) => j.tiles.map((t) => t.itemId as string));
    for (const id of items) {
      const { record } = await call('library:item', { id });
      expect(record).toMatchObject({ provider: 'stability', model: 'sd3.5-large', operation: 'generate', origin: 'generated', costTicks: 6.5 * CENT, width: 1536, height: 640 });
      expect(typeof record.seed).toBe('number');
    }
    expect((await call('jobs:list', {})).ledger.sessionTicks).toBe(13 * CENT);
    const found = await call('library:query', { filter: { provider: 'stability' }, sort: 'newest', limit: 10 });
    expect([...found.ids].sort()).toEqual([...items].sort());
  });

  it('a Stability request in flight when the app stopped is interrupted in words naming Stability AI, not xAI', async () => {
    const slow = await startStabilitySimulator({ latencyMs: 1_500 });
    const open = () => createAppCore({
      shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, clock: systemClock, logger: silent, secrets,
      providerBaseUrls: { stability: slow.url, minimax: minimax.url }, events: { emit() {} },
    });
    const secrets = new InMemorySecretStore();
    try {
      await core.dispose();
      core = await open();
      await call('key:set', { provider: 'stability', key: 'sk-generate-test-key' });
      const submitted = await call('jobs:submit', request('stable-image-core', 'a harbour', 1, '1:1'));
      while (slow.requests.length === 0) await new Promise((r) => setTimeout(r, 20));
      // A stop lets the request in flight end but files nothing from it: the job stays `running` in the store.
      await core.dispose();
      core = await open();
      const job = (await call('jobs:list', {})).batches.find((b) => b.id === submitted.id)?.jobs[0];
      expect(job?.state).toBe('interrupted');
      expect(job?.error?.message).toBe(
        'Imagine Studio stopped while this request was with Stability AI. Stability AI may have generated and billed it, but the images never arrived. Retry to generate them again.',
      );
    } finally {
      await slow.close();
    }
  });

  it('MiniMax: image-01 asks for up to its split in one request; a withheld image is a blocked tile and is not billed', async () => {
    await call('key:set', { provider: 'minimax', key: 'mm-generate-test-key' });
    const before = minimax.requests.length;
    const batch = await run(request('image-01', 'a fox in snow BLOCKED_OUTPUT', 3, '16:9'));
    const posts = minimax.requests.slice(before).filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual(['/v1/image_generation']);
    expect(posts[0]!.body).toMatchObject({ model: 'image-01', n: 3, aspect_ratio: '16:9' });
    const [job] = batch.jobs;
    expect(job!.tiles.map((t) => t.state)).toEqual(['done', 'done', 'blocked']);
    expect(job!.costTicks).toBe(2 * 0.35 * CENT);
    const { record } = await call('library:item', { id: job!.tiles[0]!.itemId as string });
    expect(record).toMatchObject({ provider: 'minimax', model: 'image-01', operation: 'generate', width: 1280, height: 720 });
    const found = await call('library:query', { filter: { provider: 'minimax' }, sort: 'newest', limit: 10 });
    expect(found.ids).toHaveLength(2);
  });

  it('MiniMax image-01 with a subject reference: main reads the library image into the request; each result is its reference-of', async () => {
    await call('key:set', { provider: 'minimax', key: 'mm-generate-test-key' });
    await call('key:set', { provider: 'stability', key: 'sk-generate-test-key' });
    const [first] = (await run(request('image-01', 'a portrait of a sailor', 1, '1:1'))).jobs;
    const subject = first!.tiles[0]!.itemId as string;
    // Only models whose provider lists subject-image take one; only a library image is one.
    await expect(call('jobs:submit', { ...request('sd3.5-large', 'x', 1, '1:1'), subjectItemId: subject })).rejects.toThrow(/takes no subject reference/);
    await expect(call('jobs:submit', { ...request('image-01', 'x', 1, '1:1'), subjectItemId: 'no-such-item' })).rejects.toThrow(/must be an image in the library/);
    const before = minimax.requests.length;
    const batch = await run({ ...request('image-01', 'the sailor at the helm', 1, '1:1'), subjectItemId: subject });
    const [post] = minimax.requests.slice(before).filter((r) => r.method === 'POST');
    const ref = (post!.body as { subject_reference?: { type: string; image_file: string }[] }).subject_reference;
    expect(ref).toHaveLength(1);
    expect(ref![0]!.type).toBe('character');
    expect(ref![0]!.image_file).toMatch(/^data:image\/(png|jpeg);base64,/);
    const made = batch.jobs[0]!.tiles[0]!.itemId as string;
    const detail = await call('library:item', { id: made });
    expect(detail.record).toMatchObject({ provider: 'minimax', model: 'image-01', operation: 'subject-image' });
    expect(detail.parents.map((p) => [p.kind, p.record.id])).toEqual([['reference-of', subject]]);
  });

  it('refuses a provider whose key is missing before anything is queued, naming "Add your API key"', async () => {
    const before = stability.requests.length;
    await expect(call('jobs:submit', request('stable-image-core', 'a cat', 1, '1:1'))).rejects.toThrow(/No Stability AI API key is set\. Add your API key/);
    expect((await call('jobs:list', {})).batches).toEqual([]);
    expect(stability.requests.length).toBe(before);
  });

  it('refuses xAI without its key the same way (the page now opens for another provider’s key)', async () => {
    await expect(call('jobs:submit', request('grok-imagine-image', 'a cat', 1, '1:1'))).rejects.toThrow(/No xAI API key is set\. Add your API key for xAI/);
    expect((await call('jobs:list', {})).batches).toEqual([]);
  });

  it('offers only what the chosen model takes: a ratio the model lacks is refused with the model named', async () => {
    await call('key:set', { provider: 'stability', key: 'sk-generate-test-key' });
    await expect(call('jobs:submit', request('stable-image-core', 'a cat', 1, '2:1'))).rejects.toThrow(/Stable Image Core does not take the 2:1 aspect ratio/);
  });
});
