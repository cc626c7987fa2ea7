/**
 * `imagine generate` against the simulator, beside an "app" that has the same library open: the images go through
 * the paid-work pipeline (paced, staged, one ledger row in jobs.db) into the library the app sees without a restart.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { SqliteJobStore } from '../../../src-main/adapters/jobs/sqlite-job-store';
import { systemClock } from '../../../src-main/adapters/system-clock';
import { main } from '../../../src-main/cli/imagine';
import { createLibraryService } from '../../../src-main/services/library/library-service';
import { startSimulator, type Simulator } from '../../../src-main/simulator';
import { pngOf } from '../edit/source-files';
import { writeFileSync } from 'node:fs';

let dir = '';
let sim: Simulator;
const silent = { info() {}, warn() {}, error() {} };

/** Runs the command, capturing what it writes. */
async function imagine(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((c) => (out.push(String(c)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((c) => (err.push(String(c)), true));
  try {
    const code = await main([...args, '--data-dir', dir, '--api-base-url', `${sim.url}/v1`]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'imagine-cli-gen-'));
  sim = await startSimulator({ latencyMs: 20 });
  vi.stubEnv('XAI_API_KEY', 'xai-test');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await sim.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('imagine generate', () => {
  it('prints the new items as JSON, files them in the library the app has open, records the spend once, leaves nothing staged', async () => {
    // The "app": the same library, open before the command runs.
    const adapters = createLibraryAdapters(path.join(dir, 'library'));
    const app = createLibraryService({ ...adapters, clock: systemClock, events: { emit() {} }, logger: silent });
    try {
      const r = await imagine('generate', 'a red fox', '-n', '2', '--model', 'grok-imagine-image', '--json');
      expect(r.code).toBe(0);
      expect(r.stderr).toContain('Generating 2 images with grok-imagine-image');
      expect(r.stderr).toContain('Saved 2/2');
      const printed = JSON.parse(r.stdout) as { items: { id: string; prompt: string; path: string }[]; costTicks: number; requestId: string };
      expect(printed.items.map((i) => i.prompt)).toEqual(['a red fox', 'a red fox']);
      expect(sim.requests.filter((q) => q.path === '/v1/images/generations')).toHaveLength(1);
      // The open library sees them (WAL, another writer) without reopening.
      await vi.waitFor(() => expect(app.query({ filter: { kind: 'image', trashed: false }, sort: 'newest', limit: 10 }).ids.sort())
        .toEqual(printed.items.map((i) => i.id).sort()));
      const store = new SqliteJobStore(path.join(dir, 'jobs.db'));
      expect(store.spentSince(0)).toBe(printed.costTicks);
      store.close();
      expect(readdirSync(path.join(dir, 'staging'))).toEqual([]);
    } finally {
      await app.idle();
      adapters.store.close();
    }
  });

  it('exit codes per AppError kind: a refused request, a bad key, a bad address', async () => {
    expect((await imagine('generate', 'x', '--aspect-ratio', '7:3', '--json')).code).toBe(2);
    vi.stubEnv('XAI_API_KEY', 'xai-wrong');
    const sim2 = sim;
    sim = await startSimulator({ latencyMs: 0, validKeys: ['xai-right'] });
    try {
      const unauthorized = await imagine('generate', 'x', '--json');
      expect(unauthorized.code).toBe(4);
      // Progress and notices are lines on stderr too; the error is the last, as JSON.
      expect(JSON.parse(unauthorized.stderr.trim().split('\n').at(-1) ?? '') as { error: { kind: string } }).toMatchObject({ error: { kind: 'unauthorized' } });
    } finally {
      await sim.close();
      sim = sim2;
    }
    // Plain http to anything but this machine would send the key in clear: refused before anything is sent.
    const e = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['generate', 'x', '--data-dir', dir, '--api-base-url', 'http://example.com/v1'])).toBe(2);
    } finally {
      e.mockRestore();
    }
  });
});

describe('imagine edit and imagine video', () => {
  it('edits a file: imported as the parent, the result filed with its edited-from link, one ledger row', async () => {
    const file = path.join(dir, 'barn.png');
    writeFileSync(file, await pngOf());
    const r = await imagine('edit', 'make the barn blue', file, '--model', 'grok-imagine-image', '--json');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { results: { itemId: string }[]; sourceItemIds: string[]; costTicks: number };
    expect(out.results).toHaveLength(1);
    expect(out.sourceItemIds).toHaveLength(1);
    expect(sim.requests.filter((q) => q.path === '/v1/images/edits')).toHaveLength(1);
    const adapters = createLibraryAdapters(path.join(dir, 'library'));
    const lib = createLibraryService({ ...adapters, clock: systemClock, events: { emit() {} }, logger: silent });
    try {
      expect(lib.item(out.results[0]!.itemId).parents.map((p) => p.record.id)).toEqual(out.sourceItemIds);
    } finally {
      await lib.idle();
      adapters.store.close();
    }
    const store = new SqliteJobStore(path.join(dir, 'jobs.db'));
    expect(store.spentSince(0, { kind: 'edit' })).toBe(out.costTicks);
    store.close();
  });

  it('makes a video: journaled, followed to the end, filed, its cost recorded once', async () => {
    vi.stubEnv('IMAGINE_VIDEO_POLL_MS', '20');
    const r = await imagine('video', 'a cat on a wall', '--model', 'grok-imagine-video', '--duration', '2', '--resolution', '480p', '--json');
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('Video done');
    const out = JSON.parse(r.stdout) as { job: { state: string; costTicks: number; itemId: string }; path: string };
    expect(out.job.state).toBe('done');
    expect(out.path).toMatch(/\.mp4$/);
    const store = new SqliteJobStore(path.join(dir, 'jobs.db'));
    expect(store.spentSince(0, { kind: 'video' })).toBe(out.job.costTicks);
    store.close();
  });
});
