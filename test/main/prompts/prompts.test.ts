/**
 * Issue 19: wildcards, the prompt list text format, the prompt library (in memory and on SQLite, one suite), and the
 * enhancer against the real simulator through the real chat client — paid through the one ledger and budget.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandWildcards, wildcardCount } from '@contract';
import { InMemoryJobStore } from '../../../src-main/core/jobs/in-memory-job-store';
import { InMemorySavedPromptStore, formatPromptList, parsePromptList, type SavedPromptStore } from '../../../src-main/core/prompts/saved-prompts';
import { SqliteSavedPromptStore } from '../../../src-main/adapters/prompts/sqlite-saved-prompt-store';
import { createXaiChatClient } from '../../../src-main/adapters/xai/xai-chat-client';
import { createSpendLedger } from '../../../src-main/services/ledger/spend';
import { createEnhanceService } from '../../../src-main/services/prompts/enhance-service';
import { createPaidWork } from '../../../src-main/services/paid-work/paid-work';
import { InMemoryResultStaging } from '../../../src-main/core/jobs/result-staging';
import { createPromptLibrary } from '../../../src-main/services/prompts/prompt-library';
import { cleanRewrite } from '../../../src-main/core/enhance/ports';
import { TEST_KEY, startTestSimulator } from '../simulator/helpers';

const clock = { now: () => 1_000_000, sleep: async () => {} };
const silent = { info() {}, warn() {}, error() {} };

describe('wildcards', () => {
  it.each([
    ['a cat', ['a cat']],
    ['a {red|blue} cat', ['a red cat', 'a blue cat']],
    ['{a|b} {1|2}', ['a 1', 'a 2', 'b 1', 'b 2']],
    ['{|very }old house', ['old house', 'very old house']],
    ['a {single} brace and } stray {', ['a {single} brace and } stray {']],
    ['x {a|b', ['x {a|b']],
  ])('%s', (text, expected) => {
    expect(expandWildcards(text)).toEqual(expected);
  });
  it('stops past the batch limit so the caller can refuse it', () => {
    expect(wildcardCount('{1|2|3|4|5|6|7|8} {1|2|3|4|5|6|7|8}')).toBe(51);
    expect(wildcardCount('{1|2|3|4|5} {1|2|3|4|5} {1|2}')).toBe(50);
  });
});

describe('prompt list text', () => {
  it('reads plain lines and name/tags/prompt lines, skipping blanks and comments; writes what it reads', () => {
    const lines = parsePromptList('# comment\nA fox in snow\n\nHarbour\tsea, Dawn\ta harbour at {dawn|dusk}\r\n');
    expect(lines).toEqual([
      { name: 'A fox in snow', tags: [], text: 'A fox in snow' },
      { name: 'Harbour', tags: ['sea', 'dawn'], text: 'a harbour at {dawn|dusk}' },
    ]);
    const saved = lines.map((l, i) => ({ id: `${i}`.padStart(32, '0'), ...l, createdAt: 1, updatedAt: 1 }));
    expect(parsePromptList(formatPromptList(saved))).toEqual(lines);
  });
});

const stores: [string, () => { store: SavedPromptStore; done(): void }][] = [
  ['in memory', () => ({ store: new InMemorySavedPromptStore(), done() {} })],
  ['SQLite', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'prompts-'));
    const store = new SqliteSavedPromptStore(path.join(dir, 'prompts.db'));
    return { store, done: () => { store.close(); rmSync(dir, { recursive: true, force: true }); } };
  }],
];

describe.each(stores)('prompt library (%s)', (_name, make) => {
  it('saves with a name and tags, replaces by name, searches, imports and exports', () => {
    const { store, done } = make();
    let n = 0;
    const lib = createPromptLibrary({ store, clock, newId: () => `${++n}`.padStart(32, 'a') });
    const fox = lib.save({ name: 'Fox', text: 'a fox in snow', tags: ['Animals', 'animals', ' winter '] });
    expect(fox.tags).toEqual(['animals', 'winter']);
    const again = lib.save({ name: 'fox', text: 'a red fox in snow', tags: [] });
    expect(again.id).toBe(fox.id);
    expect(lib.list().prompts).toHaveLength(1);
    expect(lib.importText('Harbour\tsea\ta harbour at dawn\nFox\tanimals\ta grey fox\n')).toEqual({ added: 1, replaced: 1 });
    expect(lib.list('sea').prompts.map((p) => p.name)).toEqual(['Harbour']);
    expect(lib.list('grey').prompts.map((p) => p.name)).toEqual(['Fox']);
    const text = lib.exportText().text;
    expect(parsePromptList(text).map((l) => l.name)).toEqual(['Fox', 'Harbour']);
    expect(lib.delete(fox.id)).toEqual({ count: 1 });
    expect(() => lib.importText('\n# nothing\n')).toThrow(/No prompts found/);
    done();
  });
});

describe('the enhancer', () => {
  let sim: Awaited<ReturnType<typeof startTestSimulator>>;
  beforeAll(async () => {
    sim = await startTestSimulator();
  });
  afterAll(() => sim.close());

  const make = (cap: number | null, enhanceModel = 'grok-4-1-fast-non-reasoning') => {
    const store = new InMemoryJobStore();
    const spend = createSpendLedger({ store, clock, events: { emit() {} }, budgetCapUsd: () => cap });
    const chat = createXaiChatClient({ baseUrl: sim.api, getApiKey: async () => TEST_KEY, clock });
    const work = createPaidWork({ staging: new InMemoryResultStaging(), library: { ingest: async () => { throw new Error('no images here'); } }, spend, clock, logger: silent });
    return { spend, service: createEnhanceService({ chat, spend, work, settings: () => ({ enhanceModel, requestTimeoutSec: 30 }), logger: silent }) };
  };

  it('rewrites for an image, records the reported cost as text spend once, and sends nothing else', async () => {
    const { service, spend } = make(null);
    const before = sim.requests.length;
    const view = await service.enhance({ prompt: 'a lighthouse at dusk', target: 'image' });
    expect(view.original).toBe('a lighthouse at dusk');
    expect(view.rewrite).toMatch(/^A lighthouse at dusk, .*lighting/);
    expect(view.model).toBe('grok-4-1-fast-non-reasoning');
    const sent = sim.requests.slice(before);
    expect(sent.map((r) => r.path)).toEqual(['/v1/chat/completions']);
    expect(sent[0]?.body).toMatchObject({ model: 'grok-4-1-fast-non-reasoning', messages: [{ role: 'system' }, { role: 'user', content: 'a lighthouse at dusk' }] });
    expect(view.costTicks).toBeGreaterThan(0);
    expect(spend.ledger().sessionByKind?.text).toBe(view.costTicks);
    expect(spend.ledger().sessionTicks).toBe(view.costTicks);
  });

  it('asks for motion in a video rewrite', async () => {
    const view = await make(null).service.enhance({ prompt: 'waves on rocks', target: 'video' });
    expect(view.rewrite).toContain('camera');
  });

  it('is refused over the budget cap before anything is sent', async () => {
    const { service } = make(0.000001);
    const before = sim.requests.length;
    await expect(service.enhance({ prompt: 'a lighthouse', target: 'image' })).rejects.toThrow(/over your budget cap/);
    expect(sim.requests.length).toBe(before);
  });

  it('tidies what a model adds around the prompt', () => {
    expect(cleanRewrite('  Prompt: "A fox,   in snow."  ')).toBe('A fox, in snow.');
  });
});
