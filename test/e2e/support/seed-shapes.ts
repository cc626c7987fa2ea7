/**
 * Items of the shapes a gallery must keep: a 2592×1728 photo (larger than any preview), a 4:1 panorama and a tall
 * portrait, ingested through the library's own code path after `seedLibrary`. The photo's request carries the raw
 * fields people should not have to read (`n`, `response_format`, an image as a data URL).
 */
import path from 'node:path';
import { createLibraryAdapters } from '../../../src-main/adapters/library';
import { createLibraryService } from '../../../src-main/services/library/library-service';
import { labelledJpeg, type SeededItem } from './seed-library';

export const SHAPES = [
  { width: 2592, height: 1728, ratio: '3:2', prompt: 'a wide alpine valley at sunrise, detailed photo' },
  { width: 4096, height: 1024, ratio: '4:1', prompt: 'a panorama of a desert canyon at noon' },
  { width: 1152, height: 2048, ratio: '9:16', prompt: 'a tall lighthouse portrait in fog' },
] as const;

export async function seedShapes(dataDir: string): Promise<SeededItem[]> {
  const adapters = createLibraryAdapters(path.join(dataDir, 'library'));
  let now = Date.UTC(2026, 5, 1, 12);
  const service = createLibraryService({
    ...adapters,
    clock: { now: () => now } as never,
    events: { emit() {} },
    logger: { info() {}, warn() {}, error() {} },
  });
  const out: SeededItem[] = [];
  try {
    for (const [i, shape] of SHAPES.entries()) {
      now += 3_600_000;
      const record = await service.ingest({
        bytes: await labelledJpeg(100 + i, shape.prompt, shape.width, shape.height),
        kind: 'image',
        origin: 'generated',
        prompt: shape.prompt,
        model: 'grok-imagine-image',
        params: { model: 'grok-imagine-image', n: 1, aspect_ratio: shape.ratio, response_format: 'b64_json', image: { url: `data:image/png;base64,${'A'.repeat(4000)}` } },
        aspectRatio: shape.ratio,
        costTicks: 200_000_000,
        requestId: `req-shape-${i}`,
        createdAt: now,
      });
      out.push({ id: record.id, prompt: shape.prompt, kind: 'image' });
    }
    await service.idle();
  } finally {
    adapters.store.close();
  }
  return out;
}
