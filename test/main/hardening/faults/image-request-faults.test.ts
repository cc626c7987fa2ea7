/**
 * Fault matrix, image requests: what xAI (or the road to it) can do to a paid POST. For every fault the job ends in
 * the right state with a message a person can read, images saved before are untouched, and no billed POST is sent
 * again behind the user's back (the transport retries a POST only when it certainly never started work: a 429).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { JobView } from '@contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectReadable } from '../support/faults';
import { billedFor, openRig, postsFor, until, type Rig } from '../support/rig';

let rig: Rig;
const MAY_BE_BILLED = /xAI may have received and billed this request, but the images never arrived\. Nothing was sent again automatically\./;
let baseline: { id: string; file: string }[] = [];
const request = (prompt: string, n = 1) => ({ prompts: [prompt], n, model: 'grok-imagine-image', aspectRatio: '1:1' as const, resolution: '1k' as const });

function jobOf(prompt: string): JobView {
  const job = rig.parts.generation.list().batches.flatMap((b) => b.jobs).find((j) => j.prompt === prompt);
  if (!job) throw new Error(`no job for ${prompt}`);
  return job;
}

async function run(prompt: string, n = 1): Promise<JobView> {
  rig.parts.generation.submit(request(prompt, n));
  await rig.parts.generation.idle();
  return jobOf(prompt);
}

/** What was saved before the fault is still there: rows and files. */
function expectBaselineIntact(): void {
  const records = rig.parts.library.records(baseline.map((b) => b.id));
  expect(records.map((r) => r.id)).toEqual(baseline.map((b) => b.id));
  for (const b of baseline) expect(existsSync(path.join(rig.dir, 'library', ...b.file.split('/')))).toBe(true);
}

beforeAll(async () => {
  rig = await openRig({ sim: { rateLimitRetryAfterSeconds: 1 } });
  const job = await run('baseline before the faults', 2);
  expect(job.state).toBe('succeeded');
  baseline = rig.parts.library.records(job.tiles.map((t) => t.itemId as string)).map((r) => ({ id: r.id, file: r.file }));
  expect(baseline).toHaveLength(2);
});
afterAll(async () => {
  await rig.close();
});

describe('image request faults', () => {
  it('a 429 storm: waits it out with a note, finishes, and only the one answered request is billed', async () => {
    rig.sim.injectFault({ fault: { type: 'rate-limit', retryAfter: '1' }, method: 'POST', path: '/v1/images/generations', times: 8 });
    rig.parts.generation.submit({ ...request('storm a'), prompts: ['storm a', 'storm b'] });
    await rig.parts.generation.idle();
    for (const p of ['storm a', 'storm b']) {
      expect(jobOf(p).state).toBe('succeeded');
      expect(billedFor(rig.sim, p)).toHaveLength(1);
    }
    expect(postsFor(rig.sim, 'storm a').length + postsFor(rig.sim, 'storm b').length).toBe(10);
    const notes = rig.parts.events.of('jobs:progress').map((e) => e.job.note).filter(Boolean);
    expect(notes.length).toBeGreaterThan(0);
    expectReadable(notes[0]);
    expectBaselineIntact();
  });

  it('a 429 that never ends: the job waits (never failed, never billed) until the user cancels', async () => {
    const prompt = 'endless RATE_LIMIT';
    rig.parts.generation.submit(request(prompt));
    await until(() => postsFor(rig.sim, prompt).length >= 3, 15_000, 'three 429s');
    expect(['queued', 'running']).toContain(jobOf(prompt).state);
    expect(billedFor(rig.sim, prompt)).toHaveLength(0);
    rig.parts.generation.cancel({ jobId: jobOf(prompt).id });
    await rig.parts.generation.idle();
    const job = jobOf(prompt);
    expect(job.state).toBe('cancelled');
    expectReadable(job.error?.message);
    expectBaselineIntact();
  });

  it.each([
    ['500', 'SERVER_ERROR', 'api', /server error/],
    ['503', 'UNAVAILABLE', 'api', /server error.*unavailable/i],
    ['an HTML error page (502 from a proxy)', 'HTML_ERROR', 'api', /502 Bad Gateway/],
    ['a connection reset', 'RESET', 'network', /connection to xAI broke/],
    ['truncated JSON', 'TRUNCATED', 'api', /unreadable image response/],
    ['a 200 that is not JSON', 'NOT_JSON', 'api', /unreadable image response/],
  ])('%s: the job fails once, readably, and is not sent again', async (_name, word, kind, text) => {
    const prompt = `fault ${word}`;
    const job = await run(prompt);
    expect(job.state).toBe('failed');
    expect(job.error?.kind).toBe(kind);
    expect(job.error?.message).toMatch(text);
    // It may have reached xAI: the message says it may be billed, and that it was not sent again.
    expect(job.error?.message).toMatch(MAY_BE_BILLED);
    expectReadable(job.error?.message);
    expect(job.tiles.every((t) => t.state === 'failed')).toBe(true);
    expect(job.tiles[0]?.reason).toBe(job.error?.message);
    expect(postsFor(rig.sim, prompt)).toHaveLength(1);
    expect(billedFor(rig.sim, prompt).length).toBeLessThanOrEqual(1);
    expectBaselineIntact();
  });

  it('a request that hangs: times out at the user’s request timeout, once, and says so', async () => {
    rig.settings.requestTimeoutSec = 1;
    try {
      const prompt = 'fault HANG';
      const started = Date.now();
      const job = await run(prompt);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(job).toMatchObject({ state: 'failed', error: { kind: 'timeout' } });
      expect(job.error?.message).toMatch(/did not answer within 1 s/);
      expect(job.error?.message).toMatch(MAY_BE_BILLED);
      expectReadable(job.error?.message);
      expect(postsFor(rig.sim, prompt)).toHaveLength(1);
    } finally {
      rig.settings.requestTimeoutSec = 30;
    }
    expectBaselineIntact();
  });

  it('a moderated slot: the others are saved, the blocked one says why, one billed request', async () => {
    const prompt = 'fault BLOCKED';
    const job = await run(prompt, 3);
    expect(job.state).toBe('partially-blocked');
    expect(job.tiles.map((t) => t.state)).toEqual(['blocked', 'done', 'done']);
    expectReadable(job.tiles[0]?.reason);
    expect(billedFor(rig.sim, prompt)).toHaveLength(1);
    expectBaselineIntact();
  });
});
