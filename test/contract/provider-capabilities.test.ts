/**
 * Stability AI and MiniMax in the one capability table (issue 18 point 1): their models, operations, limits and
 * prices (credits → USD), checked against the references; served per kind of model (SERVED_BY_KIND) as their jobs are
 * wired, and never in what only xAI serves.
 */
import { describe, expect, it } from 'vitest';
import {
  BUILT_IN_TABLE, CapabilityTableSchema, IMAGE_ASPECT_RATIOS, MAX_PROMPT_LENGTH, PROVIDER_IDS, SERVED_BY_KIND, XAI_ONLY, currentModels, findModel, findOperation, operationPriceTicks,
  operationsOf, providerOf, providersFor,
} from '@contract';

const USD = 10_000_000_000;

describe('capability table: providers', () => {
  it('holds xAI, Stability AI and MiniMax, and the whole table passes its own schema', () => {
    expect(PROVIDER_IDS).toEqual(['xai', 'stability', 'minimax']);
    expect(CapabilityTableSchema.safeParse(BUILT_IN_TABLE).success).toBe(true);
  });

  it('Stability: generate with Ultra, Core and the SD 3.5 family; mask, erase, outpaint, search-and-replace, background removal, three upscales; no video', () => {
    expect(currentModels('image', BUILT_IN_TABLE, ['stability']).map((m) => m.id)).toEqual(['stable-image-ultra', 'stable-image-core', 'sd3.5-large', 'sd3.5-large-turbo', 'sd3.5-medium']);
    expect(operationsOf('stability').map((o) => o.name)).toEqual(['generate', 'edit', 'inpaint', 'erase', 'outpaint', 'search-replace', 'remove-background', 'upscale-fast', 'upscale-conservative', 'upscale-creative']);
    expect(currentModels('video', BUILT_IN_TABLE, ['stability'])).toEqual([]);
    for (const v of ['text-video', 'image-video', 'first-last-video', 'subject-video'] as const) expect(findOperation('stability', v)).toBeUndefined();
    expect(findOperation('stability', 'inpaint')).toMatchObject({ mask: true, prompt: 'required' });
    expect(findOperation('stability', 'upscale-creative')).toMatchObject({ async: true });
  });

  it('Stability prices: credits at $0.01 (Ultra 8, Core 3, SD3.5 Large 6.5, erase 5, outpaint 4, fast 2, conservative 40, creative 60)', () => {
    expect(operationPriceTicks('stability', 'generate', 'stable-image-ultra')).toBe(0.08 * USD);
    expect(operationPriceTicks('stability', 'generate', 'stable-image-core')).toBe(0.03 * USD);
    expect(operationPriceTicks('stability', 'generate', 'sd3.5-large')).toBe(0.065 * USD);
    expect([operationPriceTicks('stability', 'erase'), operationPriceTicks('stability', 'outpaint'), operationPriceTicks('stability', 'upscale-fast'),
      operationPriceTicks('stability', 'upscale-conservative'), operationPriceTicks('stability', 'upscale-creative')]).toEqual([0.05, 0.04, 0.02, 0.4, 0.6].map((d) => Math.round(d * USD)));
  });

  it('MiniMax: image-01 with subject reference at $0.0035; Hailuo text→, image→, first/last-frame and subject video (v1)', () => {
    expect(operationPriceTicks('minimax', 'generate')).toBe(0.0035 * USD);
    expect(findOperation('minimax', 'subject-image')?.models).toContain('image-01');
    expect(findOperation('minimax', 'first-last-video')?.models).toEqual(['MiniMax-Hailuo-02']);
    expect(findOperation('minimax', 'subject-video')?.models).toEqual(['S2V-01']);
    const hailuo = findModel('MiniMax-Hailuo-2.3', 'video', BUILT_IN_TABLE, ['minimax']);
    expect(hailuo).toMatchObject({ resolutions: ['768p', '1080p'], durationsByResolution: { '768p': [6, 10], '1080p': [6] } });
    // $0.28 for 6 s at 768p (minimax-api.md §7).
    expect(((hailuo as { pricePerSecond: Record<string, number> }).pricePerSecond['768p'] ?? 0) * 6).toBeCloseTo(0.28 * USD, -2);
    expect(findModel('image-01', 'image', BUILT_IN_TABLE, ['minimax'])?.sizes?.['16:9']).toEqual([1280, 720]);
  });

  it('who can do what: remove background and upscales only on Stability; video on xAI and MiniMax', () => {
    expect(providersFor('remove-background')).toEqual(['stability']);
    expect(providersFor('upscale-fast')).toEqual(['stability']);
    expect(providersFor('text-video')).toEqual(['xai', 'minimax']);
    expect(providerOf('sd3.5-medium')).toBe('stability');
    expect(providerOf('S2V-01')).toBe('minimax');
  });

  it('served per kind: images from all three providers (one queue), video from xAI and MiniMax (one journal); xAI-only look-ups stay xAI', () => {
    expect(SERVED_BY_KIND).toEqual({ image: ['xai', 'stability', 'minimax'], video: ['xai', 'minimax'] });
    expect(findModel('stable-image-core', 'image')?.id).toBe('stable-image-core');
    expect(findModel('image-01', 'image')?.id).toBe('image-01');
    expect(findModel('stable-image-core', 'image', BUILT_IN_TABLE, XAI_ONLY)).toBeUndefined();
    // MiniMax's Hailuo video runs through the video journal (issue 18 §3): its models are offered; never Stability's.
    expect(new Set(currentModels('video').map((m) => providerOf(m.id)))).toEqual(new Set(['xai', 'minimax']));
    expect(findModel('MiniMax-Hailuo-02', 'video', BUILT_IN_TABLE, XAI_ONLY)).toBeUndefined();
    // Stability's own ratios reach the contract's enum, so a 21:9 or 4:5 Stability batch passes the boundary.
    expect(IMAGE_ASPECT_RATIOS).toEqual(expect.arrayContaining(['21:9', '9:21', '5:4', '4:5']));
    // What only xAI serves is sized by xAI's models (not Stability's 10,000-character prompts).
    expect(MAX_PROMPT_LENGTH).toBeLessThan(10_000);
  });
});
