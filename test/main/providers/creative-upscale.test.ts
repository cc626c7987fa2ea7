/**
 * Stability's creative upscale survives a quit or a crash while it polls (issue 18 §2): the generation id is
 * journaled the moment the start call answers, and the next start resumes polling from the journal — one POST in
 * all, the result filed once as an edit of its source (`edited-from`), its 60 credits in the ledger once, and the
 * renderer told. A result Stability no longer has (404 after 24 h) or refuses to give ends the job in words, with
 * nothing filed and nothing charged. The whole app core against the Stability simulator; polls every 50 ms here.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ChannelInput, ChannelName, ChannelOutput, EventName, EventPayload } from '@contract';
import { createAppCore, type AppCore } from '../../../src-main/app-core';
import { createImageOpJournal } from '../../../src-main/adapters/provider-ops';
import { FsResultStaging } from '../../../src-main/adapters/jobs/fs-result-staging';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { InMemorySecretStore } from '../../../src-main/core/secrets/secret-store';
import { creativeWords } from '../../../src-main/services/provider-ops/creative-upscale';
import { startStabilitySimulator, type StabilitySimulator } from '../../../src-main/simulator/stability';

const silent = { info() {}, warn() {}, error() {} };
const CREDITS_60 = 6_000_000_000;
let sim: StabilitySimulator;
let pollEnv: string | undefined;
beforeAll(async () => {
  sim = await startStabilitySimulator();
  pollEnv = process.env.IMAGINE_STABILITY_POLL_MS;
  process.env.IMAGINE_STABILITY_POLL_MS = '50';
});
afterAll(async () => {
  if (pollEnv === undefined) delete process.env.IMAGINE_STABILITY_POLL_MS;
  else process.env.IMAGINE_STABILITY_POLL_MS = pollEnv;
  await sim.close();
});

let dataDir: string;
let core: AppCore | null;
let emitted: { name: string; payload: unknown }[];
const call = <C extends ChannelName>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> =>
  (core!.handlers[channel] as (i: unknown) => Promise<ChannelOutput<C>>)(input);

async function open() {
  core = await createAppCore({
    shell: 'browser-host', dataDir, version: '0.0.0', versions: {}, clock: systemClock, logger: silent, secrets: new InMemorySecretStore(),
    providerBaseUrls: { stability: sim.url },
    events: { emit: <E extends EventName>(name: E, payload: EventPayload<E>) => void emitted.push({ name, payload }) },
  });
  await call('key:set', { provider: 'stability', key: 'sk-creative-upscale-test-key' });
}
async function quit() {
  await core?.dispose();
  core = null;
}

async function libraryImage(): Promise<string> {
  const png = await sharp({ create: { width: 512, height: 384, channels: 3, background: '#3366aa' } }).png().toBuffer();
  return (await call('library:import', { source: { kind: 'bytes', name: 'harbour.png', base64: png.toString('base64') } })).imported[0]!;
}

const starts = (from: number) => sim.requests.slice(from).filter((r) => r.method === 'POST' && r.path === '/v2beta/stable-image/upscale/creative');
const polls = (from: number) => sim.requests.slice(from).filter((r) => r.method === 'GET' && r.path.startsWith('/v2beta/results/'));
const edits = async () => (await call('library:query', { filter: { trashed: false, provider: 'stability' }, sort: 'newest', limit: 10 })).ids;
const committed = async () => (await call('edit:operation-estimate', { operation: 'upscale-creative' })).committedTicks;
const settled = () => emitted.filter((e) => e.name === 'edit:operation-settled').map((e) => e.payload as EventPayload<'edit:operation-settled'>);

/** Starts a creative upscale that stays pending, waits until it has polled, and quits: the call ends, the job stays. */
async function startThenQuit(source: string, from: number) {
  sim.config.pendingPolls = 1_000_000;
  const running = call('edit:operation', { operation: 'upscale-creative', itemId: source });
  const outcome = running.then(() => null, (err: unknown) => err);
  await vi.waitFor(() => expect(polls(from).length).toBeGreaterThan(0), { timeout: 10_000 });
  // The id was journaled before the first poll.
  const journal = createImageOpJournal(dataDir);
  const [job] = journal.unfinished();
  journal.close();
  expect(job).toMatchObject({ state: 'pending', sourceItemId: source, remoteId: expect.stringMatching(/^[0-9a-f]{64}$/) });
  expect(sim.results.has(job!.remoteId!)).toBe(true);
  await quit();
  // The waiting call ends with words, not a result: the job goes on at Stability and resumes next start.
  expect(await outcome).toMatchObject({ appError: { kind: 'cancelled', message: creativeWords.stopped } });
  return job!;
}

beforeEach(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'upscale-creative-'));
  emitted = [];
  sim.config.pendingPolls = 2;
  sim.config.resultTtlMs = 86_400_000;
  await open();
});
afterEach(async () => {
  await quit();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('creative upscale through the journal', () => {
  it('journals the generation id, resumes polling after a quit, and files the result once with no second start', async () => {
    const source = await libraryImage();
    const from = sim.requests.length;
    const job = await startThenQuit(source, from);
    const pollsBefore = polls(from).length;

    await open();
    // Listed as still collecting (the renderer says so at start), with no call waiting for it.
    expect(await call('edit:operations-collecting', {})).toEqual([{ operation: 'upscale-creative', sourceItemId: source, startedAt: job.createdAt }]);
    sim.config.pendingPolls = 0;
    await vi.waitFor(() => expect(settled()).toHaveLength(1), { timeout: 10_000 });
    expect(await call('edit:operations-collecting', {})).toEqual([]);
    const [ended] = settled();
    expect(ended).toMatchObject({ operation: 'upscale-creative', state: 'done', sourceItemId: source, itemId: expect.any(String) });
    expect(polls(from).length).toBeGreaterThan(pollsBefore);
    expect(polls(from).every((r) => r.path === `/v2beta/results/${job.remoteId}`)).toBe(true);
    expect(starts(from)).toHaveLength(1);

    const detail = await call('library:item', { id: ended!.itemId! });
    expect(detail.record).toMatchObject({ provider: 'stability', operation: 'upscale-creative', origin: 'edited', costTicks: CREDITS_60, sourceJobId: job.id });
    expect(detail.parents).toEqual([expect.objectContaining({ kind: 'edited-from', record: expect.objectContaining({ id: source }) })]);
    const { ledger } = await call('jobs:list', {});
    expect(ledger.totalTicks).toBe(CREDITS_60);
    // The session's budget holds it once: spent now, no longer in flight.
    expect(await committed()).toBe(CREDITS_60);

    // Another start finds nothing to resume: one item, one ledger row, still one POST.
    await quit();
    await open();
    expect(await edits()).toEqual([ended!.itemId]);
    expect((await call('jobs:list', {})).ledger.totalTicks).toBe(CREDITS_60);
    expect(starts(from)).toHaveLength(1);
  });

  it('counts a collecting upscale against the budget, and files a result staged before a crash once, without polling again', async () => {
    const source = await libraryImage();
    const from = sim.requests.length;
    expect(await committed()).toBe(0);
    sim.config.pendingPolls = 1_000_000;
    const running = call('edit:operation', { operation: 'upscale-creative', itemId: source }).catch(() => null);
    await vi.waitFor(() => expect(polls(from).length).toBeGreaterThan(0), { timeout: 10_000 });
    expect(await committed()).toBe(CREDITS_60);
    await quit();
    await running;
    // As a crash between staging the result and filing it leaves things: the row marked, the bytes staged.
    const journal = createImageOpJournal(dataDir);
    const job = journal.unfinished()[0]!;
    journal.update(job.id, { ingestAt: Date.now() });
    journal.close();
    const bytes = await sharp({ create: { width: 1024, height: 768, channels: 3, background: '#884422' } }).png().toBuffer();
    await new FsResultStaging(path.join(dataDir, 'staging')).put({
      meta: { ...job.meta, requestId: 'req-creative-staged', stagedAt: Date.now() },
      images: [{ index: 0, bytes: new Uint8Array(bytes), mime: 'image/png' }],
    });
    const pollsBefore = polls(from).length;

    await open();
    await vi.waitFor(() => expect(settled()).toMatchObject([{ state: 'done' }]), { timeout: 10_000 });
    expect(await edits()).toEqual([settled()[0]!.itemId]);
    expect(polls(from).length).toBe(pollsBefore);
    expect(starts(from)).toHaveLength(1);
    expect((await call('jobs:list', {})).ledger.totalTicks).toBe(CREDITS_60);
    expect(await committed()).toBe(CREDITS_60);
  });

  it('ends a result Stability no longer has (404 after 24 h) as expired, in words, with nothing filed or charged', async () => {
    const source = await libraryImage();
    const from = sim.requests.length;
    await startThenQuit(source, from);
    sim.config.resultTtlMs = -1;
    await open();
    await vi.waitFor(() => expect(settled()).toHaveLength(1), { timeout: 10_000 });
    expect(settled()[0]).toMatchObject({ state: 'expired', itemId: null, message: creativeWords.expired });
    expect(creativeWords.expired).toMatch(/24 hours/);
    expect(await edits()).toEqual([]);
    expect((await call('jobs:list', {})).ledger.totalTicks).toBe(0);
    expect(await committed()).toBe(0);
    expect(starts(from)).toHaveLength(1);
  });

  it('ends a result Stability refuses to give as failed, and says so to the waiting call', async () => {
    const source = await libraryImage();
    const from = sim.requests.length;
    sim.config.pendingPolls = 1_000_000;
    const running = call('edit:operation', { operation: 'upscale-creative', itemId: source });
    const outcome = running.then(() => null, (err: unknown) => err);
    await vi.waitFor(() => expect(polls(from).length).toBeGreaterThan(0), { timeout: 10_000 });
    // The generation fails on Stability's side: its result answers 500 (the client retries twice, then gives up).
    const pending = [...sim.results.values()].at(-1);
    const failed = Promise.reject(new Error('generation failed'));
    failed.catch(() => undefined);
    pending!.asset = failed;
    sim.config.pendingPolls = 0;
    const err = (await outcome) as { appError?: { message: string } } | null;
    expect(err?.appError?.message).toMatch(/^Stability AI could not finish this creative upscale: .*generation failed.*the source image is unchanged\.$/);
    expect(await edits()).toEqual([]);
    expect((await call('jobs:list', {})).ledger.totalTicks).toBe(0);
    expect(await committed()).toBe(0);
    // Ended for good: the next start does not poll it again.
    await quit();
    const pollsBefore = polls(from).length;
    await open();
    expect(settled()).toEqual([]);
    expect(polls(from).length).toBe(pollsBefore);
  });

  it('explains a job the app died starting (no id yet): lost, in words, with what Stability may have billed', async () => {
    const source = await libraryImage();
    await quit();
    const journal = createImageOpJournal(dataDir);
    const now = Date.now();
    journal.insert({
      id: 'c'.repeat(32), state: 'submitting', createdAt: now, updatedAt: now, finishedAt: null, reason: null, note: null, provider: 'stability',
      operation: 'upscale-creative', sourceItemId: source, remoteId: null, startRequestId: null, estimateTicks: CREDITS_60, polls: 0, ingestAt: null, itemId: null, seed: null,
      meta: { jobId: 'c'.repeat(32), attempt: 1, requestId: null, costTicks: CREDITS_60, share: CREDITS_60, prompt: '', model: 'stability/upscale/creative', params: {}, aspectRatio: null, slots: ['image'], stagedAt: now, kind: 'edit' },
    });
    journal.close();
    const from = sim.requests.length;
    await open();
    await vi.waitFor(() => expect(settled()).toHaveLength(1), { timeout: 10_000 });
    expect(settled()[0]).toMatchObject({ state: 'lost', itemId: null, message: creativeWords.lostAtStart(CREDITS_60) });
    expect(settled()[0]!.message).toMatch(/before Stability AI answered with its id.*60 credits/);
    // Nothing is sent for it: no start call, no poll (there is no id to poll).
    expect([starts(from), polls(from)]).toEqual([[], []]);
  });
});
