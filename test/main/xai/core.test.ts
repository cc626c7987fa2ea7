/** Pure core tables: error-body parsing, Retry-After, retry decisions, validation, costs, normalisation, sniffing. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_RETRY_POLICY, bytesToDataUri, decideRetry, estimateImageCost, estimateVideoCost, estimateVideoInputCost,
  imageEditIssues, imageGenerateIssues, imagePixelSize, inspectDataUri, normalizeImageResponse, normalizeVideoPoll, parseErrorBody,
  parseRetryAfter, ticksToUsd, usdToTicks, videoExtendIssues, videoGenerateIssues, videoPixelSize, type ImageGenerateRequest,
} from '../../../src-main/core/xai';
import { mergeListings } from '../../../src-main/core/models/merge-listing';
import { BUILT_IN_TABLE } from '@contract';

describe('parseErrorBody', () => {
  it.each([
    ['{"code":"400","error":"Argument not supported: size"}', { message: 'Argument not supported: size', code: '400' }],
    ['{"error":{"message":"m","code":42}}', { message: 'm', code: '42' }],
    ['{"error":"tts style"}', { message: 'tts style' }],
    ['Failed to deserialize the JSON body', { message: 'Failed to deserialize the JSON body' }],
    ['<!DOCTYPE html><html><title>Oops</title></html>', { message: 'Oops' }],
    ['', { message: '' }],
  ])('%s', (text, expected) => expect(parseErrorBody(text)).toEqual(expected));
});

describe('parseRetryAfter', () => {
  it('reads seconds, HTTP dates and ignores garbage', () => {
    expect(parseRetryAfter('3', 0)).toBe(3000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('decideRetry', () => {
  const p = DEFAULT_RETRY_POLICY;
  it.each([
    ['POST', { type: 'status', status: 500 }, false],
    ['GET', { type: 'status', status: 500 }, true],
    ['GET', { type: 'status', status: 404 }, false],
    ['POST', { type: 'status', status: 429 }, true],
    ['POST', { type: 'network', beforeSend: true }, true],
    ['POST', { type: 'network', beforeSend: false }, false],
    ['POST', { type: 'timeout' }, false],
    ['GET', { type: 'timeout' }, true],
  ] as const)('%s %j → retry %s', (method, failure, retry) => {
    expect(decideRetry({ method, attempt: 1, failure, policy: p }).retry).toBe(retry);
  });
  it('stops at maxAttempts', () => {
    expect(decideRetry({ method: 'GET', attempt: p.maxAttempts, failure: { type: 'timeout' }, policy: p }).retry).toBe(false);
  });
});

describe('pre-flight validation', () => {
  const base: ImageGenerateRequest = { prompt: 'a fox' };
  it.each([
    [{ n: 0 }, 'n'], [{ n: 11 }, 'n'], [{ prompt: '  ' }, 'prompt'], [{ prompt: 'x'.repeat(1025) }, 'prompt'],
    [{ aspect_ratio: '5:4' }, 'aspect_ratio'], [{ resolution: '1.5k' }, 'resolution'], [{ size: '1024x1024' }, 'size'],
    [{ style: 'vivid' }, 'style'], [{ model: 'nope' }, 'model'],
  ])('%j is rejected at %s', (patch, path) => {
    expect(imageGenerateIssues({ ...base, ...patch } as ImageGenerateRequest).map((i) => i.path)).toContain(path);
  });
  it('accepts a plain request', () => expect(imageGenerateIssues(base)).toEqual([]));

  it('edits: exclusivity, max images, formats and size by magic bytes', () => {
    const png = bytesToDataUri(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
    const gifAsPng = `data:image/png;base64,${btoa('GIF89a....')}`;
    expect(imageEditIssues({ prompt: 'x', image: { url: png } })).toEqual([]);
    expect(imageEditIssues({ prompt: 'x' })[0]?.path).toBe('images');
    expect(imageEditIssues({ prompt: 'x', image: { url: png }, images: [{ url: png }] })[0]?.message).toMatch(/not both/);
    expect(imageEditIssues({ prompt: 'x', images: Array.from({ length: 4 }, () => ({ url: png })) })[0]?.message).toMatch(/at most 3/);
    expect(imageEditIssues({ prompt: 'x', model: 'grok-imagine-image-2.0', images: Array.from({ length: 5 }, () => ({ url: png })) })).toEqual([]);
    expect(imageEditIssues({ prompt: 'x', model: 'grok-imagine-image-2.0', images: Array.from({ length: 6 }, () => ({ url: png })) })[0]?.message).toMatch(/at most 5/);
    expect(imageEditIssues({ prompt: 'x', image: { url: gifAsPng } })[0]?.message).toMatch(/GIF/);
    const big = `data:image/png;base64,${'iVBORw0KGgo' + 'A'.repeat(14 * 1024 * 1024)}`;
    expect(imageEditIssues({ prompt: 'x', image: { url: big } })[0]?.message).toMatch(/10 MiB/);
  });

  it('video: duration, 1080p per model, R2V cap, references, extension range', () => {
    expect(videoGenerateIssues({ prompt: 'x', duration: 16 })[0]?.path).toBe('duration');
    expect(videoGenerateIssues({ prompt: 'x', resolution: '1080p' })[0]?.path).toBe('resolution');
    expect(videoGenerateIssues({ prompt: 'x', resolution: '1080p', model: 'grok-imagine-video-1.5' })).toEqual([]);
    const ref = { url: 'https://e.com/a.png' };
    expect(videoGenerateIssues({ prompt: 'x', resolution: '1080p', model: 'grok-imagine-video-1.5', reference_images: [ref] })[0]?.message).toMatch(/720p/);
    expect(videoGenerateIssues({ prompt: 'x', reference_images: Array.from({ length: 8 }, () => ref) })[0]?.path).toBe('reference_images');
    expect(videoGenerateIssues({ image: ref })).toEqual([]);
    expect(videoExtendIssues({ prompt: 'x', video: { url: 'https://e.com/a.mp4' }, duration: 11 })[0]?.path).toBe('duration');
  });
});

describe('costs', () => {
  it('ticks and dollars', () => {
    expect(ticksToUsd(200_000_000)).toBe(0.02);
    expect(usdToTicks(0.07)).toBe(700_000_000);
  });
  it('image: per-image × n plus edit inputs; listed prices win over the table', () => {
    expect(estimateImageCost({ prompt: 'x', n: 3 })).toMatchObject({ ticks: 600_000_000, source: 'table' });
    expect(estimateImageCost({ prompt: 'x', images: [{ url: 'a' }, { url: 'b' }] } as never).ticks).toBe(200_000_000 + 40_000_000);
    const listed = mergeListings(BUILT_IN_TABLE, 'xai', { images: [{ id: 'grok-imagine-image', aliases: [], pricing: [], imagePriceTicks: 3 }], videos: [] });
    expect(estimateImageCost({ prompt: 'x' }, listed)).toMatchObject({ ticks: 300_000_000, source: 'listing' });
  });
  it('image: 2.0 is priced at the quality served (auto: low to generate, medium to edit); retired -quality as 2.0 low', () => {
    const two = { prompt: 'x', model: 'grok-imagine-image-2.0' };
    expect(estimateImageCost({ ...two, resolution: '2k' })).toMatchObject({ ticks: 600_000_000, quality: 'low' });
    expect(estimateImageCost({ ...two, quality: 'medium' })).toMatchObject({ ticks: 600_000_000, quality: 'medium' });
    expect(estimateImageCost({ ...two, images: [{ url: 'a' }] } as never)).toMatchObject({ ticks: 600_000_000 + 100_000_000, quality: 'medium' });
    expect(estimateImageCost({ prompt: 'x', model: 'grok-imagine-image-pro', n: 2, resolution: '2k' })).toMatchObject({ ticks: 1_200_000_000, quality: 'low' });
  });
  it('video: per second × resolution, plus inputs', () => {
    expect(estimateVideoCost({ prompt: 'x', duration: 1 }).ticks).toBe(500_000_000);
    expect(estimateVideoCost({ prompt: 'x', duration: 8, resolution: '720p', model: 'grok-imagine-video-1.5' }).ticks).toBe(8 * 1_400_000_000);
    expect(estimateVideoInputCost({ inputSeconds: 4, extensionSeconds: 2 }).ticks).toBe(2 * 700_000_000 + 4 * 100_000_000);
  });
});

describe('normalisation', () => {
  it('§13.14 strips a data: prefix from b64_json; missing usage → null cost', () => {
    const r = normalizeImageResponse({ data: [{ b64_json: `data:image/png;base64,${btoa('abc')}` }] }, 1, undefined);
    expect(r.items[0]).toMatchObject({ ok: true, mime: 'image/png' });
    expect(r.costTicks).toBeNull();
  });
  it('§13.26/27 moderation becomes blocked items', () => {
    expect(normalizeImageResponse({ data: [] }, 3, 'r').items.every((i) => !i.ok)).toBe(true);
    expect(normalizeImageResponse({ data: [] }, 3, 'r').items).toHaveLength(3);
    expect(normalizeImageResponse({ data: [{ url: '', respect_moderation: false }] }, 1, 'r').items[0]?.ok).toBe(false);
  });
  it('§13.51/55 video polls', () => {
    expect(normalizeVideoPoll(202, undefined, undefined)).toEqual({ status: 'pending', progress: null });
    expect(normalizeVideoPoll(200, { status: 'expired' }, undefined).status).toBe('expired');
    expect(normalizeVideoPoll(200, { video: { url: 'u', duration: 2 } }, undefined).status).toBe('done');
    expect(normalizeVideoPoll(200, { status: 'weird-new-state' }, undefined).status).toBe('pending');
  });
  it('pixel sizes', () => {
    expect(imagePixelSize('3:4', '2k')).toEqual({ width: 1792, height: 2560 });
    expect(videoPixelSize('16:9', '720p')).toEqual({ width: 1280, height: 720 });
    expect(inspectDataUri('data:image/png;base64,iVBORw0KGgo=')?.sniffed).toBe('image/png');
  });
});
