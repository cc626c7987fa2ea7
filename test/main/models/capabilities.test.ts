/** The capability table: its own shape, the derived look-ups, listing merges, and the service that keeps it current. */
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_TABLE, CapabilityTableSchema, findModel, imagePriceTicks, resolveModel, servedQuality, type EventName,
} from '@contract';
import { listedPriceTicks, mergeListings } from '../../../src-main/core/models/merge-listing';
import { createCapabilityService } from '../../../src-main/services/models/capability-service';
import type { ImagineApi, ImageModelListing } from '../../../src-main/core/xai';
import { fakeClock } from '../simulator/helpers';

const quiet = { info() {}, warn() {}, error() {} };

describe('the built-in table', () => {
  it('passes its own schema (what models:capabilities sends)', () => {
    expect(CapabilityTableSchema.safeParse(BUILT_IN_TABLE).success).toBe(true);
  });

  it('holds the December facts: 2.0 quality and 5 sources, -quality and -pro retired to 2.0 low, 1.5-lite', () => {
    const two = findModel('grok-imagine-image-2.0', 'image');
    expect(two).toMatchObject({ status: 'current', maxEditSources: 5, qualities: ['auto', 'low', 'medium'] });
    expect(two?.ratios).toEqual(expect.arrayContaining(['21:9', '5:2', 'auto']));
    expect(findModel('grok-imagine-image', 'image')).toMatchObject({ maxEditSources: 3, qualities: [] });
    expect(findModel('grok-imagine-image', 'image')?.ratios).not.toContain('21:9');
    for (const id of ['grok-imagine-image-quality', 'grok-imagine-image-pro']) {
      expect(resolveModel(id, 'image')).toMatchObject({ model: { id: 'grok-imagine-image-2.0' }, quality: 'low' });
    }
    expect(findModel('grok-imagine-video-1.5-lite', 'video')).toMatchObject({ modes: ['text', 'image'], maxReferences: 0 });
    expect(findModel('grok-imagine-video-1.5', 'video')?.modes).not.toContain('extend');
  });

  it('serves auto as low for generations and medium for edits, and prices what is served', () => {
    const two = findModel('grok-imagine-image-2.0', 'image')!;
    expect(servedQuality(two, 'auto', 'generate')).toBe('low');
    expect(servedQuality(two, undefined, 'edit')).toBe('medium');
    expect(imagePriceTicks(two, 'low', '2k')).toBe(600_000_000);
    expect(imagePriceTicks(two, 'medium', '1k')).toBe(600_000_000);
    expect(servedQuality(findModel('grok-imagine-image', 'image')!, 'medium', 'generate')).toBeUndefined();
  });

  it('words a retirement in one line', () => {
    expect(resolveModel('grok-imagine-image-quality', 'image')?.notice)
      .toBe('grok-imagine-image-quality was retired by xAI on 2 Nov 2026; using grok-imagine-image-2.0 at Low quality.');
    expect(resolveModel('grok-2-image-1212', 'image')?.notice).toBe('grok-2-image-1212 was retired by xAI on 15 May 2026; using grok-imagine-image.');
    expect(resolveModel('grok-imagine-image', 'image')?.notice).toBeNull();
  });
});

const listing = (over: Partial<ImageModelListing>): ImageModelListing => ({ id: 'grok-imagine-image', aliases: [], pricing: [], ...over });

describe('merging a listing', () => {
  it('takes listed prices per quality and resolution, keeps what it does not mention, and says so', () => {
    const merged = mergeListings(BUILT_IN_TABLE, 'xai', {
      images: [listing({ id: 'grok-imagine-image-2.0', pricing: [{ quality: 'low', resolution: '1k', pricePerImageTicks: 350_000_000 }, { quality: 'high', resolution: '1k', pricePerImageTicks: 9 }] })],
      videos: [],
    });
    expect(merged.priceSource).toBe('listing');
    const two = findModel('grok-imagine-image-2.0', 'image', merged)!;
    expect(imagePriceTicks(two, 'low', '1k')).toBe(350_000_000);
    expect(imagePriceTicks(two, 'medium', '2k')).toBe(800_000_000);
    expect(two.prices).toHaveLength(4); // "high" is not a quality the table knows: ignored
  });

  it('reads image_price in cents or ticks, adds aliases, ignores unknown models, and never touches limits', () => {
    expect(listedPriceTicks(3)).toBe(300_000_000);
    expect(listedPriceTicks(200_000_000)).toBe(200_000_000);
    const merged = mergeListings(BUILT_IN_TABLE, 'xai', {
      images: [listing({ imagePriceTicks: 3, aliases: ['grok-imagine-image-next'] }), listing({ id: 'grok-imagine-image-9', imagePriceTicks: 1 })],
      videos: [{ id: 'grok-imagine-video', aliases: ['grok-imagine-video-2026'], inputModalities: [] }],
    });
    expect(findModel('grok-imagine-image-next', 'image', merged)?.id).toBe('grok-imagine-image');
    expect(findModel('grok-imagine-image-9', 'image', merged)).toBeUndefined();
    expect(findModel('grok-imagine-video-2026', 'video', merged)?.id).toBe('grok-imagine-video');
    expect(findModel('grok-imagine-image', 'image', merged)).toMatchObject({ maxEditSources: 3, ratios: findModel('grok-imagine-image', 'image')?.ratios });
  });

  it('stays "built-in" when the listing publishes no usable price', () => {
    expect(mergeListings(BUILT_IN_TABLE, 'xai', { images: [listing({})], videos: [] }).priceSource).toBe('built-in');
  });
});

describe('the capability service', () => {
  function harness(answer: () => Promise<ImageModelListing[]>) {
    const clock = fakeClock();
    const emitted: { event: EventName; payload: unknown }[] = [];
    const api = { listImageModels: answer, listVideoModels: async () => [] } as unknown as ImagineApi;
    const service = createCapabilityService({ api: () => api, clock, logger: quiet, events: { emit: (event, payload) => void emitted.push({ event, payload }) } });
    return { clock, emitted, service };
  }

  it('starts on the built-in table, merges the listing when it answers and tells the renderer once', async () => {
    const { service, emitted } = harness(async () => [listing({ imagePriceTicks: 250_000_000 })]);
    expect(service.current().priceSource).toBe('built-in');
    const view = await service.refresh(true);
    expect(view.table.priceSource).toBe('listing');
    expect(imagePriceTicks(findModel('grok-imagine-image', 'image', service.current())!, undefined, '1k')).toBe(250_000_000);
    expect(emitted.map((e) => e.event)).toEqual(['models:changed']);
    await service.refresh(true);
    expect(emitted).toHaveLength(1); // same answer: no event
  });

  it('keeps the built-in table when offline, and asks at most once a minute', async () => {
    let asked = 0;
    const { service, clock } = harness(async () => {
      asked++;
      throw new Error('offline');
    });
    expect((await service.refresh()).table.priceSource).toBe('built-in');
    await service.refresh();
    expect(asked).toBe(1);
    clock.advance(60_000);
    await service.refresh();
    expect(asked).toBe(2);
  });
});
