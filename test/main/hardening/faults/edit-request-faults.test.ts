/**
 * Fault matrix, edit requests: what xAI (or the road to it) can do to a paid edit POST, through the real client and
 * the simulator. Each failure says in words whether xAI may have billed it, the edit is sent once (never again behind
 * the user's back), nothing is committed against the budget afterwards, and nothing is left staged.
 */
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSharpSourceNormalizer } from '../../../../src-main/adapters/edit/sharp-source-normalizer';
import { FsResultStaging } from '../../../../src-main/adapters/jobs/fs-result-staging';
import { createXaiImagineClient } from '../../../../src-main/adapters/xai';
import { AppErrorException } from '../../../../src-main/core/app-error';
import { InMemoryEditSourceStore } from '../../../../src-main/core/edit/in-memory-source-store';
import { createEditService, type EditService } from '../../../../src-main/services/edit/edit-service';
import { expectReadable } from '../support/faults';
import { fastClock, openRig, postsFor, quiet, type Rig } from '../support/rig';

const EDITS = '/v1/images/edits';
let rig: Rig;
let edit: EditService;
let sourceId: string;

beforeAll(async () => {
  rig = await openRig();
  rig.settings.requestTimeoutSec = 1;
  const api = createXaiImagineClient({ baseUrl: `${rig.sim.url}/v1`, getApiKey: async () => 'xai-rig-key', clock: fastClock, retry: { maxAttempts: 1 }, timeouts: { postMs: 1_000 } });
  const { library, adapters, generation } = rig.parts;
  edit = createEditService({
    api, normalizer: createSharpSourceNormalizer(), sources: new InMemoryEditSourceStore(), clock: fastClock, logger: quiet,
    spend: generation.spend, staging: new FsResultStaging(path.join(rig.dir, 'staging')),
    library: { ingest: library.ingest, item: library.item, read: (r) => adapters.files.read(r.file) },
  });
  rig.parts.generation.submit({ prompts: ['edit fault baseline'], n: 1, model: 'grok-imagine-image', aspectRatio: '1:1', resolution: '1k' });
  await rig.parts.generation.idle();
  const item = rig.parts.generation.list().batches[0]?.jobs[0]?.tiles[0]?.itemId as string;
  sourceId = (await edit.prepare({ itemId: item })).id;
}, 30_000);
afterAll(async () => {
  await rig.close();
});

const stagedFolders = () => (existsSync(path.join(rig.dir, 'staging')) ? readdirSync(path.join(rig.dir, 'staging')) : []);

describe('edit request faults', () => {
  it.each([
    ['a 500', 'SERVER_ERROR', 'api', true],
    ['a 503', 'UNAVAILABLE', 'api', true],
    ['an HTML error page (502 from a proxy)', 'HTML_ERROR', 'api', true],
    ['a connection reset', 'RESET', 'network', true],
    ['truncated JSON', 'TRUNCATED', 'api', true],
    ['a 200 that is not JSON', 'NOT_JSON', 'api', true],
    ['a request that hangs past the timeout', 'HANG', 'timeout', true],
  ])('%s: fails once, in words that say xAI may have billed it and nothing was resent', async (_name, word, kind, billed) => {
    const prompt = `edit fault ${word}`;
    const error = await edit
      .submit({ sources: [{ id: sourceId, rotate: 0, crop: null }], prompt, model: 'grok-imagine-image', n: 1, resolution: '1k' })
      .then(() => null, (e: unknown) => (e instanceof AppErrorException ? e.appError : null));
    expect(error?.kind).toBe(kind);
    expectReadable(error?.message);
    expect(/may have received and billed this request, but the edited images never arrived\. Nothing was sent again automatically\./.test(error?.message ?? '')).toBe(billed);
    expect(postsFor(rig.sim, prompt, EDITS)).toHaveLength(1);
    expect(rig.parts.generation.spend.check(0).committedTicks).toBe(rig.parts.generation.ledger().sessionTicks);
    expect(stagedFolders()).toEqual([]);
  }, 20_000);
});
