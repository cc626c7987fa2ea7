import { afterEach, describe, expect, it } from 'vitest';
import { clearRenderCache, renderCacheStats } from '../../../src-main/simulator';
import { post, startTestSimulator } from './helpers';

type Sim = Awaited<ReturnType<typeof startTestSimulator>>;
const sims: Sim[] = [];
afterEach(async () => {
  for (const s of sims.splice(0)) await s.close();
  clearRenderCache();
});

async function generate(sim: Sim, prompt: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await post(sim, '/images/generations', { model: 'grok-imagine-image', prompt, response_format: 'b64_json', ...extra });
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: { b64_json: string }[] }).data[0]?.b64_json ?? '';
}

describe('render cache', () => {
  it('serves a repeated (prompt, size, mime) from the cache, across simulators, with identical bytes', async () => {
    clearRenderCache();
    const a = await startTestSimulator();
    const b = await startTestSimulator();
    sims.push(a, b);
    const first = await generate(a, 'a cached fox');
    expect(renderCacheStats()).toMatchObject({ hits: 0, misses: 1, entries: 1 });
    expect(await generate(b, 'a cached fox')).toBe(first);
    expect(renderCacheStats()).toMatchObject({ hits: 1, misses: 1 });
    // Another size or prompt is another image.
    await generate(a, 'a cached fox', { aspect_ratio: '16:9' });
    await generate(a, 'another fox');
    expect(renderCacheStats()).toMatchObject({ hits: 1, misses: 3, entries: 3 });
    expect(renderCacheStats().bytes).toBeGreaterThan(0);
  });

  it('renders every time with renderCache: false (the uncached bench)', async () => {
    clearRenderCache();
    const sim = await startTestSimulator({ renderCache: false });
    sims.push(sim);
    const one = await generate(sim, 'uncached');
    expect(await generate(sim, 'uncached')).toBe(one);
    expect(renderCacheStats()).toMatchObject({ hits: 0, misses: 0, entries: 0 });
  });
});
