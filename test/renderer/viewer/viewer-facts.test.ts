import type { LibraryRecord } from '@contract';
import { describe, expect, it } from 'vitest';
import { factsOf, requestRows } from '../../../src-renderer/src/features/viewer/viewer-facts';
import { fitScale, minScale, stepScale, zoomLabel } from '../../../src-renderer/src/features/viewer/zoom';

const record = (over: Partial<LibraryRecord> = {}): LibraryRecord => ({
  id: 'a'.repeat(32), kind: 'image', createdAt: 1_700_000_000_000, prompt: 'a fox', editInstruction: null, model: 'grok-imagine-image',
  params: {}, width: 2592, height: 1728, aspectRatio: '3:2', durationMs: null, bytes: 1_500_000, mime: 'image/jpeg', costTicks: 200_000_000,
  requestId: 'req-1', moderation: null, sourceJobId: null, origin: 'generated', favorite: false, rating: 0, tags: [], trashedAt: null, missing: false,
  hasLineage: false, file: 'media/aa/x.jpg', thumb: null, preview: null, ...over,
});

describe('the viewer details', () => {
  it('name each fact once, in words', () => {
    const facts = factsOf(record());
    expect(facts.map((f) => f.label)).toEqual(['Model', 'Size', 'Cost', 'Created', 'Origin', 'Request id', 'Moderation']);
    expect(facts.find((f) => f.label === 'Size')?.value).toBe('2592 × 1728 (3:2) · 1.4 MB');
    expect(facts.find((f) => f.label === 'Moderation')?.value).toBe('Passed');
  });

  it('leave out what an item does not have, and add a video\'s duration', () => {
    const facts = factsOf(record({ kind: 'video', durationMs: 6000, model: null, requestId: null, origin: 'imported', width: null, height: null }));
    // An imported file was never sent anywhere: no Cost (and no Moderation) row (issue 14.2).
    expect(facts.map((f) => f.label)).toEqual(['Size', 'Duration', 'Created', 'Origin']);
    expect(facts.find((f) => f.label === 'Duration')?.value).toBe('0:06');
  });

  it('fold the raw request into readable rows: data URLs and long strings say what they are', () => {
    const rows = requestRows({ n: 1, response_format: 'b64_json', image: { url: `data:image/png;base64,${'A'.repeat(4000)}` }, prompt: 'x'.repeat(400) });
    expect(rows[0]).toEqual(['n', '1']);
    expect(rows[1]).toEqual(['response_format', 'b64_json']);
    expect(rows[2]?.[1]).toContain('data:image/png;base64,… (3 KB image/png)');
    expect(rows[2]?.[1]).not.toContain('AAAA');
    expect(rows[3]?.[1]).toMatch(/…\s\(400 characters\)$/);
  });
});

describe('the viewer zoom', () => {
  it('fits the whole image, never below actual size for small images, and steps within the limits', () => {
    expect(fitScale({ width: 2000, height: 1000 }, { width: 1000, height: 800 })).toBe(0.5);
    expect(minScale(0.5)).toBe(0.5);
    expect(minScale(3)).toBe(1);
    expect(stepScale(1, 1, 0.5)).toBe(1.5);
    expect(stepScale(0.6, -1, 0.5)).toBe(0.5);
    expect(stepScale(7, 1, 0.5)).toBe(8);
    expect(zoomLabel(0.337)).toBe('34 %');
  });
});
